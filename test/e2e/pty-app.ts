/**
 * The built `xsarena` binary in a real pseudo-terminal, read back through a headless terminal of the
 * same size: what a person would see, without tmux.
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import {waitFor} from '../helpers/wait-for.js';

/** The compiled entry point (`npm test` builds it first). */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A running app and its screen. */
export type PtyApp = {
	/** The screen as plain text rows. */
	screen(): string;
	/** Type keys (raw bytes: `\r` for Enter, `\u001B` for Esc). */
	type(keys: string): void;
	/** Wait until the screen matches. */
	waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
	/** Resolves with the exit code when the process ends. */
	readonly exited: Promise<number>;
	/** Everything the app wrote, raw. */
	raw(): string;
	kill(): void;
	/** Resize the pty (the app gets SIGWINCH) and the emulator reading it. */
	resize(cols: number, rows: number): void;
};

/** Start `node dist/cli.js …args` in a pty of `cols`×`rows`. */
export function startApp(
	args: readonly string[],
	options: {cwd: string; cols?: number; rows?: number; env?: Record<string, string>},
): PtyApp {
	const cols = options.cols ?? 160;
	const rows = options.rows ?? 48;
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	let raw = '';
	const child = pty.spawn(process.execPath, [cliPath, ...args], {
		cols,
		rows,
		cwd: options.cwd,
		name: 'xterm-256color',
		env: {...(process.env as Record<string, string>), ...options.env},
	});
	child.onData((data) => {
		raw += data;
		terminal.write(data);
	});
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});
	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines.join('\n');
	};

	return {
		screen,
		type(keys) {
			child.write(keys);
		},
		async waitForScreen(pattern, timeoutMs = 10_000) {
			// Let the emulator finish parsing before reading.
			return waitFor(
				async () => {
					await new Promise<void>((resolve) => terminal.write('', resolve));
					const text = screen();
					return pattern.test(text) ? text : undefined;
				},
				timeoutMs,
				() => `screen did not match ${pattern}:\n${screen()}`,
				50,
			);
		},
		exited,
		raw: () => raw,
		resize(newCols, newRows) {
			child.resize(newCols, newRows);
			terminal.resize(newCols, newRows);
		},
		kill() {
			for (const kill of [() => process.kill(-child.pid, 'SIGKILL'), () => child.kill('SIGKILL')]) {
				try {
					kill();
				} catch {
					// Already gone.
				}
			}
		},
	};
}

/** Run `node dist/cli.js …args` to completion (for CLI calls beside the dashboard). */
export async function runCli(
	args: readonly string[],
	cwd: string,
): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		execFile(process.execPath, [cliPath, ...args], {cwd, timeout: 20_000}, (error, stdout, stderr) => {
			resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
		});
	});
}
