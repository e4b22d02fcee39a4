/** Hooks over the frame clock: the only way data changes reach React. */
import {useMemo, useSyncExternalStore} from 'react';
import {createFrameClock, defaultFrameInterval, type FlushObserver} from './frame-clock.js';
import type {BoardSource, PaneSource} from './ports.js';
import {useFrameMetrics} from './profile/profile-context.js';

/**
 * Re-render the calling component at most once per frame interval while the store or any pane
 * changes. Returns the frame number; the caller reads `store.getSnapshot()` and `panes.getPanes()`
 * during render, so what it draws is always the latest state. Under a profiler (`ProfileContext`),
 * each frame's cost and the panes' output since the last frame are recorded.
 */
export function useFrameClock(
	store: BoardSource,
	panes: PaneSource,
	intervalMs = defaultFrameInterval,
): number {
	const metrics = useFrameMetrics();
	const clock = useMemo(() => {
		const onFlush: FlushObserver | undefined = metrics
			? (ms) => {
					metrics.commit(ms, panes.getPanes());
				}
			: undefined;
		return createFrameClock([store, panes], intervalMs, undefined, onFlush);
	}, [store, panes, intervalMs, metrics]);
	return useSyncExternalStore(clock.subscribe, clock.getSnapshot);
}
