/**
 * Tells the store which jobs' logs may have grown: a chokidar watcher over `.xsarena/jobs/`, a
 * trailing re-read after every event, and a slow size poll behind both.
 *
 * chokidar 5 swallows a second `change` on the same file within 50 ms and sends nothing after it
 * (paulmillr/chokidar#1455; PITFALLS.md, "chokidar 5"), so an event only means "read to the end now",
 * never "one append happened". The re-read 60 ms after the latest event covers every swallowed change;
 * the poll covers anything else. When the watcher fails (out of inotify watches: ENOSPC, FAULTS R16),
 * the tailer polls instead and says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import {watch, type FSWatcher} from 'chokidar';
import {isJobId, listJobFolders} from './paths.js';

/** Options of a {@link LogTailer}. Times in milliseconds. */
export type LogTailerOptions = {
	/** `<root>/jobs`. */
	readonly jobsDir: string;
	/** A job's `events.jsonl` may have changed, or its folder appeared: read it to the end. */
	readonly onChange: (jobId: string) => void;
	/** Something the person should know (the watcher failed; polling instead). */
	readonly onNotice: (message: string) => void;
	/** Watch with chokidar (default) or only poll (`'poll'`: network filesystems, FAULTS R18). */
	readonly mode?: 'watch' | 'poll';
	/** Delay of the re-read after the latest event on a file; must exceed chokidar's 50 ms throttle. Default 60. */
	readonly trailingMs?: number;
	/** Period of the backstop size poll while the watcher works. Default 1000. */
	readonly pollMs?: number;
	/** Period of the size poll once the watcher failed, or in `'poll'` mode. Default 250. */
	readonly fallbackPollMs?: number;
};

const eventsFileName = 'events.jsonl';

/** Watches `.xsarena/jobs/`; see the file comment. Call {@link close} to stop every watcher and timer. */
export class LogTailer {
	/** Resolves once the watcher has scanned the folder (at once when polling; also on fallback or close). */
	readonly ready: Promise<void>;
	readonly #options: LogTailerOptions;
	/** Size of each known job's log at the last poll (`-1`: no file yet). */
	readonly #sizes = new Map<string, number>();
	readonly #trailing = new Map<string, NodeJS.Timeout>();
	#watcher: FSWatcher | undefined;
	#poll: NodeJS.Timeout | undefined;
	#closed = false;
	#resolveReady: () => void = () => undefined;

	constructor(options: LogTailerOptions) {
		this.#options = options;
		if (options.mode === 'poll') {
			this.#startPolling(options.fallbackPollMs ?? 250);
			this.ready = Promise.resolve();
			return;
		}

		const watcher = watch(options.jobsDir, {
			ignoreInitial: true,
			// Deep enough for anything under a job folder; `#ignored` keeps it to job folders and their logs.
			depth: 2,
			// No `awaitWriteFinish`: it adds seconds of delay to every append.
			ignored: (file) => this.#ignored(file),
		});
		this.#watcher = watcher;
		watcher.on('all', (_event, file) => {
			this.#onWatch(file);
		});
		watcher.on('error', (error) => {
			this.handleWatcherError(error as NodeJS.ErrnoException);
		});
		this.ready = new Promise((resolve) => {
			this.#resolveReady = resolve;
			watcher.once('ready', resolve);
		});
		this.#startPolling(options.pollMs ?? 1000);
	}

	/** Start tracking a job the store already read, so the poll compares against its current size. */
	track(jobId: string): void {
		if (!this.#sizes.has(jobId)) {
			this.#sizes.set(jobId, this.#size(jobId));
		}
	}

	/**
	 * Give up on the watcher after an error and poll instead, with a notice. Public so the fault can be
	 * injected in tests: running out of inotify watches cannot be provoked without root settings.
	 */
	handleWatcherError(error: NodeJS.ErrnoException): void {
		if (this.#closed || !this.#watcher) {
			return;
		}

		const watcher = this.#watcher;
		this.#watcher = undefined;
		void watcher.close().catch(() => undefined);
		const every = this.#options.fallbackPollMs ?? 250;
		const hint =
			error.code === 'ENOSPC' ? ' (out of inotify watches: raise fs.inotify.max_user_watches)' : '';
		this.#options.onNotice(
			`watching ${this.#options.jobsDir} failed: ${error.code ?? error.message}${hint}; polling every ${every} ms instead`,
		);
		this.#startPolling(every);
		// A watcher that failed before its first scan never says `ready`; polling is ready now.
		this.#resolveReady();
	}

	/** Stop the watcher and every timer. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#resolveReady();
		clearInterval(this.#poll);
		for (const timer of this.#trailing.values()) {
			clearTimeout(timer);
		}

		this.#trailing.clear();
		const watcher = this.#watcher;
		this.#watcher = undefined;
		await watcher?.close();
	}

	/** Watch only job folders and their logs: fewer inotify watches (R16), and no churn from output logs. */
	#ignored(file: string): boolean {
		const parts = path.relative(this.#options.jobsDir, file).split(path.sep);
		if (parts[0] === '') {
			return false;
		}

		if (!isJobId(parts[0]!)) {
			return true;
		}

		return parts.length > 2 || (parts.length === 2 && parts[1] !== eventsFileName);
	}

	#onWatch(file: string): void {
		const parts = path.relative(this.#options.jobsDir, file).split(path.sep);
		const jobId = parts[0];
		if (this.#closed || jobId === undefined || !isJobId(jobId)) {
			return;
		}

		this.#changed(jobId);
		clearTimeout(this.#trailing.get(jobId));
		const timer = setTimeout(() => {
			this.#trailing.delete(jobId);
			this.#changed(jobId);
		}, this.#options.trailingMs ?? 60);
		timer.unref();
		this.#trailing.set(jobId, timer);
	}

	#changed(jobId: string): void {
		if (!this.#closed) {
			this.#sizes.set(jobId, this.#size(jobId));
			this.#options.onChange(jobId);
		}
	}

	#startPolling(every: number): void {
		clearInterval(this.#poll);
		this.#poll = setInterval(() => {
			this.#pollOnce();
		}, every);
		this.#poll.unref();
	}

	/** One `readdir` for new job folders, one `stat` per known log: cheap enough for thousands of jobs. */
	#pollOnce(): void {
		let names: string[] = [];
		try {
			names = listJobFolders(this.#options.jobsDir);
		} catch {
			// The folder is gone or unreadable; the known files are still worth a look.
		}

		for (const name of names) {
			if (!this.#sizes.has(name)) {
				this.#changed(name);
			}
		}

		for (const [jobId, size] of this.#sizes) {
			if (this.#size(jobId) !== size) {
				this.#changed(jobId);
			}
		}
	}

	#size(jobId: string): number {
		try {
			return fs.statSync(path.join(this.#options.jobsDir, jobId, eventsFileName)).size;
		} catch {
			return -1;
		}
	}
}
