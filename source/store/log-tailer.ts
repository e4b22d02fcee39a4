/**
 * Tells the store which jobs' logs may have grown: a chokidar watcher over `.xsarena/jobs/` (its job
 * folders, and each job's `events.jsonl` as a file), a short follow of every file that changed, and a
 * slow size poll behind both.
 *
 * chokidar 5 swallows a second `change` on the same file within 50 ms and sends nothing after it
 * (paulmillr/chokidar#1455; PITFALLS.md, "chokidar 5"), so an event only means "read to the end now",
 * never "one append happened". A file that changed is therefore *followed* for a while: its size is
 * looked at every {@link LogTailerOptions.followMs} ms until it has not grown for
 * {@link LogTailerOptions.trailingMs} ms, which covers every swallowed change and bounds the delay of
 * an append to about one follow period (BENCHMARKS B7) instead of chokidar's 50 ms window; the slow
 * poll covers anything else. Changes are handed over in batches (all those seen in one turn of the
 * event loop or one follow tick), so the store folds and publishes once for many files.
 * When the watcher fails (out of inotify watches: ENOSPC, FAULTS R16), the tailer polls instead and
 * says so.
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
	readonly onChange?: (jobId: string) => void;
	/** Several jobs at once, in place of one {@link onChange} each when given. */
	readonly onChanges?: (jobIds: readonly string[]) => void;
	/** Something the person should know (the watcher failed; polling instead). */
	readonly onNotice: (message: string) => void;
	/** Watch with chokidar (default) or only poll (`'poll'`: network filesystems, FAULTS R18). */
	readonly mode?: 'watch' | 'poll';
	/** How long a file is followed after it last grew; must exceed chokidar's 50 ms throttle. Default 100. */
	readonly trailingMs?: number;
	/** Period of the size checks of the files being followed. Default 15. */
	readonly followMs?: number;
	/**
	 * Period of the backstop size poll while the watcher works. Default 5000: the watcher and the
	 * follow see every append (tests prove it with the poll pushed away); the poll only bounds the
	 * delay of a change they would somehow miss, and each run of it is a wake-up of an idle dashboard
	 * (a `readdir` and a `stat` per job, B10).
	 */
	readonly pollMs?: number;
	/** Period of the size poll once the watcher failed, or in `'poll'` mode. Default 250. */
	readonly fallbackPollMs?: number;
};

const eventsFileName = 'events.jsonl';

/** Default {@link LogTailerOptions.pollMs}, in ms. */
const defaultBackstopMs = 5000;

/** Watches `.xsarena/jobs/`; see the file comment. Call {@link close} to stop every watcher and timer. */
export class LogTailer {
	/** Resolves once the watcher has scanned the folder (at once when polling; also on fallback or close). */
	readonly ready: Promise<void>;
	readonly #options: LogTailerOptions;
	/** Size of each known job's log at the last poll (`-1`: no file yet). */
	readonly #sizes = new Map<string, number>();
	/** Jobs being followed, and until when (`performance.now()` ms). */
	readonly #following = new Map<string, number>();
	/** Jobs changed and not yet handed over (delivered at the end of the turn). */
	readonly #changes = new Set<string>();
	#follow: NodeJS.Timeout | undefined;
	#delivery: NodeJS.Immediate | undefined;
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
			// The job folders only: each log is watched as a file (`#watchLog`). A watched folder is read
			// again (`readdir` and an `lstat` per entry) on every change inside it, i.e. on every append:
			// ~2,000 times a second at B7's rate, a quarter of the process's time.
			depth: 0,
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
		this.#startPolling(options.pollMs ?? defaultBackstopMs);
	}

	/** Start tracking a job the store already read, so the poll compares against its current size. */
	track(jobId: string): void {
		if (!this.#sizes.has(jobId)) {
			this.#sizes.set(jobId, this.#size(jobId));
		}

		this.#watchLog(jobId);
	}

	/** Watch `jobId`'s log as a file (chokidar waits for it to appear when it does not exist yet). */
	#watchLog(jobId: string): void {
		this.#watcher?.add(path.join(this.#options.jobsDir, jobId, eventsFileName));
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
		clearTimeout(this.#follow);
		clearImmediate(this.#delivery);
		this.#following.clear();
		this.#changes.clear();
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

		if (parts.length === 1) {
			// A job folder appeared (or went): its log is to be watched (again).
			this.#watchLog(jobId);
		}

		this.#changed(jobId);
		this.#startFollowing(jobId);
	}

	/** Follow `jobId` for {@link LogTailerOptions.trailingMs} from now. */
	#startFollowing(jobId: string): void {
		this.#following.set(jobId, performance.now() + (this.#options.trailingMs ?? 100));
		// Unreferenced, as the poll: following must not keep a finished process alive.
		this.#follow ??= setTimeout(() => {
			this.#followTick();
		}, this.#options.followMs ?? 15).unref();
	}

	/** Look at the size of every followed file; hand over those that grew, drop those quiet for long enough. */
	#followTick(): void {
		this.#follow = undefined;
		if (this.#closed) {
			return;
		}

		const now = performance.now();
		for (const [jobId, until] of this.#following) {
			const size = this.#size(jobId);
			if (size !== this.#sizes.get(jobId)) {
				this.#changed(jobId, size);
				this.#following.set(jobId, now + (this.#options.trailingMs ?? 100));
			} else if (until <= now) {
				this.#following.delete(jobId);
			}
		}

		this.#deliver();
		if (this.#following.size > 0) {
			this.#follow = setTimeout(() => {
				this.#followTick();
			}, this.#options.followMs ?? 15).unref();
		}
	}

	/** Note a change of `jobId` (its log now `size` bytes); handed over at the end of this turn. */
	#changed(jobId: string, size = this.#size(jobId)): void {
		if (this.#closed) {
			return;
		}

		this.#sizes.set(jobId, size);
		this.#changes.add(jobId);
		this.#delivery ??= setImmediate(() => {
			this.#deliver();
		});
	}

	#deliver(): void {
		clearImmediate(this.#delivery);
		this.#delivery = undefined;
		if (this.#closed || this.#changes.size === 0) {
			return;
		}

		const jobIds = [...this.#changes];
		this.#changes.clear();
		if (this.#options.onChanges) {
			this.#options.onChanges(jobIds);
		} else {
			for (const jobId of jobIds) {
				this.#options.onChange?.(jobId);
			}
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
				this.#watchLog(name);
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
