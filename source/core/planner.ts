/**
 * The planner: which job runs next, and whether a dependency graph is sound.
 *
 * Order: a start-now request (`dispatch` from another process) first, then highest priority, then
 * oldest (ULIDs sort by creation time). A job is runnable when it is `ready`, has no run going on and
 * every job in its `blockedBy` is `done`.
 */
import {activeRun, priorities, type Job} from './job.js';
import type {Board} from './reduce.js';

/** Dependencies of `job` that are not `done` yet (unknown ids count as unmet). */
export function unmetDependencies(job: Job, board: Board): string[] {
	return job.blockedBy.filter((id) => board.jobs.get(id)?.status !== 'done');
}

/** True when the job may start now. */
export function isRunnable(job: Job, board: Board): boolean {
	return job.status === 'ready' && !activeRun(job) && unmetDependencies(job, board).length === 0;
}

const rank = (job: Job) => priorities.indexOf(job.priority);

/** Compare for dispatch order: start-now requests, then priority (high first), then age (old first). */
export function dispatchOrder(a: Job, b: Job): number {
	return (
		Number(b.dispatchRequested) - Number(a.dispatchRequested) ||
		rank(b) - rank(a) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/**
 * Runnable jobs in dispatch order; at most `limit` of them.
 *
 * @param limit how many to return (free slots); `Infinity` for all.
 */
export function nextReady(board: Board, limit = Number.POSITIVE_INFINITY): Job[] {
	if (limit <= 0) {
		return [];
	}

	const ready = [...board.jobs.values()].filter((job) => isRunnable(job, board) || isRequested(job, board));
	return ready.sort(dispatchOrder).slice(0, limit);
}

/** A start-now request may pull a job from any status but `in_flight`, once its dependencies are done. */
function isRequested(job: Job, board: Board): boolean {
	return (
		job.dispatchRequested &&
		job.status !== 'in_flight' &&
		!activeRun(job) &&
		unmetDependencies(job, board).length === 0
	);
}

/**
 * Find a dependency cycle that giving `jobId` the dependencies `blockedBy` would create.
 *
 * Depth-first search over `blockedBy` edges from each new dependency back to `jobId`.
 *
 * @returns the cycle as ids, starting and ending with `jobId` (e.g. `[a, b, c, a]`), or `undefined`.
 */
export function findCycle(board: Board, jobId: string, blockedBy: readonly string[]): string[] | undefined {
	const seen = new Set<string>();
	const visit = (id: string, path: string[]): string[] | undefined => {
		if (id === jobId) {
			return [...path, id];
		}

		if (seen.has(id)) {
			return undefined;
		}

		seen.add(id);
		for (const next of board.jobs.get(id)?.blockedBy ?? []) {
			const found = visit(next, [...path, id]);
			if (found) {
				return found;
			}
		}

		return undefined;
	};

	for (const dependency of blockedBy) {
		const found = visit(dependency, [jobId]);
		if (found) {
			return found;
		}
	}

	return undefined;
}
