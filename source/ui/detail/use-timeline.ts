/** The detail view's timeline as a hook: one {@link TimelineSource} per open job, refreshed as it changes. */
import {useEffect, useMemo, useSyncExternalStore} from 'react';
import type {BoardSource} from '../ports.js';
import {createTimelineSource, type Timeline, type TimelineSource} from './timeline-source.js';

/** No job, or a store that cannot read events. */
const none: Timeline = {entries: [], dropped: 0, loaded: true};
const noSubscription = () => () => {};
const noSnapshot = () => none;

/** The timeline, and whether the store can read events at all. */
export type TimelineView = Timeline & {readonly missing: boolean};

/**
 * The timeline of `jobId` (none when undefined). `eventCount` is the job's folded event count: when
 * it grows the log is read on from where it stopped, on a timer turn, not in this render.
 */
export function useTimeline(store: BoardSource, jobId: string | undefined, eventCount: number): TimelineView {
	const source = useMemo((): TimelineSource | undefined => {
		const read = store.readEventsFrom?.bind(store);
		return jobId === undefined || read === undefined ? undefined : createTimelineSource(read, jobId);
	}, [store, jobId]);
	useEffect(() => {
		source?.refresh();
	}, [source, eventCount]);
	useEffect(
		() => () => {
			source?.dispose();
		},
		[source],
	);
	const timeline = useSyncExternalStore(
		source?.subscribe ?? noSubscription,
		source?.getSnapshot ?? noSnapshot,
	);
	const missing = jobId !== undefined && store.readEventsFrom === undefined;
	return useMemo(() => ({...timeline, missing}), [timeline, missing]);
}
