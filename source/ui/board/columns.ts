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

/** Width of an empty column when the board makes room for the others: `plan (0)` still fits. */
export const emptyColumnWidth = 8;

/**
 * Column widths of a narrow board (beside the panes): empty columns shrink to
 * {@link emptyColumnWidth} and the columns with cards share the rest, so their titles keep more of
 * themselves. Equal widths when no column is empty, all are, or the shrinking would leave a column
 * with cards narrower than an empty one. `counts` are the cards per column, in column order.
 */
export function fittedColumnWidths(width: number, counts: readonly number[]): number[] {
	const equal = columnWidths(width, counts.length);
	const empty = counts.filter((count) => count === 0).length;
	if (empty === 0 || empty === counts.length) {
		return equal;
	}

	// The columns with cards and the gaps between them take what the empty ones and their gaps leave.
	const shares = columnWidths(width - empty * (emptyColumnWidth + 1), counts.length - empty);
	if ((shares.at(-1) ?? 0) <= emptyColumnWidth) {
		return equal;
	}

	return counts.map((count) => (count === 0 ? emptyColumnWidth : shares.shift()!));
}

/**
 * The board's column widths: equal, or {@link fittedColumnWidths} for a board beside the panes
 * (`fitted`). The board and the mouse's hit-testing both use this, so a click lands where drawn.
 */
export function boardColumnWidths(width: number, counts: readonly number[], fitted: boolean): number[] {
	return fitted ? fittedColumnWidths(width, counts) : columnWidths(width, counts.length);
}
