/** The board's columns as data: which jobs each shows, in what order, and how tall their cards are. */
import {dispatchOrder, jobStatuses, type Board, type Job, type JobStatus} from '../../core/index.js';
import {cardHeight} from './card-lines.js';

/**
 * Jobs per column, each column in dispatch order (start-now requests, priority, age), except that jobs
 * whose agent waits for a person come first: they are what a person must see.
 */
export type BoardColumns = Readonly<Record<JobStatus, readonly Job[]>>;

/** Group and sort the board's jobs. Call it once per board snapshot (memoise on the board). */
export function groupColumns(board: Board): BoardColumns {
	const columns = Object.fromEntries(jobStatuses.map((status) => [status, [] as Job[]])) as Record<
		JobStatus,
		Job[]
	>;
	for (const job of board.jobs.values()) {
		columns[job.status].push(job);
	}

	for (const status of jobStatuses) {
		columns[status].sort((a, b) => Number(isWaiting(b)) - Number(isWaiting(a)) || dispatchOrder(a, b));
	}

	return columns;
}

function isWaiting(job: Job): boolean {
	const run = job.runs.at(-1);
	return run?.state === 'running' && run.activity === 'waiting';
}

/** Rows a column spends above its cards: the header and the rule under it. */
export const columnHeaderRows = 2;

/** Rows left for cards in a board `height` rows tall. */
export function cardRows(height: number): number {
	return Math.max(0, height - columnHeaderRows);
}

/** Rows of each card of each column (cards differ: see `cardHeight`). Once per board snapshot. */
export function columnHeights(columns: BoardColumns): Readonly<Record<JobStatus, readonly number[]>> {
	return Object.fromEntries(
		jobStatuses.map((status) => [status, columns[status].map((job) => cardHeight(job))]),
	) as Record<JobStatus, number[]>;
}

/** Widths of `count` columns sharing `width` cells with a one-cell gap between neighbours. */
export function columnWidths(width: number, count: number): number[] {
	const usable = width - (count - 1);
	const base = Math.floor(usable / count);
	const extra = usable - base * count;
	return Array.from({length: count}, (_, index) => base + (index < extra ? 1 : 0));
}
