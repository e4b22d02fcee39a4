/**
 * One run of an agent: a pty whose output goes, masked, to `runs/<n>/output.log` and to the run's
 * headless terminal at once, with backpressure between them (DESIGN.md, "Flow: output to the screen").
 */
import fs from 'node:fs';
import path from 'node:path';
import {TerminalScreen} from '../terminal/terminal-screen.js';
import type {ScreenView} from '../terminal/types.js';
import type {AgentExit, AgentProcess, PtySpec} from './agent-process.js';
import {createMasker} from './output-mask.js';
import {killProcessGroup} from './process-group.js';
import {spawnPty} from './pty-process.js';

/**
 * Flow counters of a run, read by the dashboard's profiler (`ui/profile/`) through the pane's screen:
 * output bytes so far, and how often the pty was paused and resumed by the watermarks.
 */
export type FlowCounters = {
	readonly bytes: number;
	readonly pauses: number;
	readonly resumes: number;
};

/** A run's screen for a pane: the emulator's view, with a resize that reaches the pty. */
export type PaneScreen = ScreenView & FlowCounters & {onChange(listener: () => void): () => void};

/** What {@link RunSession} starts. */
export type RunSessionOptions = PtySpec & {
	/** Path of the run's `output.log`; created (with its folder) or appended to. */
	readonly outputLog: string;
	/** Emulator scrollback, in lines; default 5000. */
	readonly scrollback?: number;
	/** Secrets to replace with `****` in the output (those shorter than 4 characters are ignored). */
	readonly mask?: readonly string[];
	/** Unparsed or unwritten bytes above which the pty is paused; default 1 MiB. */
	readonly highWaterMark?: number;
	/** Unparsed and unwritten bytes below which a paused pty resumes; default 128 KiB. */
	readonly lowWaterMark?: number;
};

/**
 * Longest a pause lasts before the pty is read again, in ms. node-pty destroys its socket 200 ms after
 * the child exits unless it has read to EOF (`DESTROY_SOCKET_TIMEOUT_MS` in node-pty's unixTerminal.js),
 * so output still unread then is lost; resuming within 100 ms keeps the tail safe, and the next chunk
 * re-pauses at once while the emulator is still behind.
 */
export const maxPauseMs = 100;

/**
 * A running agent and its two output sinks. Output is never held in memory by us: each chunk goes to
 * the log stream and the emulator, whose buffers are bounded by the watermarks (xterm itself drops input
 * beyond a 50 MB backlog, PITFALLS.md) and by its scrollback.
 */
export class RunSession {
	/** The run's terminal, `cols`×`rows`. */
	readonly screen: TerminalScreen;
	/** The terminal as a pane sees it: resizing it resizes the pty too, so the program gets SIGWINCH. */
	readonly view: PaneScreen;
	/** Pid of the pty child, which is also its process-group id. */
	readonly pid: number;
	/** Resolves once the process exited, its output drained and `output.log` is closed; never rejects. */
	readonly exited: Promise<AgentExit>;
	readonly #process: AgentProcess;
	readonly #log: fs.WriteStream;
	readonly #mask: (chunk: string) => string;
	readonly #high: number;
	readonly #low: number;
	readonly #dataListeners = new Set<(data: string) => void>();
	readonly #bytesListeners = new Set<(delta: number, total: number) => void>();
	#bytes = 0;
	#pauses = 0;
	#resumes = 0;
	#pauseTimer: NodeJS.Timeout | undefined;
	#logError: Error | undefined;

	/**
	 * Opens the log and starts the program.
	 * @throws when the log cannot be opened (its folder cannot be created, no permission) or the pty
	 * cannot be forked; nothing is left open then.
	 */
	constructor(options: RunSessionOptions) {
		this.#mask = createMasker(options.mask ?? []);
		this.#high = options.highWaterMark ?? 1024 * 1024;
		this.#low = options.lowWaterMark ?? 128 * 1024;
		fs.mkdirSync(path.dirname(options.outputLog), {recursive: true});
		// Opened synchronously so a bad path throws here, not later as a stream error.
		const fd = fs.openSync(options.outputLog, 'a');
		this.#log = fs.createWriteStream(options.outputLog, {fd});
		this.#log.on('error', (error) => {
			this.#logError ??= error;
		});
		this.#log.on('drain', this.#maybeResume);
		this.screen = new TerminalScreen({
			cols: options.cols,
			rows: options.rows,
			scrollback: options.scrollback,
		});
		const {screen} = this;
		const flow = (): FlowCounters => this;
		this.view = {
			get version() {
				return screen.version;
			},
			get cols() {
				return screen.cols;
			},
			get rows() {
				return screen.rows;
			},
			get inputModes() {
				return screen.inputModes;
			},
			get scrollback() {
				return screen.scrollback;
			},
			get bytes() {
				return flow().bytes;
			},
			get pauses() {
				return flow().pauses;
			},
			get resumes() {
				return flow().resumes;
			},
			getRows: () => screen.getRows(),
			resize: (cols, rows) => {
				this.resize(cols, rows);
			},
			onChange: (listener) => screen.onChange(listener),
		};
		try {
			this.#process = spawnPty(options);
		} catch (error) {
			this.#log.destroy();
			this.screen.dispose();
			throw error;
		}

		this.pid = this.#process.pid;
		this.#process.onData((data) => {
			this.#handle(data);
		});
		this.exited = new Promise((resolve) => {
			this.#process.onExit((exit) => {
				clearTimeout(this.#pauseTimer);
				this.#closeLog(() => {
					resolve(exit);
				});
			});
		});
	}

	/** Output bytes so far (UTF-8, after masking): the size this run added to `output.log`. */
	get bytes(): number {
		return this.#bytes;
	}

	/** How many times the pty was paused because a sink fell behind. */
	get pauses(): number {
		return this.#pauses;
	}

	/** How many times a paused pty was read again (the backlog drained, or {@link maxPauseMs} passed). */
	get resumes(): number {
		return this.#resumes;
	}

	/** The first error writing `output.log` (e.g. ENOSPC); the screen keeps being fed after it. */
	get logError(): Error | undefined {
		return this.#logError;
	}

	/** Calls `listener` with each (masked) output chunk; returns the unsubscribe function. */
	onData(listener: (data: string) => void): () => void {
		this.#dataListeners.add(listener);
		return () => this.#dataListeners.delete(listener);
	}

	/** Calls `listener(delta, total)` in bytes after each output chunk; returns the unsubscribe function. */
	onBytes(listener: (delta: number, total: number) => void): () => void {
		this.#bytesListeners.add(listener);
		return () => this.#bytesListeners.delete(listener);
	}

	/** Calls `listener` once the run has fully ended (as {@link exited} resolves). */
	onExit(listener: (exit: AgentExit) => void): () => void {
		let active = true;
		void this.exited.then((exit) => {
			if (active) {
				listener(exit);
			}
		});
		return () => {
			active = false;
		};
	}

	/** Sends keyboard input to the agent; ignored after exit. */
	write(data: string): void {
		this.#process.write(data);
	}

	/**
	 * Resizes the screen and the pty, in cells.
	 * @throws {RangeError} when `cols` < 2, `rows` < 1 or either is not an integer.
	 */
	resize(cols: number, rows: number): void {
		this.screen.resize(cols, rows);
		this.#process.resize(cols, rows);
	}

	/** Ends the run's whole process group: SIGTERM, `graceMs` (default 5000), SIGKILL. */
	async kill(graceMs?: number): Promise<void> {
		await killProcessGroup(this.pid, {graceMs});
	}

	#handle(raw: string): void {
		const text = this.#mask(raw);
		const chunk = Buffer.from(text, 'utf8');
		this.#bytes += chunk.length;
		if (this.#logError === undefined) {
			this.#log.write(chunk);
		}

		this.screen.write(chunk, this.#maybeResume);
		if (this.#pauseTimer === undefined && this.#backlog() > this.#high) {
			this.#pauses++;
			this.#process.pause();
			this.#pauseTimer = setTimeout(this.#resume, maxPauseMs);
		}

		for (const listener of this.#dataListeners) {
			listener(text);
		}

		for (const listener of this.#bytesListeners) {
			listener(chunk.length, this.#bytes);
		}
	}

	#backlog(): number {
		const unwritten = this.#logError === undefined ? this.#log.writableLength : 0;
		return Math.max(this.screen.pendingBytes, unwritten);
	}

	readonly #maybeResume = (): void => {
		if (this.#pauseTimer !== undefined && this.#backlog() < this.#low) {
			this.#resume();
		}
	};

	readonly #resume = (): void => {
		clearTimeout(this.#pauseTimer);
		this.#pauseTimer = undefined;
		this.#resumes++;
		this.#process.resume();
	};

	#closeLog(done: () => void): void {
		if (this.#log.closed) {
			done();
			return;
		}

		this.#log.once('close', done);
		this.#log.end();
	}
}
