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
	/** When a source last changed, by the timers' clock (ms; -Infinity before any change). */
	lastChangeAt(): number;
	/** When the latest frame that committed was ticked, by the timers' clock (ms; -Infinity before). */
	lastCommitAt(): number;
	/**
	 * Calls `listener` after each change of a source while the clock is subscribed to (the elapsed
	 * clock sleeps until one, B10); returns the unsubscribe function.
	 */
	onChange(listener: () => void): () => void;
};

/**
 * Splits each tick between React and the pane surface: a tick commits only when something React
 * draws changed (the board, the pane list, a pane's title); otherwise it only paints pane contents.
 */
export type FrameSplit = {
	/** Whether a commit is needed; asked once per tick, so it may remember what it last said yes to. */
	needsCommit(): boolean;
	/** Paint the pane contents (after the commit, when there is one). */
	paint(): void;
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

/** How a frame was drawn, for the profiler. */
export type FrameKind = {
	/** The frame committed (React and Ink drew it); false: only the pane surface painted. */
	readonly committed: boolean;
	/** Time the pane surface took to paint, ms; absent without a surface. */
	readonly paintMs?: number;
};

/**
 * Told how long each frame took, in ms: from the tick to the end of the commit it caused (React's
 * render and commit, and Ink's layout, output build and write, which happen inside the commit) and of
 * the pane surface's paint, so the whole cost of the frame.
 */
export type FlushObserver = (ms: number, kind: FrameKind) => void;

/**
 * Create a frame clock over `sources`. The sources are subscribed to only while the clock has
 * listeners, so an unmounted dashboard leaves nothing behind.
 *
 * @param intervalMs the shortest time between two frames.
 * @param onFlush told the duration of each frame (the profiler); absent, nothing is timed.
 * @param split with a pane surface: which ticks commit and which only paint; absent, every tick
 *   commits.
 */
export function createFrameClock(
	sources: readonly ChangeSource[],
	intervalMs = defaultFrameInterval,
	timers: FrameTimers = realTimers,
	onFlush?: FlushObserver,
	split?: FrameSplit,
): FrameClock {
	const listeners = new Set<() => void>();
	const changeListeners = new Set<() => void>();
	let frame = 0;
	let dirty = false;
	let lastFrameAt = Number.NEGATIVE_INFINITY;
	let lastChangeAt = Number.NEGATIVE_INFINITY;
	let lastCommitAt = Number.NEGATIVE_INFINITY;
	let timer: unknown;
	let unsubscribeSources: Array<() => void> = [];
	/** Recent cost of a frame in ms (exponential moving average), from the timers' clock. */
	let cost = 0;
	const longest = Math.max(intervalMs, maxFrameInterval);

	const measured = (startedAt: number, started: number, kind: FrameKind) => {
		const ms = timers.now() - startedAt;
		cost = cost === 0 ? ms : cost * 0.7 + ms * 0.3;
		onFlush?.(performance.now() - started, kind);
	};

	/** Paint the surface, timed when someone listens. */
	const paint = (): number | undefined => {
		if (!split) {
			return undefined;
		}

		const started = onFlush ? performance.now() : 0;
		split.paint();
		return onFlush ? performance.now() - started : undefined;
	};

	const flush = () => {
		timer = undefined;
		if (!dirty) {
			return;
		}

		dirty = false;
		lastFrameAt = timers.now();
		const startedAt = lastFrameAt;
		const started = onFlush ? performance.now() : 0;
		if (split && !split.needsCommit()) {
			const paintMs = paint();
			measured(startedAt, started, {committed: false, paintMs});
			return;
		}

		frame++;
		lastCommitAt = startedAt;
		for (const listener of [...listeners]) {
			listener();
		}

		// React renders a store change in a microtask it queued inside the listener, and Ink lays out,
		// builds and writes the frame inside that commit; a microtask queued now runs after all of it.
		queueMicrotask(() => {
			const paintMs = paint();
			measured(startedAt, started, {committed: true, paintMs});
		});
	};

	const changed = () => {
		dirty = true;
		lastChangeAt = timers.now();
		for (const listener of changeListeners) {
			listener();
		}

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
		lastChangeAt: () => lastChangeAt,
		lastCommitAt: () => lastCommitAt,
		onChange(listener) {
			changeListeners.add(listener);
			return () => {
				changeListeners.delete(listener);
			};
		},
	};
}
