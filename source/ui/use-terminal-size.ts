/** The terminal's size, kept current on `resize`. */
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {minimumSize, type TerminalSize} from './layout.js';

function read(stdout: NodeJS.WriteStream): TerminalSize {
	// A stream that is not a terminal has no size; assume the minimum rather than 0×0.
	return {columns: stdout.columns || minimumSize.columns, rows: stdout.rows || minimumSize.rows};
}

/**
 * Columns and rows of Ink's stdout, updated when the terminal is resized. `override` (tests, or a
 * caller that knows better) wins over the stream.
 */
export function useTerminalSize(override?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const onResize = () => {
			const next = read(stdout);
			setSize((previous) =>
				previous.columns === next.columns && previous.rows === next.rows ? previous : next,
			);
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return override ?? size;
}
