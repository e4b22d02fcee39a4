/**
 * Runs a program in a pseudo-terminal (node-pty) behind the {@link AgentProcess} adapter.
 */
import {constants} from 'node:os';
import nodePty from 'node-pty';
import type {AgentExit, AgentProcess, Disposable, PtySpec} from './agent-process.js';
import {signalGroup} from './process-group.js';

/** How long the pty is held open after the program ends, in ms (microsoft/node-pty#72). */
export const defaultLingerMs = 100;
/** After node-pty reports the exit, the output counts as drained once no data came for this long, in ms. */
export const drainQuietMs = 30;
/** Upper bound on the drain wait, in ms. */
export const drainMaxMs = 500;

/**
 * The linger wrapper: runs "$@" (argv as given, never re-parsed), keeps the pty slave open `$1`
 * seconds after the program ends, so node-pty reads the program's last output before the master sees
 * EIO (microsoft/node-pty#72: without it, output written just before exit is lost in a large share of
 * runs), then exits with the program's status.
 *
 * The wrapper catches INT, QUIT, TERM and HUP with a no-op trap (caught, not ignored, so the program
 * gets default dispositions): Ctrl-C in a pane and a group SIGTERM reach the program, and the wrapper
 * outlives it to linger. A program killed by signal N is therefore reported as exit code 128+N with
 * `signal: null` (the shell's convention, and dash prints e.g. "Terminated"); `signal` is set only when
 * the wrapper itself is killed, i.e. by SIGKILL.
 */
const lingerScript = 'l=$1; shift; trap : INT QUIT TERM HUP; "$@"; s=$?; sleep "$l"; exit $s';

function signalName(signal: number | undefined): string | null {
	if (!signal) {
		return null;
	}

	const entry = Object.entries(constants.signals).find(([, number]) => number === signal);
	return entry?.[0] ?? `SIG${signal}`;
}

function commandLine(spec: PtySpec): [string, string[]] {
	const lingerMs = spec.lingerMs ?? defaultLingerMs;
	if (lingerMs <= 0) {
		return [spec.file, [...spec.args]];
	}

	return [
		'/bin/sh',
		['-c', lingerScript, 'xsarena-linger', (lingerMs / 1000).toFixed(3), spec.file, ...spec.args],
	];
}

/**
 * Starts `spec.file` with `spec.args` in a new pty, as the leader of a new session and process group.
 * The exit is reported only after the output drained: after node-pty's exit event, once no data came
 * for {@link drainQuietMs} or {@link drainMaxMs} passed.
 * @throws when node-pty cannot fork (e.g. out of ptys or processes); a missing program or `cwd` is
 * reported as exit code 127 / 1 with the shell's message in the output instead.
 */
export function spawnPty(spec: PtySpec): AgentProcess {
	const [file, args] = commandLine(spec);
	const pty = nodePty.spawn(file, args, {
		name: spec.env['TERM'] ?? 'xterm-256color',
		cols: spec.cols,
		rows: spec.rows,
		cwd: spec.cwd,
		env: {...spec.env},
	});
	const dataListeners = new Set<(data: string) => void>();
	const exitListeners = new Set<(exit: AgentExit) => void>();
	let rawExit: AgentExit | undefined;
	let result: AgentExit | undefined;
	let quietTimer: NodeJS.Timeout | undefined;
	let maxTimer: NodeJS.Timeout | undefined;

	const finish = () => {
		if (result !== undefined || rawExit === undefined) {
			return;
		}

		clearTimeout(quietTimer);
		clearTimeout(maxTimer);
		result = rawExit;
		dataSubscription.dispose();
		exitSubscription.dispose();
		for (const listener of exitListeners) {
			listener(result);
		}

		exitListeners.clear();
		dataListeners.clear();
	};

	const waitForQuiet = () => {
		clearTimeout(quietTimer);
		quietTimer = setTimeout(finish, drainQuietMs);
	};

	const dataSubscription = pty.onData((data) => {
		for (const listener of dataListeners) {
			listener(data);
		}

		if (rawExit !== undefined) {
			waitForQuiet();
		}
	});
	const exitSubscription = pty.onExit(({exitCode, signal}) => {
		const name = signalName(signal);
		rawExit = {code: name === null ? exitCode : null, signal: name};
		maxTimer = setTimeout(finish, drainMaxMs);
		waitForQuiet();
	});

	return {
		pid: pty.pid,
		write(data) {
			if (rawExit === undefined) {
				pty.write(data);
			}
		},
		resize(cols, rows) {
			try {
				pty.resize(cols, rows);
			} catch {
				// The pty closed before node-pty reported the exit (ioctl fails with EBADF): nothing to resize.
			}
		},
		pause: () => pty.pause(),
		resume: () => pty.resume(),
		onData(listener): Disposable {
			if (result === undefined) {
				dataListeners.add(listener);
			}

			return {dispose: () => dataListeners.delete(listener)};
		},
		onExit(listener): Disposable {
			if (result === undefined) {
				exitListeners.add(listener);
				return {dispose: () => exitListeners.delete(listener)};
			}

			const ended = result;
			const pending = setImmediate(() => listener(ended));
			return {dispose: () => clearImmediate(pending)};
		},
		kill(signal = 'SIGTERM') {
			signalGroup(pty.pid, signal);
		},
	};
}
