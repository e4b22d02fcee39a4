/** Hooks over the frame clock: the only way data changes reach React (and the pane surface). */
import {useMemo, useSyncExternalStore} from 'react';
import {
	createFrameClock,
	defaultFrameInterval,
	type FlushObserver,
	type FrameClock,
	type FrameSplit,
} from './frame-clock.js';
import {scrollLabel} from './pane/pane-title.js';
import {drawsTheSame} from './drawn-snapshot.js';
import type {BoardSource, PaneSource, StoreSnapshot} from './ports.js';
import {useFrameMetrics} from './profile/profile-context.js';
import type {PaneSurfaceHandle} from './surface/pane-surface.js';
import {usePaneSurface} from './surface/surface-context.js';

/** What the calling component gets: the frame number, and the clock (for when data last changed). */
export type FrameClockState = {readonly frame: number; readonly clock: FrameClock};

/**
 * Everything React draws that pane output can change: the store's snapshot (as drawn), the pane list, and per
 * pane its end, exit code and scroll label (the title). Pane contents are not in it: the surface
 * paints them.
 */
function chromeKey(snapshot: StoreSnapshot, panes: PaneSource): unknown[] {
	const list = panes.getPanes();
	const key: unknown[] = [snapshot, list];
	for (const pane of list) {
		key.push(pane.endedAt, pane.exitCode, scrollLabel(pane.screen));
	}

	return key;
}

/** A tick commits when the chrome changed since the last tick that committed; else it only paints. */
function splitFor(store: BoardSource, panes: PaneSource, surface: PaneSurfaceHandle): FrameSplit {
	let last: unknown[] = [];
	// The snapshot last drawn, kept while newer ones would draw the same (only output counters moved).
	let drawn: StoreSnapshot | undefined;
	return {
		needsCommit() {
			const snapshot = store.getSnapshot();
			if (drawn === undefined || !drawsTheSame(drawn, snapshot)) {
				drawn = snapshot;
			}

			const key = chromeKey(drawn, panes);
			const same = key.length === last.length && key.every((value, index) => Object.is(value, last[index]));
			last = key;
			return !same;
		},
		paint() {
			surface.paint();
		},
	};
}

/**
 * Re-render the calling component at most once per frame interval while the store or any pane
 * changes. The caller reads `store.getSnapshot()` and `panes.getPanes()` during render, so what it
 * draws is always the latest state. With a pane surface (`SurfaceContext`), pane output alone does
 * not re-render: the tick paints the surface instead. Under a profiler (`ProfileContext`), each
 * frame's cost and the panes' output since the last frame are recorded.
 */
export function useFrameClock(
	store: BoardSource,
	panes: PaneSource,
	intervalMs = defaultFrameInterval,
): FrameClockState {
	const metrics = useFrameMetrics();
	const surface = usePaneSurface();
	const clock = useMemo(() => {
		const onFlush: FlushObserver | undefined = metrics
			? (ms, kind) => {
					metrics.commit(ms, panes.getPanes(), kind);
				}
			: undefined;
		const split = surface ? splitFor(store, panes, surface) : undefined;
		return createFrameClock([store, panes], intervalMs, undefined, onFlush, split);
	}, [store, panes, intervalMs, metrics, surface]);
	const frame = useSyncExternalStore(clock.subscribe, clock.getSnapshot);
	return {frame, clock};
}
