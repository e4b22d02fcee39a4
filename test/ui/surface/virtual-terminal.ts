/**
 * The real `renderDashboard` (Ink, the pane surface, the screen mode) drawing into a headless xterm
 * through a fake TTY: what a person would see, in process, with every write kept for inspection.
 */
import {PassThrough, Writable} from 'node:stream';
import xterm from '@xterm/headless';
import {renderDashboard, type RenderDashboardOptions} from '../../../source/ui/render-dashboard.js';

/** A dashboard on a virtual terminal. */
export type VirtualDashboard = {
	/** The screen as text rows, trailing blanks trimmed. */
	screen(): Promise<string[]>;
	/** Wait until the screen satisfies `check` (bounded). */
	waitForScreen(check: (lines: string[]) => boolean, timeoutMs?: number): Promise<string[]>;
	/** Every chunk written to the terminal so far. */
	readonly writes: string[];
	type(keys: string): void;
	/** Resize the terminal (the dashboard hears `resize`). */
	resize(columns: number, rows: number): void;
	/** Leave whatever has the keys (Esc), quit (`q`) and wait for the dashboard to end. */
	close(): Promise<void>;
};

/** Render the dashboard at `columns`×`rows` on a virtual terminal. */
export function virtualDashboard(
	options: Omit<RenderDashboardOptions, 'stdout' | 'stdin' | 'stderr'>,
	columns = 100,
	rows = 30,
): VirtualDashboard {
	// A pty turns LF into CR LF (onlcr); Ink relies on it.
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true});
	const writes: string[] = [];
	const stdout = new Writable({
		write(chunk: Buffer | string, _encoding, callback) {
			const text = chunk.toString();
			writes.push(text);
			terminal.write(text);
			callback();
		},
	});
	Object.assign(stdout, {columns, rows, isTTY: true});
	const stdin = new PassThrough();
	Object.assign(stdin, {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
	// What the dashboard printed after leaving the screen (a render error): shown when a wait fails.
	let errors = '';
	const stderr = new PassThrough();
	stderr.on('data', (chunk: Buffer) => {
		errors += chunk.toString();
	});
	const done = renderDashboard({
		...options,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
	});
	const screen = async () => {
		await new Promise<void>((resolve) => terminal.write('', resolve));
		const buffer = terminal.buffer.active;
		return Array.from(
			{length: terminal.rows},
			(_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '',
		);
	};

	return {
		screen,
		async waitForScreen(check, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const lines = await screen();
				if (check(lines)) {
					return lines;
				}

				if (Date.now() > deadline) {
					throw new Error(`the screen never matched:\n${lines.join('\n')}\n${errors}`);
				}

				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
		writes,
		type(keys) {
			stdin.write(keys);
		},
		resize(newColumns, newRows) {
			Object.assign(stdout, {columns: newColumns, rows: newRows});
			terminal.resize(newColumns, newRows);
			stdout.emit('resize');
		},
		async close() {
			stdin.write('\u001B');
			// A lone Esc is told from Alt+key by the pause after it.
			await new Promise((resolve) => setTimeout(resolve, 150));
			stdin.write('q');
			await done;
		},
	};
}
