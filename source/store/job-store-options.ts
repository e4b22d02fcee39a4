/** The options of `JobStore.open`, and their defaults. */
import type {FsyncMode} from './event-log.js';
import type {GroupCommit} from './group-commit.js';
import type {JobFilesOptions} from './job-files.js';

/** Options of `JobStore.open`. Times in milliseconds. */
export type JobStoreOptions = {
	/**
	 * Follow other processes' appends: `true` (default) watches with chokidar plus a backstop poll,
	 * `'poll'` only polls (network filesystems), `false` reads only on `JobStore.refresh`
	 * and after this store's own appends (one-shot CLI commands).
	 */
	readonly watch?: boolean | 'poll';
	/**
	 * When appends reach the disk (see {@link FsyncMode} and `docs/durability.md`): `always` syncs
	 * inside every append (~80× slower), `batch` (default) syncs each group of appends within
	 * {@link syncDelayMs} after they returned (`JobStore.flushed` tells when), `never` leaves it
	 * to the kernel. A boolean is the old form (`true` = `always`, `false` = `never`).
	 */
	readonly fsync?: FsyncMode | boolean;
	/** `batch` mode: longest wait in ms between an append and its group's `fdatasync`. Default 5. */
	readonly syncDelayMs?: number;
	/** Delay between a change and writing that job's `job.json`. Default 200. */
	readonly snapshotDelayMs?: number;
	/** Write a job's snapshot only once its log grew this many bytes past the last one: replaying less costs less than an fsync. Default 8192. */
	readonly snapshotMinBytes?: number;
	/**
	 * Shortest time between two snapshots of one job while its log keeps growing (each costs a
	 * `JSON.stringify` of the job, an fsync in the thread pool and a rename the watcher sees; `close`
	 * writes the pending ones whatever the interval). Default 5000.
	 */
	readonly snapshotIntervalMs?: number;
	/** Period of the watcher's backstop size poll. Default 5000. */
	readonly pollMs?: number;
	/**
	 * Logs without a usable `job.json` (a cold start) are replayed on several threads once they add
	 * up to this many bytes (`replay-pool.ts`, BENCHMARKS B8). Default 16 MiB; `Infinity`: never.
	 */
	readonly parallelReplayMinBytes?: number;
};

/** `options.fsync` as a mode: `batch` by default; a boolean is the old form. */
export function fsyncModeOf(options: JobStoreOptions): FsyncMode {
	return typeof options.fsync === 'boolean'
		? options.fsync
			? 'always'
			: 'never'
		: (options.fsync ?? 'batch');
}

/** What the store's `JobFiles` are given: the options with their defaults filled in. */
export function jobFilesOptions(
	options: JobStoreOptions,
	group: GroupCommit | undefined,
	onReadError: (message: string) => void,
): JobFilesOptions {
	return {
		fsync: fsyncModeOf(options),
		group,
		snapshotDelayMs: options.snapshotDelayMs ?? 200,
		snapshotMinBytes: options.snapshotMinBytes ?? 8192,
		snapshotIntervalMs: options.snapshotIntervalMs ?? 5000,
		parallelReplayMinBytes: options.parallelReplayMinBytes ?? 16 * 1024 * 1024,
		onReadError,
	};
}
