/**
 * The in-process view of a `.xsarena/` folder: every job folded from its log, kept current by a
 * watcher, and the one way to append to a log (DESIGN.md, "Layers", store).
 *
 * Every byte of every log is folded exactly once and through one path, {@link JobFiles.pump}: the
 * store's own appends are read back from the file like any other process's, so a write and its echo
 * from the watcher can never be counted twice, and what this process sees is always file order.
 */
import fs from 'node:fs';
import type {Board} from '../core/reduce.js';
import type {Draft} from '../core/decide.js';
import type {JobEvent} from '../core/events.js';
import type {BoardSource, StoreSnapshot, StoreWarning} from '../ui/ports.js';
import {GroupCommit} from './group-commit.js';
import {JobAppender} from './job-appender.js';
import {JobFiles} from './job-files.js';
import {LogTailer} from './log-tailer.js';
import {fsyncModeOf, jobFilesOptions, type JobStoreOptions} from './job-store-options.js';
import {homePaths, type HomePaths} from './paths.js';
import {SnapshotPublisher, type SnapshotParts} from './snapshot-publisher.js';

/** A fresh job id (a ULID), re-exported here so commands need only the store's module. */
export {newJobId} from './ids.js';

/** The durability modes of {@link JobStoreOptions.fsync}, re-exported for the config and the app. */
export type {FsyncMode} from './event-log.js';

/** The options of {@link JobStore.open}, re-exported so callers need only the store's module. */
export type {JobStoreOptions} from './job-store-options.js';

/** All jobs of one `.xsarena/` folder, as `useSyncExternalStore` wants them. See the file comment. */
export class JobStore implements BoardSource {
	/**
	 * Open the store at `root` (the `.xsarena/` folder), creating `<root>/jobs` if missing, and fold
	 * every job synchronously (from its snapshot where valid). The watcher starts in the background;
	 * await {@link ready} before relying on it.
	 *
	 * @throws Error when `<root>/jobs` cannot be created. Unreadable logs do not throw: they set `error`.
	 */
	static open(root: string, options: JobStoreOptions = {}): JobStore {
		return new JobStore(homePaths(root), options);
	}

	/** Absolute paths of this store's folder. */
	readonly paths: HomePaths;
	/** Resolves once the watcher is live and everything written before it started has been read. */
	readonly ready: Promise<void>;
	readonly #files: JobFiles;
	readonly #appender: JobAppender;
	readonly #group: GroupCommit | undefined;
	readonly #publisher: SnapshotPublisher;
	readonly #tailer: LogTailer | undefined;
	#notices: readonly StoreWarning[] = [];
	#error: string | undefined;
	#closed = false;

	private constructor(paths: HomePaths, options: JobStoreOptions) {
		this.paths = paths;
		fs.mkdirSync(paths.jobsDir, {recursive: true});
		this.#group =
			fsyncModeOf(options) === 'batch'
				? new GroupCommit({
						delayMs: options.syncDelayMs ?? 5,
						onError: (error) => {
							// Acknowledged appends may not survive a power loss: that is worth a persistent error.
							this.#error = error.message;
							this.#commit();
						},
					})
				: undefined;
		this.#files = new JobFiles(
			paths,
			jobFilesOptions(options, this.#group, (message) => {
				this.#error = message;
			}),
		);
		this.#appender = new JobAppender(paths, this.#files, {
			assertOpen: () => {
				this.#assertOpen();
			},
			isOpen: () => !this.#closed,
			setError: (message) => {
				this.#error = message;
			},
			commit: () => {
				this.#commit();
			},
		});
		this.#files.loadAll();
		this.#publisher = new SnapshotPublisher(this.#parts());
		const watch = options.watch ?? true;
		if (watch === false) {
			this.ready = Promise.resolve();
			return;
		}

		const tailer = new LogTailer({
			jobsDir: paths.jobsDir,
			mode: watch === 'poll' ? 'poll' : 'watch',
			pollMs: options.pollMs,
			onChanges: (jobIds) => {
				this.#pumped(jobIds);
			},
			onNotice: (message) => {
				this.#notices = [...this.#notices, {file: paths.jobsDir, line: 0, message}].slice(-10);
				this.#commit();
			},
		});
		this.#tailer = tailer;
		for (const jobId of this.#files.jobIds()) {
			tailer.track(jobId);
		}

		// Anything appended between the load above and the watcher's first event is read here.
		this.ready = tailer.ready.then(() => {
			this.refresh();
		});
	}

	/** Register `listener`, called synchronously after every change; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void {
		return this.#publisher.subscribe(listener);
	}

	/** The current state: the same object until something changes, then a new immutable one. */
	getSnapshot(): StoreSnapshot {
		return this.#publisher.snapshot;
	}

	/**
	 * Stamp `drafts` as events of `jobId` by `by`, append them in one write, and fold the log (so they
	 * are in {@link getSnapshot} when this returns). Appending `job.created` for a new id creates the job.
	 *
	 * Returning means the line is in the kernel: a crash of this process loses nothing. Whether it is
	 * also on disk (survives a power loss) depends on {@link JobStoreOptions.fsync}: in `batch` mode
	 * await {@link flushed} (or {@link close}) for that. A torn tail left by a crashed writer is moved
	 * aside first, under the job's lock (see `EventLog.append`), and reported as a warning.
	 *
	 * @returns the events written, in order.
	 * @throws Error for an invalid job id, a job that does not exist (unless the first draft creates
	 * it), or an event over 1 MiB or failing its schema; nothing is written then. Error on an I/O
	 * failure (`disk full: could not append to <file>: ENOSPC`, permissions, a lock held too long),
	 * which is also shown as `error` in the snapshot until an append succeeds; nothing partial stays
	 * in the log and the in-memory state is unchanged.
	 */
	append(jobId: string, drafts: readonly Draft[], by: string): JobEvent[] {
		return this.#appender.append(jobId, drafts, by);
	}

	/**
	 * {@link append}, for a writer that appends many events in a row (an engine's output counters, an
	 * import): the events are stamped and checked at once, and every `appendSoon` of the same turn of
	 * the event loop is written in one `write()` per job (`EventLog.appendSoon`) and folded with one
	 * read. The promise resolves once the events are in the kernel and in {@link getSnapshot}: the same
	 * guarantee `append` gives when it returns, given later. Events keep the order of the calls, also
	 * around an `append` meanwhile (which writes the waiting ones first).
	 *
	 * @returns the events written, in order.
	 * @throws (rejects with) the errors of {@link append}; a failed write rejects every append in it.
	 */
	async appendSoon(jobId: string, drafts: readonly Draft[], by: string): Promise<JobEvent[]> {
		return this.#appender.appendSoon(jobId, drafts, by);
	}

	/**
	 * Append events that already have their ids, times and authors (an export being imported), in one
	 * write, exactly as {@link append} does otherwise (checks, durability, errors, fold).
	 *
	 * @throws the errors of {@link append}.
	 */
	appendStamped(jobId: string, events: readonly JobEvent[]): void {
		this.#appender.appendStamped(jobId, events);
	}

	/**
	 * Compare-and-append under the job's cross-process lock: read the job's log to the end, call
	 * `decide` with the board, append what it returns. Two processes claiming one job cannot both succeed.
	 *
	 * @returns the events written (none when `decide` returns none).
	 * @throws whatever `decide` throws (e.g. a `DomainError`), with nothing written; Error when the lock
	 * cannot be taken; the errors of {@link append}.
	 */
	async transact(jobId: string, decide: (board: Board) => Draft[], by: string): Promise<JobEvent[]> {
		return this.#appender.transact(jobId, decide, by);
	}

	/** Read every job's log to the end now (and find new job folders); listeners hear of changes once. */
	refresh(): void {
		if (!this.#closed) {
			this.#files.pumpAll();
			this.#commit();
		}
	}

	/**
	 * Every event of `jobId`'s log, read from the start (for `show`); bad lines are skipped.
	 *
	 * @throws Error for an invalid job id or an unreadable file.
	 */
	readEvents(jobId: string): JobEvent[] {
		return this.readEventsFrom(jobId, 0).events;
	}

	/**
	 * The events of `jobId`'s log after byte `offset`, and the offset to read on from: for followers
	 * that must not re-read a whole log on every change. `offset` is 0 or one this method returned.
	 * Bad lines are skipped; a log that shrank below `offset` (deleted) gives no events.
	 *
	 * @throws Error for an invalid job id or an unreadable file.
	 */
	readEventsFrom(jobId: string, offset: number): {events: JobEvent[]; offset: number} {
		const result = this.#files.reader(jobId).readFrom(offset);
		return {events: result.events, offset: result.offset};
	}

	/**
	 * Resolves when every append this store made so far is on disk: at once with `fsync: always` or
	 * `never`; in `batch` mode once their group's `fdatasync` is done (within ~`syncDelayMs` plus the
	 * sync itself, typically a few ms).
	 *
	 * @throws Error `could not sync <file> to disk: <code>` when an `fdatasync` failed (also set as the
	 * snapshot's `error`): those appends are in the file but may not survive a power loss.
	 */
	async flushed(): Promise<void> {
		await this.#group?.flushed();
	}

	/**
	 * Sync pending appends (`batch` mode: at once, not after the delay), stop watching and polling,
	 * write pending snapshots, drop listeners. Safe to call twice. One-shot commands must await it
	 * before exiting, so what they acknowledged is on disk.
	 *
	 * @throws Error `could not sync <file> to disk: <code>` when the final sync failed (the store is
	 * closed all the same).
	 */
	async close(): Promise<void> {
		if (this.#closed) {
			await this.#group?.flushed();
			return;
		}

		this.#closed = true;
		// Appends still waiting for their shared write go out now, before the last sync.
		this.#files.writePending();
		// Caught at once: a sync failing while the watcher closes must not be an unhandled rejection.
		const synced = this.#group?.flush().then(
			() => undefined,
			(error: unknown) => error as Error,
		);
		// A snapshot still on its way would otherwise land after (and over) the final one written here.
		await this.#files.settled();
		this.#files.flushSnapshots();
		this.#files.stop();
		this.#publisher.clear();
		await this.#tailer?.close();
		const failed = await synced;
		if (failed) {
			throw failed;
		}
	}

	/** Read the logs of `jobIds` (changed, says the tailer) and publish once. */
	#pumped(jobIds: readonly string[]): void {
		if (!this.#closed) {
			this.#files.pumpSome(jobIds);
			this.#commit();
		}
	}

	#assertOpen(): void {
		if (this.#closed) {
			throw new Error(`the store at ${this.paths.root} is closed`);
		}
	}

	#parts(): SnapshotParts {
		return {
			board: this.#files.board,
			notices: this.#notices,
			badLines: this.#files.warnings,
			error: this.#error,
		};
	}

	/** Publish what changed since the last commit (nothing when nothing did). */
	#commit(): void {
		this.#publisher.publish(this.#parts());
	}
}
