/**
 * Reactions to a run's state change (`busy` → `waiting`, …): the user's hook command, the terminal
 * bell and a desktop notification, so a person can leave the board and still hear when an agent
 * needs them.
 *
 * Hooks are other people's programs: they may hang, flood, read the terminal or take seconds. So each
 * runs in its own session (no controlling terminal, stdin closed, stdout discarded), is killed with its
 * whole process group after a timeout, and at most a few run at once; changes beyond that wait in a
 * bounded queue. Hooks of one job run one at a time, in the order of its changes, so a hook that keeps
 * a status file never sees `idle` overtaken by the `busy` that came before it.
 */
import {spawn} from 'node:child_process';
import which from 'which';
import type {RunActivity} from '../core/supervision.js';
import {killProcessGroup} from '../agents/process-group.js';

/** One run's change of activity. */
export type StateChange = {
	readonly jobId: string;
	readonly title: string;
	/** The run's number (1-based). */
	readonly run: number;
	readonly from: RunActivity;
	readonly to: RunActivity;
};

/** What to do on a state change (from the config's `hooks` and `notify` sections). */
export type HookSettings = {
	/**
	 * Command run on every change: a string runs with `sh -c`, an array is argv (no shell). It gets
	 * `XSARENA_OLD_STATE`, `XSARENA_NEW_STATE`, `XSARENA_JOB_ID`, `XSARENA_JOB_TITLE`, `XSARENA_RUN`.
	 */
	readonly onStateChange?: string | readonly string[];
	readonly notify: {
		/** Ring the terminal bell. */
		readonly bell: boolean;
		/** Show a desktop notification with `notify-send` (when it is on PATH). */
		readonly desktop: boolean;
		/** The states (`to`) that ring the bell and notify the desktop; the hook ignores this. */
		readonly states: readonly RunActivity[];
	};
};

/** How a {@link StateNotifier} runs things; all optional but `cwd`. */
export type StateNotifierOptions = {
	/** Folder the hook runs in (the project). */
	readonly cwd: string;
	/** Rings the bell; default: BEL on stdout when stdout is a terminal. */
	readonly ringBell?: () => void;
	/** Receives every failure (hook exit status, timeout, spawn error, dropped changes); default: none. */
	readonly onError?: (error: Error) => void;
	/** Longest a hook or notification may run before its process group is killed, in ms; default 10 000. */
	readonly timeoutMs?: number;
	/** Hooks and notifications running at once; default 4. */
	readonly maxRunning?: number;
	/** Waiting hooks and notifications kept; past this the oldest is dropped (and counted); default 100. */
	readonly maxQueued?: number;
	/** Base environment of hooks, and the PATH searched for `notify-send`; default `process.env`. */
	readonly env?: NodeJS.ProcessEnv;
	/** Finds a program on PATH, or `undefined`; default the `which` package. Injected in tests. */
	readonly lookPath?: (program: string) => Promise<string | undefined>;
};

/** One process to run for a change: the hook or `notify-send`. */
type Task = {
	/** Tasks with the same key (kind and job) run one at a time, in order. */
	readonly key: string;
	/** What the task is, for error messages. */
	readonly label: string;
	/** argv, or `undefined` when there turned out to be nothing to run (no `notify-send`). */
	readonly argv: () => Promise<readonly string[] | undefined>;
	readonly env: NodeJS.ProcessEnv;
};

/** Grace between SIGTERM and SIGKILL for a hook past its timeout, in ms. */
const killGraceMs = 1000;
/** Stderr kept from a hook for its error message, in characters. */
const stderrLimit = 4096;
/** Longest wait for a hook's stderr to end after the hook exited, in ms. */
const stderrWaitMs = 100;

/**
 * Runs the configured reactions to state changes. {@link StateNotifier.notify} never throws and
 * never waits; failures go to `onError`.
 */
export class StateNotifier {
	readonly #settings: HookSettings;
	readonly #options: StateNotifierOptions;
	readonly #queue: Task[] = [];
	readonly #runningKeys = new Set<string>();
	readonly #running = new Set<Promise<void>>();
	readonly #pids = new Set<number>();
	#notifySend: Promise<string | undefined> | undefined;
	#droppedUnreported = 0;
	#dropped = 0;
	#closed = false;

	constructor(settings: HookSettings, options: StateNotifierOptions) {
		this.#settings = settings;
		this.#options = options;
	}

	/** Changes dropped so far because the queue was full. */
	get dropped(): number {
		return this.#dropped;
	}

	/**
	 * React to one change: ring the bell now (when `to` is in `notify.states`), queue the hook (every
	 * change) and the desktop notification (when `to` is in `notify.states`). Ignored after `close()`.
	 */
	notify(change: StateChange): void {
		if (this.#closed) {
			return;
		}

		const {onStateChange, notify} = this.#settings;
		const notable = notify.states.includes(change.to);
		if (notable && notify.bell) {
			this.#guard('bell', () => {
				(this.#options.ringBell ?? defaultBell)();
			});
		}

		const env = {...(this.#options.env ?? process.env), ...hookEnv(change)};
		const hook = hookArgv(onStateChange);
		if (hook) {
			this.#enqueue({key: `hook:${change.jobId}`, label: 'state-change hook', argv: async () => hook, env});
		}

		if (notable && notify.desktop) {
			const message = [`xsarena: ${change.title}`, `${change.from} → ${change.to}`];
			this.#enqueue({
				key: `desktop:${change.jobId}`,
				label: 'notify-send',
				argv: async () => {
					const program = await this.#findNotifySend();
					return program ? [program, ...message] : undefined;
				},
				env,
			});
		}
	}

	/** Resolves when nothing is queued or running (hooks started meanwhile are waited for too). */
	async idle(): Promise<void> {
		while (this.#running.size > 0) {
			// A finished task may have started the next one: wait again until none is left.
			await Promise.all(this.#running);
		}
	}

	/** Drop what is queued, kill the running hooks' process groups, and resolve once they ended. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#queue.length = 0;
		await Promise.all([...this.#pids].map(async (pid) => killProcessGroup(pid, {graceMs: killGraceMs})));
		await this.idle();
	}

	#enqueue(task: Task): void {
		this.#queue.push(task);
		const max = Math.max(1, this.#options.maxQueued ?? 100);
		if (this.#queue.length > max) {
			this.#queue.shift();
			this.#dropped++;
			// One warning per burst, with its count, instead of one per dropped change.
			if (this.#droppedUnreported++ === 0) {
				queueMicrotask(() => {
					const count = this.#droppedUnreported;
					this.#droppedUnreported = 0;
					this.#report(
						new Error(
							`hook queue full: dropped the ${count} oldest state change${count === 1 ? '' : 's'} (${this.#dropped} in all)`,
						),
					);
				});
			}
		}

		this.#pump();
	}

	/** Start queued tasks while there is room, skipping those whose job already has one running. */
	#pump(): void {
		const max = Math.max(1, this.#options.maxRunning ?? 4);
		for (let index = 0; index < this.#queue.length && this.#running.size < max;) {
			const task = this.#queue[index]!;
			if (this.#runningKeys.has(task.key)) {
				index++;
				continue;
			}

			this.#queue.splice(index, 1);
			this.#runningKeys.add(task.key);
			const running: Promise<void> = this.#run(task).finally(() => {
				this.#runningKeys.delete(task.key);
				this.#running.delete(running);
				this.#pump();
			});
			this.#running.add(running);
		}
	}

	async #run(task: Task): Promise<void> {
		try {
			const argv = await task.argv();
			if (argv && !this.#closed) {
				await this.#spawn(task, argv);
			}
		} catch (error) {
			// After close(), a hook we killed ourselves is no failure worth reporting.
			if (!this.#closed) {
				this.#report(new Error(`${task.label} failed: ${(error as Error).message}`));
			}
		}
	}

	/** Runs argv in its own session; resolves when it exits (or was killed), reporting a failure. */
	async #spawn(task: Task, [file, ...args]: readonly string[]): Promise<void> {
		const timeoutMs = this.#options.timeoutMs ?? 10_000;
		const child = spawn(file!, args, {
			cwd: this.#options.cwd,
			env: task.env,
			// A new session: the hook cannot read or draw on our terminal, and its pid names its group.
			detached: true,
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(0, stderrLimit);
		});
		const pid = child.pid;
		if (pid !== undefined) {
			this.#pids.add(pid);
		}

		let killing: Promise<void> | undefined;
		const timer = setTimeout(() => {
			if (pid !== undefined) {
				killing = killProcessGroup(pid, {graceMs: killGraceMs}).catch(() => undefined);
			}
		}, timeoutMs);
		const closed = new Promise<void>((resolve) => {
			child.stderr.once('close', resolve);
		});
		try {
			const exit = await new Promise<{code: number | null; signal: string | null}>((resolve, reject) => {
				child.once('error', reject);
				child.once('exit', (code, signal) => {
					resolve({code, signal});
				});
			});
			// 'exit' may come before the last stderr bytes; a background child may hold the pipe for hours.
			let stderrTimer: NodeJS.Timeout | undefined;
			await Promise.race([
				closed,
				new Promise((resolve) => {
					stderrTimer = setTimeout(resolve, stderrWaitMs);
				}),
			]);
			clearTimeout(stderrTimer);
			if (killing) {
				// The hook's own exit is not the end of its group: idle() promises that all of it is gone.
				await killing;
				throw new Error(`timed out after ${timeoutMs} ms; its process group was killed`);
			}

			if (exit.code !== 0) {
				const status = exit.signal ? `was killed by ${exit.signal}` : `exited with ${exit.code}`;
				const detail = stderr.trim().split('\n')[0];
				throw new Error(`${status}${detail ? `: ${detail}` : ''}`);
			}
		} finally {
			clearTimeout(timer);
			if (pid !== undefined) {
				this.#pids.delete(pid);
			}

			// A background child of the hook may hold the pipe open for long: stop reading it.
			child.stderr.destroy();
		}
	}

	async #findNotifySend(): Promise<string | undefined> {
		this.#notifySend ??= (
			this.#options.lookPath ??
			(async (program: string) =>
				(await which(program, {nothrow: true, path: this.#options.env?.PATH ?? process.env.PATH})) ??
				undefined)
		)('notify-send').catch(() => undefined);
		return this.#notifySend;
	}

	#guard(label: string, action: () => void): void {
		try {
			action();
		} catch (error) {
			this.#report(new Error(`${label} failed: ${(error as Error).message}`));
		}
	}

	#report(error: Error): void {
		try {
			this.#options.onError?.(error);
		} catch {
			// The error sink itself failed: nothing better to do, and notify() must not throw.
		}
	}
}

/** The variables a hook gets on top of the base environment. */
export function hookEnv(change: StateChange): Record<string, string> {
	return {
		XSARENA_OLD_STATE: change.from,
		XSARENA_NEW_STATE: change.to,
		XSARENA_JOB_ID: change.jobId,
		XSARENA_JOB_TITLE: change.title,
		XSARENA_RUN: String(change.run),
	};
}

function hookArgv(hook: HookSettings['onStateChange']): readonly string[] | undefined {
	if (typeof hook === 'string') {
		return hook.trim() === '' ? undefined : ['sh', '-c', hook];
	}

	return hook && hook.length > 0 ? hook : undefined;
}

function defaultBell(): void {
	if (process.stdout.isTTY) {
		process.stdout.write('\u0007');
	}
}
