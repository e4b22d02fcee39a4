/** The REPL's output area: the last lines that fit, above the input line. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import {theme} from '../theme.js';
import type {ReplLine} from './repl-state.js';

/** Props of {@link ReplOutput}. */
export type ReplOutputProps = {
	readonly lines: readonly ReplLine[];
	readonly width: number;
	readonly height: number;
};

/** Output lines, newest at the bottom; errors red, echoed commands in the prompt colour. */
export const ReplOutput = memo(function ReplOutput({lines, width, height}: ReplOutputProps) {
	const visible = lines.slice(-height);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{visible.map((line) => (
				<Text
					key={line.id}
					wrap="truncate-end"
					color={line.tone === 'error' ? theme.error : line.tone === 'input' ? theme.prompt : undefined}
				>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</Box>
	);
});
