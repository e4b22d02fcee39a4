/**
 * `job.json`: a job's folded state and how far into its log the fold reached.
 *
 * Derived, never the source of truth: any doubt (missing, torn, from another format version, naming
 * another job, an offset past the end of the log or short of it but not just after a `\n`) and the
 * caller replays the log from 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Job} from '../core/job.js';
import type {BadLine} from './event-log.js';

/** Format version of `job.json`; a snapshot of another version is ignored. */
export const snapshotVersion = 2;

/** The content of `job.json`. */
export type JobSnapshot = {
	/** {@link snapshotVersion}. */
	readonly v: typeof snapshotVersion;
	/** Byte offset in `events.jsonl` just after the last line folded into `job`. */
	readonly offset: number;
	/** Number of lines (good, bad and empty) before `offset`, for line numbers in warnings. */
	readonly lines: number;
	/** The fold of every line before `offset`. */
	readonly job: Job;
	/** Bad lines before `offset`, so their warnings survive a restart (at most {@link maxSnapshotBadLines}). */
	readonly bad: readonly BadLine[];
};

/** How many bad lines a snapshot remembers (the last ones). */
export const maxSnapshotBadLines = 100;

/**
 * Write `snapshot` to `file` atomically: a temp file in the same folder, `fsync`, `rename` over the
 * old one. A reader sees the old snapshot or the new one, never half of one.
 *
 * @throws Error from the file system (the temp file is removed).
 */
export function writeSnapshot(file: string, snapshot: JobSnapshot): void {
	const temporary = temporaryName(file);
	try {
		const fd = fs.openSync(temporary, 'w');
		try {
			// `writeFileSync` on a descriptor loops until every byte is written; one `writeSync` may not.
			fs.writeFileSync(fd, JSON.stringify({...snapshot, bad: snapshot.bad.slice(-maxSnapshotBadLines)}));
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}

		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}
}

/**
 * {@link writeSnapshot} without waiting for the disk on this thread: the temp file is written at
 * once, its `fsync` runs in the thread pool, and the `rename` follows it. A synchronous `fsync` of a
 * new file costs milliseconds (a journal commit), more while other processes sync their logs, and a
 * busy board writes many snapshots (BENCHMARKS B7).
 *
 * `wanted` is asked just before the rename: false (the log was truncated meanwhile, so this snapshot
 * describes content that is gone) drops the temp file instead.
 *
 * @returns a promise resolved once the snapshot is in place (or dropped), rejected with the file
 * system's error (the temp file is removed).
 */
export async function writeSnapshotInBackground(
	file: string,
	snapshot: JobSnapshot,
	wanted: () => boolean = () => true,
): Promise<void> {
	const temporary = temporaryName(file);
	let fd: number | undefined;
	try {
		fd = fs.openSync(temporary, 'w');
		fs.writeFileSync(fd, JSON.stringify({...snapshot, bad: snapshot.bad.slice(-maxSnapshotBadLines)}));
	} catch (error) {
		if (fd !== undefined) {
			fs.closeSync(fd);
		}

		fs.rmSync(temporary, {force: true});
		throw error;
	}

	const open = fd;
	await new Promise<void>((resolve, reject) => {
		fs.fsync(open, (error) => {
			try {
				fs.closeSync(open);
				if (error) {
					throw error;
				}

				if (wanted()) {
					fs.renameSync(temporary, file);
				} else {
					fs.rmSync(temporary, {force: true});
				}

				resolve();
			} catch (failure) {
				fs.rmSync(temporary, {force: true});
				reject(failure as Error);
			}
		});
	});
}

/** A temp file next to `file`, unique per process and call: two dashboards may snapshot the same job at once. */
function temporaryName(file: string): string {
	return path.join(
		path.dirname(file),
		`.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
	);
}

/**
 * Read `file` as a snapshot of job `jobId`, or `undefined` when it is missing, unreadable, not JSON,
 * of another version or job, or not shaped like a snapshot. Never throws.
 */
export function readSnapshot(file: string, jobId: string): JobSnapshot | undefined {
	let value: unknown;
	try {
		// One call into the runtime for open, read and close (a JavaScript `closeSync` costs more here:
		// graceful-fs, loaded by proper-lockfile, wraps it).
		value = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}

	return isSnapshot(value, jobId) ? value : undefined;
}

/** A shallow check: enough that folding on top of `job` cannot throw. Core has no schema for `Job`. */
function isSnapshot(value: unknown, jobId: string): value is JobSnapshot {
	if (!isRecord(value) || value['v'] !== snapshotVersion || !Array.isArray(value['bad'])) {
		return false;
	}

	const {offset, lines, job} = value;
	if (!isCount(offset) || !isCount(lines) || !isRecord(job) || job['id'] !== jobId) {
		return false;
	}

	const arrays = ['blockedBy', 'blocks', 'acceptance', 'artifacts', 'runs', 'messages'];
	return (
		arrays.every((key) => Array.isArray(job[key])) &&
		isCount(job['eventCount']) &&
		isRecord(job['cost']) &&
		typeof job['status'] === 'string' &&
		typeof job['title'] === 'string' &&
		value['bad'].every((bad) => isRecord(bad) && isCount(bad['line']) && typeof bad['message'] === 'string')
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}
