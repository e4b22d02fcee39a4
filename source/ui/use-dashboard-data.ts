/**
 * Everything the dashboard draws from the store and the panes, read once per frame. Derived values
 * are memoised on the store's immutable snapshot, so a frame caused only by pane output hands the
 * board the same props and the (memoised) board skips its render.
 */
import {useMemo} from 'react';
import {jobStatuses, type JobStatus} from '../core/index.js';
import {cardActivity} from './board/card-lines.js';
import {columnHeights, groupColumns, type BoardColumns} from './board/columns.js';
import type {BoardSource, PaneInfo, PaneSource, StoreSnapshot} from './ports.js';
import type {DataActivity} from './use-elapsed-clock.js';
import {useFrameClock} from './use-frame-clock.js';

/** One frame's data. */
export type DashboardData = {
	readonly snapshot: StoreSnapshot;
	readonly panes: readonly PaneInfo[];
	readonly columns: BoardColumns;
	/** Rows of each card, by column. */
	readonly heights: Readonly<Record<JobStatus, readonly number[]>>;
	readonly counts: Readonly<Record<JobStatus, number>>;
	/** Ids of jobs with store warnings, for the `!` mark on their cards. */
	readonly warnedJobs: ReadonlySet<string>;
	/** Jobs in flight. */
	readonly active: number;
	/** Jobs in flight whose run waits for a person's input. */
	readonly waiting: number;
	/** Some pane's process is still running (its clock must tick even if the board lags). */
	readonly running: boolean;
	/** When the store or a pane last changed (ms since the epoch): the elapsed clock ticks with it. */
	readonly activity: DataActivity;
};

/** Read the store and the panes, re-rendering at most once per frame interval when either changes. */
export function useDashboardData(
	store: BoardSource,
	panes: PaneSource,
	frameInterval?: number,
): DashboardData {
	const {clock} = useFrameClock(store, panes, frameInterval);
	const snapshot = store.getSnapshot();
	const paneList = panes.getPanes();
	const columns = useMemo(() => groupColumns(snapshot.board), [snapshot.board]);
	const heights = useMemo(() => columnHeights(columns), [columns]);
	const waiting = useMemo(
		() => columns.in_flight.filter((job) => cardActivity(job) === 'waiting').length,
		[columns],
	);
	const counts = useMemo(
		() =>
			Object.fromEntries(jobStatuses.map((status) => [status, columns[status].length])) as Record<
				JobStatus,
				number
			>,
		[columns],
	);
	const warnedJobs = useMemo(
		() => new Set(snapshot.warnings.flatMap((warning) => (warning.jobId ? [warning.jobId] : []))),
		[snapshot.warnings],
	);
	return {
		snapshot,
		panes: paneList,
		columns,
		heights,
		counts,
		warnedJobs,
		active: columns.in_flight.length,
		waiting,
		running: paneList.some((pane) => pane.endedAt === undefined),
		activity: clock,
	};
}
