/**
 * Watching one run from outside, as a person at its terminal would: what it is doing (from its screen
 * and output activity), whether it went quiet too long or ran too long, and whether it says its usage
 * limit was reached. The rules are core's (`run-activity.ts`, `usage-limit.ts`); this samples them.
 */
import {performance} from 'node:perf_hooks';
import {createActivityTracker, type ActivityPatterns} from '../core/run-activity.js';
import {readCostTotals, type CostTotals} from '../core/cost-lines.js';
import {detectUsageLimit} from '../core/usage-limit.js';
import type {RunActivity} from '../core/supervision.js';

/** Delay from output to the sample it triggers, in ms: lets the emulator parse the chunk first. */
const outputSampleDelayMs = 30;

/** Why the watch wants the run stopped: recorded as the run's exit reason. */
export type ExpiryReason = 'timed_out' | 'idle timeout' | 'usage limit';

/** What the watch reads of a run. */
export type WatchedRun = {
	readonly screen: {readonly version: number; getText(): readonly string[]};
	onBytes(listener: (delta: number, total: number) => void): () => void;
};

/** Limits and patterns of one run. Times in ms. */
export type WatchSettings = {
	readonly patterns: ActivityPatterns;
	/** Detects the agent's usage-limit message on its screen. */
	readonly usageLimit?: RegExp;
	/** Reads the run's spending totals from its screen (named groups `tokens`, `usd`). */
	readonly cost?: RegExp;
	/** Wall-clock limit. */
	readonly timeoutMs?: number;
	/** Longest stretch without output. */
	readonly idleTimeoutMs?: number;
	/** How often the screen is sampled; default 250. */
	readonly sampleMs?: number;
};

/** What the watch reports. */
export type WatchListener = {
	onActivity(from: RunActivity, to: RunActivity): void;
	/** Called at most once. */
	onExpire(reason: ExpiryReason, usageLimit?: {resetAt: Date; message: string}): void;
	/** The spending totals the screen shows now (called when they may have changed). */
	onCost?(totals: CostTotals): void;
};

/**
 * Samples a run every `sampleMs` until {@link RunWatch.stop}. The screen's text is read only when its
 * version changed, so a quiet pane costs a comparison per sample.
 */
export class RunWatch {
	readonly #run: WatchedRun;
	readonly #settings: WatchSettings;
	readonly #listener: WatchListener;
	readonly #tracker: ReturnType<typeof createActivityTracker>;
	readonly #startedAt = performance.now();
	readonly #timers: NodeJS.Timeout[] = [];
	readonly #unsubscribe: () => void;
	#lastOutputAt: number | undefined;
	#version = -1;
	#text = '';
	#expired = false;
	#soon: NodeJS.Timeout | undefined;

	constructor(run: WatchedRun, settings: WatchSettings, listener: WatchListener) {
		this.#run = run;
		this.#settings = settings;
		this.#listener = listener;
		this.#tracker = createActivityTracker(settings.patterns);
		this.#unsubscribe = run.onBytes(() => {
			this.#lastOutputAt = performance.now();
			// A prompt that just appeared is seen within a frame, not a whole sample period later.
			this.#soon ??= setTimeout(() => {
				this.#soon = undefined;
				this.#sample();
			}, outputSampleDelayMs);
		});
		const sampler = setInterval(() => {
			this.#sample();
		}, settings.sampleMs ?? 250);
		sampler.unref();
		this.#timers.push(sampler);
		if (settings.timeoutMs !== undefined) {
			const wall = setTimeout(() => {
				this.#expire('timed_out');
			}, settings.timeoutMs);
			wall.unref();
			this.#timers.push(wall);
		}
	}

	/** The activity last reported. */
	get activity(): RunActivity {
		return this.#tracker.current;
	}

	/** Stop sampling (the run ended), reading the final screen's cost line once more. */
	stop(): void {
		if (this.#settings.cost) {
			this.#readScreen();
			const totals = readCostTotals(this.#text, this.#settings.cost);
			if (totals) {
				this.#listener.onCost?.(totals);
			}
		}

		for (const timer of this.#timers) {
			clearTimeout(timer);
		}

		clearTimeout(this.#soon);

		this.#unsubscribe();
	}

	#sample(): void {
		const now = performance.now();
		const changed = this.#readScreen();

		const sinceOutputMs = this.#lastOutputAt === undefined ? Infinity : now - this.#lastOutputAt;
		const from = this.#tracker.current;
		const to = this.#tracker.observe(
			{screen: this.#text, sinceStartMs: now - this.#startedAt, sinceOutputMs},
			now,
		);
		if (to !== undefined && to !== from) {
			this.#listener.onActivity(from, to);
		}

		const {idleTimeoutMs, usageLimit} = this.#settings;
		const quietMs = this.#lastOutputAt === undefined ? now - this.#startedAt : sinceOutputMs;
		if (idleTimeoutMs !== undefined && quietMs >= idleTimeoutMs) {
			this.#expire('idle timeout');
		}

		if (this.#settings.cost && changed) {
			const totals = readCostTotals(this.#text, this.#settings.cost);
			if (totals) {
				this.#listener.onCost?.(totals);
			}
		}

		if (usageLimit && changed) {
			const limit = detectUsageLimit(this.#text, usageLimit, new Date());
			if (limit) {
				this.#expire('usage limit', limit);
			}
		}
	}

	/** Refresh the screen's text when its version moved; true when it did. */
	#readScreen(): boolean {
		const {screen} = this.#run;
		if (screen.version === this.#version) {
			return false;
		}

		this.#version = screen.version;
		this.#text = screen
			.getText()
			.map((line) => line.trimEnd())
			.join('\n');
		return true;
	}

	#expire(reason: ExpiryReason, usageLimit?: {resetAt: Date; message: string}): void {
		if (!this.#expired) {
			this.#expired = true;
			this.#listener.onExpire(reason, usageLimit);
		}
	}
}
