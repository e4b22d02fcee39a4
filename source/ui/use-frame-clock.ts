/** Hooks over the frame clock: the only way data changes reach React. */
import {useMemo, useSyncExternalStore} from 'react';
import {createFrameClock, defaultFrameInterval} from './frame-clock.js';
import type {BoardSource, PaneSource} from './ports.js';

/**
 * Re-render the calling component at most once per frame interval while the store or any pane
 * changes. Returns the frame number; the caller reads `store.getSnapshot()` and `panes.getPanes()`
 * during render, so what it draws is always the latest state.
 */
export function useFrameClock(
	store: BoardSource,
	panes: PaneSource,
	intervalMs = defaultFrameInterval,
): number {
	const clock = useMemo(() => createFrameClock([store, panes], intervalMs), [store, panes, intervalMs]);
	return useSyncExternalStore(clock.subscribe, clock.getSnapshot);
}
