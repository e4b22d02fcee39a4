/**
 * The cross-process lock of one job, for compare-and-append (claiming a job, FAULTS R3/R4) and for
 * repairing a torn tail (FAULTS R1).
 *
 * proper-lockfile's `mkdir` lock, placed inside the job folder so the watcher's filter ignores it
 * and no sibling folder ever looks like a job. Held only around a synchronous critical section, i.e.
 * for milliseconds, so a lock older than `stale` belongs to a dead process and is taken over.
 *
 * Within one process the lock is re-entrant: every critical section is synchronous, so two of them
 * can never interleave in one thread, and a section that needs the lock while this process already
 * holds it (an append inside `transact` that meets a torn tail) simply runs.
 */
import fs from 'node:fs';
import lockfile from 'proper-lockfile';
import {errorMessage} from './fs-errors.js';
import {sleepSync} from './sleep-sync.js';

/** A lock untouched for this long (ms) is stale: its holder died (proper-lockfile's minimum is 2,000). */
const staleMs = 5000;
/** How long {@link withJobLockSync} keeps trying a lock held by another process, in ms. */
const syncPatienceMs = 1000;

/** Lock paths this process holds now (from the lock's acquisition until its folder is removed). */
const held = new Set<string>();

/**
 * Run `critical` while holding the lock at `lockPath` for `jobDir`; always release it. A missing job
 * folder is created for the lock and removed again when `critical` wrote nothing (returned no
 * items or threw), so a refused creation leaves no empty job behind.
 *
 * @returns what `critical` returned.
 * @throws Error when the lock stays held by another process for ~1 s of retries, or cannot be made;
 * whatever `critical` throws (after releasing).
 */
export async function withJobLock<T>(
	jobDir: string,
	lockPath: string,
	critical: () => readonly T[],
): Promise<readonly T[]> {
	const created = !fs.existsSync(jobDir);
	fs.mkdirSync(jobDir, {recursive: true});
	let result: readonly T[] = [];
	try {
		result = await locked(jobDir, lockPath, critical);
		return result;
	} finally {
		if (created && result.length === 0) {
			removeEmptyFolder(jobDir);
		}
	}
}

/**
 * Run `critical` under the lock at `lockPath` for the existing folder `jobDir`, synchronously: for
 * the rare repairs a synchronous append must make (a torn tail). Another process's lock is retried
 * for up to ~1 s, blocking this thread meanwhile; this process's own lock is re-entered.
 *
 * @returns what `critical` returned.
 * @throws Error when the lock stays held by another process, or cannot be made; whatever
 * `critical` throws (after releasing).
 */
export function withJobLockSync<T>(jobDir: string, lockPath: string, critical: () => T): T {
	if (held.has(lockPath)) {
		return critical();
	}

	const release = lockSyncPatiently(jobDir, lockPath);
	held.add(lockPath);
	try {
		return critical();
	} finally {
		held.delete(lockPath);
		try {
			release();
		} catch {
			// As in the asynchronous case: a lock folder left behind goes stale.
		}
	}
}

async function locked<T>(jobDir: string, lockPath: string, critical: () => T): Promise<T> {
	let release: () => Promise<void>;
	try {
		release = await lockfile.lock(jobDir, {...lockOptions(lockPath), retries: asyncRetries});
	} catch (error) {
		throw lockError(jobDir, error);
	}

	held.add(lockPath);
	try {
		return critical();
	} finally {
		// Still "held" until the folder is gone: a synchronous section meanwhile re-enters instead of
		// spinning on a lock whose release needs this very thread.
		// Failing to remove the lock folder must not turn a written append into an error; it goes stale.
		await release().catch(() => undefined);
		held.delete(lockPath);
	}
}

const asyncRetries = {retries: 12, factor: 1.5, minTimeout: 5, maxTimeout: 200, randomize: true};

function lockOptions(lockPath: string) {
	return {
		lockfilePath: lockPath,
		realpath: false,
		stale: staleMs,
		// The critical section is synchronous, so the lock cannot be lost while it runs; a
		// compromise noticed later has nothing left to protect, and the default handler would throw in a timer.
		onCompromised: () => undefined,
	};
}

function lockSyncPatiently(jobDir: string, lockPath: string): () => void {
	const deadline = Date.now() + syncPatienceMs;
	for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
		try {
			return lockfile.lockSync(jobDir, lockOptions(lockPath));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= deadline) {
				throw lockError(jobDir, error);
			}
		}

		sleepSync(Math.min(wait, Math.max(1, deadline - Date.now())));
	}
}

function lockError(jobDir: string, error: unknown): Error {
	const busy = (error as NodeJS.ErrnoException).code === 'ELOCKED';
	return new Error(
		busy
			? `job folder ${jobDir} is locked by another process; try again`
			: `cannot lock ${jobDir}: ${errorMessage(error)}`,
		{cause: error},
	);
}

function removeEmptyFolder(dir: string): void {
	try {
		fs.rmdirSync(dir);
	} catch {
		// Not empty: another process wrote to it meanwhile, so it is a job now.
	}
}
