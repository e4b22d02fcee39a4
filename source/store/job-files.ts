/**
 * The job logs of one `.xsarena/jobs/` folder, folded: how far each log has been read, the board
 * they add up to, the bad lines met, and the debounced snapshots.
 *
 * Replay folds each job with `replayJob` (one working copy per job, `core/replay.ts`) and builds the
 * board once with `boardFromJobs`; live reads fold each batch with one `foldEvents` (which copies the
 * job map once per call, so never per event).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {JobEvent} from '../core/events.js';
import type {Job} from '../core/job.js';
import {boardFromJobs, emptyBoard, foldEvents, type Board} from '../core/reduce.js';
import {replayJob} from '../core/replay.js';
import type {StoreWarning} from '../ui/ports.js';
import {DescriptorCache} from './descriptors.js';
import {
	EventLog,
	type BadLine,
	type FsyncMode,
	type LogPosition,
	type ReadResult,
	type TailRepair,
} from './event-log.js';
import {errorMessage} from './fs-errors.js';
import type {GroupCommit} from './group-commit.js';
import {withJobLockSync} from './job-lock.js';
import {listJobFolders, type HomePaths} from './paths.js';
import {replayLogs, type Replayed} from './replay-pool.js';
import {
	maxSnapshotBadLines,
	readSnapshot,
	snapshotVersion,
	writeSnapshot,
	writeSnapshotInBackground,
	type JobSnapshot,
} from './snapshot.js';
import {SnapshotScheduler} from './snapshot-scheduler.js';

/** Options of {@link JobFiles}; see `JobStoreOptions` for their meaning. */
export type JobFilesOptions = {
	readonly fsync: FsyncMode;
	/** The store's group commit, shared by its logs in `batch` mode. */
	readonly group: GroupCommit | undefined;
	readonly snapshotDelayMs: number;
	readonly snapshotMinBytes: number;
	readonly snapshotIntervalMs: number;
	/** Logs without a usable snapshot replay on several threads once they add up to this many bytes. */
	readonly parallelReplayMinBytes: number;
	/** A log could not be read (permissions, a folder in its place); the message names the file. */
	readonly onReadError: (message: string) => void;
};

type Entry = {
	readonly log: EventLog;
	/** Bad lines of this log so far (the last ones), carried into its snapshot. */
	bad: BadLine[];
	/** Offset of the last snapshot written or loaded. */
	snapshotOffset: number;
	/** Bumped when the log is folded again from 0: a snapshot still being written for the old content is dropped. */
	generation: number;
	/** A snapshot of this log is being written in the background. */
	writing: boolean;
	/** Offset of the torn tail last reported, so each is reported once. */
	tornReportedAt?: number;
};

const maxWarnings = 100;
/**
 * Most log descriptors kept open (`descriptors.ts`): enough for every job of a busy board (B7 writes
 * to 100 at once; an LRU smaller than a round-robin's set misses every time), a fraction of the limit.
 */
const maxOpenLogs = 128;
/** Most snapshots written in one turn of the event loop (each costs a `JSON.stringify` of the job). */
const snapshotsPerWake = 4;

/** See the file comment. Not safe to share between stores: it owns its read offsets. */
export class JobFiles {
	readonly #paths: HomePaths;
	readonly #options: JobFilesOptions;
	readonly #entries = new Map<string, Entry>();
	readonly #descriptors = new DescriptorCache(maxOpenLogs);
	readonly #snapshots: SnapshotScheduler;
	/** Snapshots being written in the background. */
	readonly #writing = new Set<Promise<void>>();
	#board: Board = emptyBoard;
	#warnings: readonly StoreWarning[] = [];

	constructor(paths: HomePaths, options: JobFilesOptions) {
		this.#paths = paths;
		this.#options = options;
		this.#snapshots = new SnapshotScheduler({
			delayMs: options.snapshotDelayMs,
			minBytes: options.snapshotMinBytes,
			minIntervalMs: options.snapshotIntervalMs,
			write: (jobId, now) => {
				this.#writeSnapshot(jobId, now);
			},
			maxPerWake: snapshotsPerWake,
		});
	}

	/** All jobs folded so far; replaced when anything changes. */
	get board(): Board {
		return this.#board;
	}

	/** The latest bad lines met (at most 100), each once; replaced when one is added. */
	get warnings(): readonly StoreWarning[] {
		return this.#warnings;
	}

	/** Ids of every job folder known (including ones without a valid log yet). */
	jobIds(): Iterable<string> {
		return this.#entries.keys();
	}

	/** The log of `jobId` (validated), tracked from now on. */
	log(jobId: string): EventLog {
		return this.#entry(jobId).log;
	}

	/** A log of `jobId` for one read, on this store's descriptors, not tracked. */
	reader(jobId: string): EventLog {
		return new EventLog(this.#paths.eventsFile(jobId), {jobId, descriptors: this.#descriptors});
	}

	/**
	 * Fold every job folder from scratch: snapshot plus the rest of the log, or else the whole log
	 * (those on several threads when they are many: `replay-pool.ts`).
	 */
	loadAll(): void {
		const ids = this.#listJobFolders();
		const jobs: Array<Job | undefined> = [];
		const cold: number[] = [];
		for (const [index, jobId] of ids.entries()) {
			const loaded = this.#loadFromSnapshot(jobId);
			if (loaded) {
				jobs[index] = loaded.job;
			} else {
				cold.push(index);
			}
		}

		const tasks = cold.map((index) => ({jobId: ids[index]!, file: this.#paths.eventsFile(ids[index]!)}));
		for (const [n, replayed] of replayLogs(tasks, this.#options.parallelReplayMinBytes).entries()) {
			jobs[cold[n]!] = this.#adopt(tasks[n]!.jobId, replayed);
		}

		this.#board = boardFromJobs(jobs.filter((job) => job !== undefined));
	}

	/** Read `jobId`'s log to the end and fold what is new into {@link board} and {@link warnings}. */
	pump(jobId: string): void {
		this.#pumpMany([jobId]);
	}

	/** {@link pump} each of `jobIds`, with one fold. */
	pumpSome(jobIds: Iterable<string>): void {
		this.#pumpMany(jobIds);
	}

	/** {@link pump} every known job and every new job folder, with one fold. */
	pumpAll(): void {
		this.#pumpMany(new Set([...this.#entries.keys(), ...this.#listJobFolders()]));
	}

	/** Resolves once no snapshot is being written in the background (at once when none is). */
	async settled(): Promise<void> {
		while (this.#writing.size > 0) {
			// Each round waits for the writes started before it.
			await Promise.all(this.#writing);
		}
	}

	/** Write the snapshot of every job changed since its last one, now. Failures are ignored: snapshots are derived. */
	flushSnapshots(): void {
		this.#snapshots.flush();
	}

	/** Write the lines every log's `appendSoon` has waiting, now (their appends settle as usual). */
	writePending(): void {
		for (const entry of this.#entries.values()) {
			entry.log.writePending();
		}
	}

	/** Cancel the pending snapshot timer (without writing), and close the logs' descriptors (pending syncs keep theirs until done). */
	stop(): void {
		this.#snapshots.stop();
		this.#descriptors.close();
	}

	#pumpMany(jobIds: Iterable<string>): void {
		const events: JobEvent[] = [];
		for (const jobId of jobIds) {
			const entry = this.#entry(jobId);
			const result = this.#read(entry, entry.log.position.offset);
			if (result?.truncated) {
				this.#rebuild(jobId, entry);
			} else if (result) {
				this.#report(jobId, entry, result.bad);
				this.#reportTorn(jobId, entry, result);
				// One by one: a spread of a very long read (a burst folded late) would overflow the stack.
				for (const event of result.events) {
					events.push(event);
				}

				this.#markDirty(jobId, entry);
			}
		}

		if (events.length > 0) {
			this.#board = foldEvents(this.#board, events);
		}
	}

	/** The job from its snapshot and the rest of its log; `undefined` when there is no usable snapshot. */
	#loadFromSnapshot(jobId: string): {job: Job | undefined} | undefined {
		const entry = this.#entry(jobId);
		const snapshot = readSnapshot(this.#paths.snapshotFile(jobId), jobId);
		if (snapshot) {
			const result = this.#resume(entry, snapshot);
			if (result && !result.truncated) {
				entry.snapshotOffset = snapshot.offset;
				this.#report(jobId, entry, snapshot.bad);
				return {job: this.#replay(jobId, entry, snapshot.job, result)};
			}
		}

		return undefined;
	}

	/** Take over a replay from byte 0 made elsewhere (`replayLogs`): its position, warnings and job. */
	#adopt(jobId: string, replayed: Replayed): Job | undefined {
		const entry = this.#entry(jobId);
		if (!replayed.ok) {
			this.#options.onReadError(replayed.error);
			return undefined;
		}

		const {job, offset, lines, bad, tornTail} = replayed;
		if (!entry.log.seek({offset, lines})) {
			// Rewritten since it was read: read it again, here.
			return this.#replayFromStart(jobId, entry);
		}

		const result: ReadResult = tornTail ? {events: [], offset, bad, tornTail} : {events: [], offset, bad};
		return this.#replay(jobId, entry, job, result);
	}

	/** The log shrank or vanished (truncated by hand, corrupt tail moved away, job deleted): fold it again. */
	#rebuild(jobId: string, entry: Entry): void {
		try {
			// Its offset may happen to fit the new content; it must not be trusted on the next start.
			fs.rmSync(this.#paths.snapshotFile(jobId), {force: true});
		} catch {
			// Unremovable: the next start's checks (size, line boundary) still apply.
		}

		const job = this.#replayFromStart(jobId, entry);
		const others = [...this.#board.jobs.values()].filter((other) => other.id !== jobId);
		this.#board = boardFromJobs(job ? [...others, job] : others);
	}

	#replayFromStart(jobId: string, entry: Entry): Job | undefined {
		entry.log.seek({offset: 0, lines: 0});
		entry.generation++;
		// Warnings about content that is gone would be stale, and its lines are about to be reported afresh.
		this.#warnings = this.#warnings.filter((warning) => warning.file !== entry.log.file);
		entry.bad = [];
		entry.snapshotOffset = 0;
		entry.tornReportedAt = undefined;
		const result = this.#read(entry, 0);
		return result ? this.#replay(jobId, entry, undefined, result) : undefined;
	}

	#replay(jobId: string, entry: Entry, start: Job | undefined, result: ReadResult): Job | undefined {
		const job = replayJob(result.events, start);
		this.#report(jobId, entry, result.bad);
		this.#reportTorn(jobId, entry, result);
		this.#markDirty(jobId, entry);
		return job;
	}

	#read(entry: Entry, offset: number): ReadResult | undefined {
		try {
			return entry.log.readFrom(offset);
		} catch (error) {
			this.#options.onReadError(errorMessage(error));
			return undefined;
		}
	}

	/** Read on from a snapshot's position; `undefined` when it is not a line boundary of the log or the read failed. */
	#resume(entry: Entry, position: LogPosition): ReadResult | undefined {
		try {
			return entry.log.resume(position);
		} catch (error) {
			this.#options.onReadError(errorMessage(error));
			return undefined;
		}
	}

	#report(jobId: string, entry: Entry, bad: readonly BadLine[]): void {
		if (bad.length === 0) {
			return;
		}

		entry.bad = [...entry.bad, ...bad].slice(-maxSnapshotBadLines);
		const file = entry.log.file;
		const added = bad.map(({line, message}) => ({jobId, file, line, message}));
		this.#warnings = [...this.#warnings, ...added].slice(-maxWarnings);
	}

	/**
	 * A torn tail is one warning (not kept in snapshots: it is not a line, and the next append moves
	 * it aside), reported once per place it was found.
	 */
	#reportTorn(jobId: string, entry: Entry, result: ReadResult): void {
		const torn = result.tornTail;
		if (!torn || entry.tornReportedAt === result.offset) {
			return;
		}

		entry.tornReportedAt = result.offset;
		const message = `torn last line of ${torn.bytes} bytes without a newline (a writer crashed mid-write?): ignored; the next append moves it to events.jsonl.corrupt-*`;
		this.#warn({jobId, file: entry.log.file, line: torn.line, message});
	}

	/** The append that just happened moved a torn tail aside: say where, instead of "will be moved". */
	noteRepair(jobId: string, repair: TailRepair): void {
		const file = this.#entry(jobId).log.file;
		this.#warnings = this.#warnings.filter(
			(warning) =>
				!(warning.file === file && warning.line === repair.line && warning.message.startsWith('torn')),
		);
		const message = `torn last line of ${repair.bytes} bytes (a writer crashed mid-write) moved to ${path.basename(repair.savedTo)}`;
		this.#warn({jobId, file, line: repair.line, message});
	}

	#warn(warning: StoreWarning): void {
		this.#warnings = [...this.#warnings, warning].slice(-maxWarnings);
	}

	#markDirty(jobId: string, entry: Entry): void {
		this.#snapshots.note(jobId, entry.log.position.offset - entry.snapshotOffset);
	}

	/** Write `jobId`'s snapshot: `now`, or in the background (see `writeSnapshotInBackground`). */
	#writeSnapshot(jobId: string, now: boolean): void {
		const entry = this.#entries.get(jobId);
		const job = this.#board.jobs.get(jobId);
		if (!entry || !job) {
			return;
		}

		if (entry.writing && !now) {
			// The previous one is still on its way to the disk: this one waits for a later turn.
			this.#markDirty(jobId, entry);
			return;
		}

		const {offset, lines} = entry.log.position;
		const file = this.#paths.snapshotFile(jobId);
		const snapshot: JobSnapshot = {v: snapshotVersion, offset, lines, job, bad: entry.bad};
		if (now) {
			try {
				writeSnapshot(file, snapshot);
				entry.snapshotOffset = offset;
			} catch {
				// Disk full or read-only: the log is still complete, the next start just replays more.
			}

			return;
		}

		const {generation} = entry;
		const current = () => entry.generation === generation;
		entry.writing = true;
		const writing = writeSnapshotInBackground(file, snapshot, current).then(
			() => {
				if (current()) {
					entry.snapshotOffset = offset;
				}
			},
			() => undefined,
		);
		const done = writing.finally(() => {
			entry.writing = false;
			this.#writing.delete(done);
		});
		this.#writing.add(done);
	}

	#entry(jobId: string): Entry {
		let entry = this.#entries.get(jobId);
		if (!entry) {
			const paths = this.#paths;
			const log = new EventLog(paths.eventsFile(jobId), {
				fsync: this.#options.fsync,
				group: this.#options.group,
				descriptors: this.#descriptors,
				jobId,
				// Its paths made only when needed (a repair): a start makes an entry for every job.
				lock: (critical) => withJobLockSync(paths.jobDir(jobId), paths.jobLock(jobId), critical),
			});
			entry = {log, bad: [], snapshotOffset: 0, generation: 0, writing: false};
			this.#entries.set(jobId, entry);
		}

		return entry;
	}

	#listJobFolders(): string[] {
		try {
			return listJobFolders(this.#paths.jobsDir);
		} catch (error) {
			this.#options.onReadError(`cannot list ${this.#paths.jobsDir}: ${errorMessage(error)}`);
			return [];
		}
	}
}
