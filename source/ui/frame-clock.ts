/**
 * The frame clock: the one external store React subscribes to for data changes.
 *
 * The board store and every pane notify on each change (a folded event, a chunk of pty output). A
 * commit of the whole screen costs ~20 ms in Ink 6 whatever changed (PITFALLS.md), so those
 * notifications are coalesced here into at most one commit per interval: the first change after a
 * quiet period is drawn at once (leading edge), changes under load wait for the end of the interval
 * (trailing edge), and nothing is committed when nothing changed. Under a sustained flood the interval
 * adapts to what frames cost (see {@link maxFrameInterval}).
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
 * Longest interval the clock stretches to under load: at least 10 frames a second, however slow.
 * Between the two, the interval is twice what frames have recently cost, so that drawing takes at most
 * about half of the main thread and keystrokes, pty output and the store get the rest (B3, B11).
 */
export const maxFrameInterval = 100;

/** Share of the main thread frames may take before the interval stretches. */
const frameShare = 0.5;

/**
 * Told how long each frame took, in ms: from the tick to the end of the commit it caused (React's
 * render and commit, and Ink's layout, output build and write, which happen inside the commit), so the
 * whole cost of the frame (the profiler's `commitMs`).
 */
export type FlushObserver = (ms: number) => void;

/**
 * Create a frame clock over `sources`. The sources are subscribed to only while the clock has
 * listeners, so an unmounted dashboard leaves nothing behind.
 *
 * @param intervalMs the shortest time between two frames.
 * @param onFlush told the duration of each frame (the profiler); absent, nothing is timed.
 */
export function createFrameClock(
	sources: readonly ChangeSource[],
	intervalMs = defaultFrameInterval,
	timers: FrameTimers = realTimers,
	onFlush?: FlushObserver,
): FrameClock {
	const listeners = new Set<() => void>();
	let frame = 0;
	let dirty = false;
	let lastFrameAt = Number.NEGATIVE_INFINITY;
	let timer: unknown;
	let unsubscribeSources: Array<() => void> = [];
	/** Recent cost of a frame in ms (exponential moving average), from the timers' clock. */
	let cost = 0;
	const longest = Math.max(intervalMs, maxFrameInterval);

	const measured = (startedAt: number, started: number) => {
		const ms = timers.now() - startedAt;
		cost = cost === 0 ? ms : cost * 0.7 + ms * 0.3;
		onFlush?.(performance.now() - started);
	};

	const flush = () => {
		timer = undefined;
		if (!dirty) {
			return;
		}

		dirty = false;
		lastFrameAt = timers.now();
		frame++;
		const started = onFlush ? performance.now() : 0;
		for (const listener of [...listeners]) {
			listener();
		}

		// React renders a store change in a microtask it queued inside the listener, and Ink lays out,
		// builds and writes the frame inside that commit; a microtask queued now runs after all of it.
		const startedAt = lastFrameAt;
		queueMicrotask(() => {
			measured(startedAt, started);
		});
	};

	const changed = () => {
		dirty = true;
		if (timer !== undefined) {
			return;
		}

		// A timer even for the leading edge (0 ms): a source that notifies many times in one tick
		// (several panes fed by one read) still makes one frame, and React never renders inside a
		// source's notification loop.
		const interval = Math.min(longest, Math.max(intervalMs, cost / frameShare));
		const wait = Math.max(0, lastFrameAt + interval - timers.now());
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
