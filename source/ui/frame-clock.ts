/**
 * The frame clock: the one external store React subscribes to for data changes.
 *
 * The board store and every pane notify on each change (a folded event, a chunk of pty output). A
 * commit of the whole screen costs ~20 ms in Ink 6 whatever changed (PITFALLS.md), so those
 * notifications are coalesced here into at most one commit per interval: the first change after a
 * quiet period is drawn at once (leading edge), changes under load wait for the end of the interval
 * (trailing edge), and nothing is committed when nothing changed.
 */

/** Anything with a change notification: `BoardSource`, `PaneSource`. */
export type ChangeSource = {subscribe(listener: () => void): () => void};

/** What `useSyncExternalStore` needs; the snapshot is a frame number that grows by one per commit. */
export type FrameClock = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): number;
};

/** Timer functions, injectable so tests can drive the clock by hand. */
export type FrameTimers = {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

const realTimers: FrameTimers = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Default interval: 50 ms, i.e. at most 20 commits a second. */
export const defaultFrameInterval = 50;

/**
 * Create a frame clock over `sources`. The sources are subscribed to only while the clock has
 * listeners, so an unmounted dashboard leaves nothing behind.
 *
 * @param intervalMs the shortest time between two frames.
 */
export function createFrameClock(
	sources: readonly ChangeSource[],
	intervalMs = defaultFrameInterval,
	timers: FrameTimers = realTimers,
): FrameClock {
	const listeners = new Set<() => void>();
	let frame = 0;
	let dirty = false;
	let lastFrameAt = Number.NEGATIVE_INFINITY;
	let timer: unknown;
	let unsubscribeSources: Array<() => void> = [];

	const flush = () => {
		timer = undefined;
		if (!dirty) {
			return;
		}

		dirty = false;
		lastFrameAt = timers.now();
		frame++;
		for (const listener of [...listeners]) {
			listener();
		}
	};

	const changed = () => {
		dirty = true;
		if (timer !== undefined) {
			return;
		}

		// A timer even for the leading edge (0 ms): a source that notifies many times in one tick
		// (several panes fed by one read) still makes one frame, and React never renders inside a
		// source's notification loop.
		const wait = Math.max(0, lastFrameAt + intervalMs - timers.now());
		timer = timers.setTimeout(flush, wait);
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			if (listeners.size === 1) {
				unsubscribeSources = sources.map((source) => source.subscribe(changed));
			}

			return () => {
				listeners.delete(listener);
				if (listeners.size > 0) {
					return;
				}

				for (const unsubscribe of unsubscribeSources) {
					unsubscribe();
				}

				unsubscribeSources = [];
				dirty = false;
				if (timer !== undefined) {
					timers.clearTimeout(timer);
					timer = undefined;
				}
			};
		},
		getSnapshot: () => frame,
	};
}
