/**
 * The cross-process lock of one job, for compare-and-append (claiming a job, FAULTS R3/R4).
 *
 * proper-lockfile's `mkdir` lock, placed inside the job folder so the watcher's filter ignores it
 * and no sibling folder ever looks like a job. Held only around a synchronous read-decide-append, i.e.
 * for milliseconds, so a lock older than `stale` belongs to a dead process and is taken over.
 */
import fs from 'node:fs';
import lockfile from 'proper-lockfile';
import {errorMessage} from './fs-errors.js';

/** A lock untouched for this long (ms) is stale: its holder died (proper-lockfile's minimum is 2,000). */
const staleMs = 5000;

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

async function locked<T>(jobDir: string, lockPath: string, critical: () => T): Promise<T> {
	let release: () => Promise<void>;
	try {
		release = await lockfile.lock(jobDir, {
			lockfilePath: lockPath,
			realpath: false,
			stale: staleMs,
			retries: {retries: 12, factor: 1.5, minTimeout: 5, maxTimeout: 200, randomize: true},
			// The critical section is synchronous, so the lock cannot be lost while it runs; a
			// compromise noticed later has nothing left to protect, and the default handler would throw in a timer.
			onCompromised: () => undefined,
		});
	} catch (error) {
		const held = (error as NodeJS.ErrnoException).code === 'ELOCKED';
		throw new Error(
			held
				? `job folder ${jobDir} is locked by another process; try again`
				: `cannot lock ${jobDir}: ${errorMessage(error)}`,
			{cause: error},
		);
	}

	try {
		return critical();
	} finally {
		// Failing to remove the lock folder must not turn a written append into an error; it goes stale.
		await release().catch(() => undefined);
	}
}

function removeEmptyFolder(dir: string): void {
	try {
		fs.rmdirSync(dir);
	} catch {
		// Not empty: another process wrote to it meanwhile, so it is a job now.
	}
}
