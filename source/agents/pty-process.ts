/**
 * Runs a program in a pseudo-terminal (node-pty) behind the {@link AgentProcess} adapter.
 */
import {constants} from 'node:os';
import nodePty from 'node-pty';
import type {AgentExit, AgentProcess, Disposable, PtySpec} from './agent-process.js';
import {signalGroup} from './process-group.js';

/** After node-pty reports the exit, the output counts as drained once no data came for this long, in ms. */
export const drainQuietMs = 30;
/** Upper bound on the drain wait, in ms. */
export const drainMaxMs = 500;

/**
 * The end marker: an OSC sequence with a private number, which the wrapper prints after the program
 * ended, carrying its exit status. Terminals ignore unknown OSC numbers, and it is cut out of the
 * output before anyone sees it.
 */
const markerPrefix = '\u001B]7771;xsarena-exit;';
const markerEnd = '\u0007';
// eslint-disable-next-line no-control-regex -- the marker is made of control characters
const markerPattern = /\u001B\]7771;xsarena-exit;(\d+)\u0007/;

/**
 * The exit wrapper: runs "$@" (argv as given, never re-parsed), then prints the end marker with the
 * program's status and keeps the pty slave open until we have read the marker and released it (by
 * writing a line, which its `read` takes; if we are gone, the closed master ends the `read`). A fixed
 * linger lost output whenever our event loop was busy for longer than it: the pty buffer holds ~4 KiB and the kernel discards the rest once the slave closes (microsoft/node-pty#72;
 * measured: 5,000 bytes arrived as 4,095 after a stall). Reading the marker proves every byte before it
 * was read. `stty sane` first, so a program that left the terminal raw with VMIN=0 cannot make the
 * `read` return at once.
 *
 * The wrapper catches INT, QUIT and TERM with a no-op trap (caught, not ignored, so the program gets
 * default dispositions): Ctrl-C in a pane and a group SIGTERM reach the program, and the wrapper
 * outlives it to report. A program killed by signal N is therefore reported as exit code 128+N with
 * `signal: null` (the shell's convention); `signal` is set only when the wrapper itself is killed
 * before its marker was read, i.e. by the stop ladder's SIGKILL. HUP is left alone: when we die without
 * stopping our runs (kill -9, a crash), the closed master hangs up the wrapper, the session leader, and
 * its death sends SIGHUP to the program's group, as closing a terminal window would; a trapped HUP
 * left such programs running forever.
 */
const exitWrapper = `trap : INT QUIT TERM; "$@"; s=$?; stty sane 2>/dev/null; printf '\\033]7771;xsarena-exit;%d\\007' "$s"; read -r _; exit $s`;

function signalName(signal: number | undefined): string | null {
	if (!signal) {
		return null;
	}

	const entry = Object.entries(constants.signals).find(([, number]) => number === signal);
	return entry?.[0] ?? `SIG${signal}`;
}

/** Length of the longest suffix of `data` that is a proper prefix of the end marker (its `<status>` part included). */
function partialMarkerLength(data: string): number {
	const start = data.lastIndexOf('\u001B');
	if (start === -1) {
		return 0;
	}

	const tail = data.slice(start);
	if (tail.length < markerPrefix.length) {
		return markerPrefix.startsWith(tail) ? tail.length : 0;
	}

	return tail.startsWith(markerPrefix) &&
		!tail.includes(markerEnd) &&
		/^\d*$/.test(tail.slice(markerPrefix.length))
		? tail.length
		: 0;
}

function commandLine(spec: PtySpec): [string, string[]] {
	if (spec.wrapper === false) {
		return [spec.file, [...spec.args]];
	}

	return ['/bin/sh', ['-c', exitWrapper, 'xsarena-run', spec.file, ...spec.args]];
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
	const wrapped = spec.wrapper !== false;
	let rawExit: AgentExit | undefined;
	let markerExit: AgentExit | undefined;
	/** A tail of output that may be the start of the end marker, held until the next chunk. */
	let held = '';
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

	const emit = (data: string) => {
		if (data === '') {
			return;
		}

		for (const listener of dataListeners) {
			listener(data);
		}
	};

	const dataSubscription = pty.onData((chunk) => {
		if (markerExit !== undefined) {
			return; // Nothing the program wrote comes after the marker.
		}

		if (!wrapped) {
			emit(chunk);
		} else {
			const data = held + chunk;
			held = '';
			const match = markerPattern.exec(data);
			if (match) {
				emit(data.slice(0, match.index));
				markerExit = {code: Number(match[1]), signal: null};
				// Every byte before the marker is read: release the wrapper, which waits for a line. Input
				// written before its `read` starts waits in the pty's queue, so this cannot race.
				pty.write('\n');
			} else {
				const keep = partialMarkerLength(data);
				held = data.slice(data.length - keep);
				emit(data.slice(0, data.length - keep));
			}
		}

		if (rawExit !== undefined) {
			waitForQuiet();
		}
	});
	const exitSubscription = pty.onExit(({exitCode, signal}) => {
		const name = signalName(signal);
		emit(held);
		held = '';
		rawExit = markerExit ?? {code: name === null ? exitCode : null, signal: name};
		maxTimer = setTimeout(finish, drainMaxMs);
		waitForQuiet();
	});

	return {
		pid: pty.pid,
		write(data) {
			if (rawExit === undefined && markerExit === undefined) {
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
