/**
 * Panes for runs this process did not start: a viewer dashboard (another process holds the engine
 * lock), or runs of a foreground `dispatch` in a shell. Each such run's `output.log` is tailed into a
 * local headless terminal, so the pane looks the same as in the process that runs it.
 *
 * The log is polled by byte offset (the writer is another process; a watcher would drop changes as the
 * store's tailer explains), and only while the run is going on, plus one last read after it ends. With
 * no such run (the usual case: this process runs its own jobs), no timer runs at all.
 */
import {activeRun, type Job} from '../core/index.js';
import type {HomePaths} from '../store/paths.js';
import type {JobStore} from '../store/job-store.js';
import {readBytesFrom} from '../store/read-bytes.js';
import {TextDecoder} from 'node:util';
import {TerminalScreen} from '../terminal/terminal-screen.js';
import {WordWrapper} from './author/word-wrap.js';
import type {RunRegistry} from './run-registry.js';

/** How often a tailed log is read, in ms. */
const pollMs = 100;
/** Largest read per poll, in bytes (a flood is caught up over several polls, never buffered whole). */
const chunkBytes = 1024 * 1024;

/** What {@link RemoteRuns} needs. */
export type RemoteRunsOptions = {
	readonly store: JobStore;
	readonly paths: HomePaths;
	readonly panes: RunRegistry;
	/** True for jobs whose run this process started itself (already shown). */
	readonly isLocal: (job: Job) => boolean;
	/** Scrollback of each tailed terminal, in lines. */
	readonly scrollback: number;
	/** Sends keyboard input to another process's run (as a `job.input` event its engine delivers). */
	readonly send?: (jobId: string, data: string) => Promise<void>;
};

type Tail = {
	jobId: string;
	run: number;
	file: string;
	offset: number;
	screen: TerminalScreen;
	/** An author run's text is word-wrapped to this pane, as its own process's pane does. */
	prose?: {readonly wrapper: WordWrapper; readonly decoder: TextDecoder};
};

/** Tails the logs of runs owned by other engines into the registry's panes. */
export class RemoteRuns {
	readonly #tails = new Map<string, Tail>();
	readonly #options: RemoteRunsOptions;
	#timer: NodeJS.Timeout | undefined;
	readonly #unsubscribe: () => void;

	constructor(options: RemoteRunsOptions) {
		this.#options = options;
		this.#unsubscribe = options.store.subscribe(() => this.#sync());
		this.#sync();
	}

	/** Stop tailing. */
	close(): void {
		clearInterval(this.#timer);
		this.#timer = undefined;
		this.#unsubscribe();
		for (const tail of this.#tails.values()) {
			tail.screen.dispose();
		}

		this.#tails.clear();
	}

	/**
	 * Keys typed into a remote pane, batched: one event per burst (a paste, a fast typist) rather
	 * than one per key, and in order.
	 */
	#writer(jobId: string): (data: string) => void {
		let pending = '';
		let sending: Promise<void> = Promise.resolve();
		return (data) => {
			const first = pending === '';
			pending += data;
			if (first) {
				sending = sending.then(async () => {
					const text = pending;
					pending = '';
					await this.#options.send?.(jobId, text);
				});
			}
		};
	}

	#sync(): void {
		const {board} = this.#options.store.getSnapshot();
		for (const job of board.jobs.values()) {
			const run = activeRun(job);
			if (run && !this.#options.isLocal(job) && !this.#tails.has(`${job.id}#${run.n}`)) {
				const screen = new TerminalScreen({cols: 80, rows: 24, scrollback: this.#options.scrollback});
				const file = this.#options.paths.outputLog(job.id, run.n);
				const prose =
					job.kind === 'author'
						? {wrapper: new WordWrapper(() => screen.cols), decoder: new TextDecoder()}
						: undefined;
				this.#tails.set(`${job.id}#${run.n}`, {jobId: job.id, run: run.n, file, offset: 0, screen, prose});
				this.#options.panes.add({
					jobId: job.id,
					run: run.n,
					agent: run.agent,
					startedAt: run.claimedAt,
					screen,
					write: this.#options.send && this.#writer(job.id),
				});
			}
		}

		for (const [key, tail] of this.#tails) {
			const run = board.jobs.get(tail.jobId)?.runs.find((candidate) => candidate.n === tail.run);
			if (run?.state !== 'running') {
				this.#read(tail);
				this.#tails.delete(key);
				this.#options.panes.end(
					tail.jobId,
					tail.run,
					run?.endedAt ?? new Date().toISOString(),
					run?.exitCode ?? null,
				);
			}
		}

		if (this.#tails.size > 0) {
			if (!this.#timer) {
				this.#timer = setInterval(() => this.#poll(), pollMs);
				this.#timer.unref();
			}
		} else {
			clearInterval(this.#timer);
			this.#timer = undefined;
		}
	}

	#poll(): void {
		for (const tail of this.#tails.values()) {
			this.#read(tail);
		}
	}

	#read(tail: Tail): void {
		const bytes = readBytesFrom(tail.file, tail.offset, chunkBytes);
		if (bytes.length > 0) {
			tail.offset += bytes.length;
			if (tail.prose) {
				const text = tail.prose.decoder.decode(bytes, {stream: true}).replaceAll('\r\n', '\n');
				tail.screen.write(tail.prose.wrapper.push(text).replaceAll('\n', '\r\n'));
			} else {
				tail.screen.write(bytes);
			}
		}
	}
}
