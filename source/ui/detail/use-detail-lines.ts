/** The detail view's lines for the open job, recomputed only when the job, its events or the width change. */
import {useMemo} from 'react';
import {activeRun, type Board, type Job} from '../../core/index.js';
import type {BoardSource} from '../ports.js';
import {detailLines, type DetailLine} from './detail-lines.js';
import {useTimeline} from './use-timeline.js';

const noLines: readonly DetailLine[] = [];

/**
 * Lines for `job` (none when undefined), `width` cells wide. `now` matters only while the job has a
 * run going on (its duration counts up); otherwise a tick of the clock changes nothing.
 */
export function useDetailLines(
	store: BoardSource,
	job: Job | undefined,
	board: Board,
	now: number,
	width: number,
): readonly DetailLine[] {
	const timeline = useTimeline(store, job?.id, job?.eventCount ?? 0);
	const clock = job && activeRun(job) ? now : 0;
	return useMemo(
		() =>
			job
				? detailLines({
						job,
						board,
						timeline: timeline.entries,
						timelineDropped: timeline.dropped,
						timelineError: timeline.error,
						timelineMissing: timeline.missing,
						now: clock,
						width,
					})
				: noLines,
		[job, board, timeline, clock, width],
	);
}
