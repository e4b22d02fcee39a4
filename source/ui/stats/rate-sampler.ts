/**
 * Samples every pane's output counter into a {@link RateHistory}, outside React. Sampling costs a
 * look at each pane's counter, and happens at most once a second: when a pane reports a change (the
 * notifications come per pty chunk, so they are throttled here) and, while the stats view listens,
 * on a one-second tick so the sparklines move on through quiet stretches. Nothing runs while the panes
 * are quiet and nobody listens; listeners are told only when the history changed, so the open view
 * commits at most once a second on its own, and a closed one never.
 */
import type {PaneInfo, PaneSource} from '../ports.js';
import {emptyHistory, recordTotals, type RateHistory} from './rate-history.js';

/** What a series is about. */
export type SeriesInfo = {
	readonly jobId: string;
	readonly run: number;
	readonly agent: string;
	/** `bytes` of output (runs of this process), or screen `updates` (runs tailed from another). */
	readonly unit: 'bytes' | 'updates';
};

/** The sampler's state: the history and what each of its keys is. */
export type RateSnapshot = {
	readonly history: RateHistory;
	readonly series: ReadonlyMap<string, SeriesInfo>;
};

/** Clock and timers, injectable for tests. */
export type SamplerTimers = {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	setInterval(callback: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
};

const realTimers: SamplerTimers = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
	setInterval: (callback, ms) => setInterval(callback, ms).unref(),
	clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** The sampler: an external store for `useSyncExternalStore`, and its pane subscription. */
export type RateSampler = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): RateSnapshot;
	/** Start watching the panes; returns the stop. */
	start(): () => void;
};

/** The key of a pane's series: one per run. */
export function seriesKey(pane: Pick<PaneInfo, 'jobId' | 'run'>): string {
	return `${pane.jobId}:${pane.run}`;
}

/**
 * A pane's output counter: the bytes a run of this process has written (its screen carries them, as
 * the profiler reads them), else the screen's version, which grows with every change drawn.
 */
function counter(pane: PaneInfo): {value: number; unit: SeriesInfo['unit']} {
	const {bytes} = pane.screen as {bytes?: unknown};
	return typeof bytes === 'number'
		? {value: bytes, unit: 'bytes'}
		: {value: pane.screen.version, unit: 'updates'};
}

/** A sampler over `panes`, sampling at most every `intervalMs`. */
export function createRateSampler(
	panes: PaneSource,
	intervalMs = 1000,
	timers: SamplerTimers = realTimers,
	history = emptyHistory(),
): RateSampler {
	let snapshot: RateSnapshot = {history, series: new Map()};
	let last = Number.NEGATIVE_INFINITY;
	let trailing: unknown;
	let tick: unknown;
	const listeners = new Set<() => void>();

	const sample = () => {
		trailing = undefined;
		last = timers.now();
		const totals = new Map<string, number>();
		const series = new Map(snapshot.series);
		for (const pane of panes.getPanes()) {
			const key = seriesKey(pane);
			const {value, unit} = counter(pane);
			totals.set(key, value);
			if (!series.has(key)) {
				series.set(key, {jobId: pane.jobId, run: pane.run, agent: pane.agent, unit});
			}
		}

		const next = recordTotals(snapshot.history, totals, last);
		if (next === snapshot.history && series.size === snapshot.series.size) {
			return;
		}

		// A series is described as long as its history lasts.
		for (const key of series.keys()) {
			if (!next.series.has(key)) {
				series.delete(key);
			}
		}

		snapshot = {history: next, series};
		for (const listener of listeners) {
			listener();
		}
	};

	const changed = () => {
		const wait = last + intervalMs - timers.now();
		if (wait <= 0) {
			sample();
		} else if (trailing === undefined) {
			trailing = timers.setTimeout(sample, wait);
		}
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			if (listeners.size === 1) {
				tick = timers.setInterval(changed, intervalMs);
				changed();
			}

			return () => {
				listeners.delete(listener);
				if (listeners.size === 0) {
					timers.clearInterval(tick);
					tick = undefined;
				}
			};
		},
		getSnapshot: () => snapshot,
		start() {
			const unsubscribe = panes.subscribe(changed);
			changed();
			return () => {
				unsubscribe();
				timers.clearTimeout(trailing);
				trailing = undefined;
			};
		},
	};
}
