/**
 * Watching one run from outside, as a person at its terminal would: what it is doing (from its screen
 * and output activity), whether it went quiet too long or ran too long, and whether it says its usage
 * limit was reached. The rules are core's (`run-activity.ts`, `usage-limit.ts`); this samples them.
 */
import {createActivityTracker, type ActivityPatterns, type ActivityTracker} from '../core/run-activity.js';
import {readCostTotals, type CostTotals} from '../core/cost-lines.js';
import {detectUsageLimit} from '../core/usage-limit.js';
import type {RunActivity} from '../core/supervision.js';

/** Delay from output to the sample it triggers, in ms: lets the emulator parse the chunk first. */
const outputSampleDelayMs = 30;

/**
 * Added to every deadline, in ms: Node's timers measure from the event loop's cached time, so they
 * may fire a little before `performance.now()` reaches the deadline; a sample that came too early
 * would only have to sleep again.
 */
const deadlineSlackMs = 2;

/** Why the watch wants the run stopped: recorded as the run's exit reason. */
export type ExpiryReason = 'timed_out' | 'idle timeout' | 'usage limit';

/** What the watch reads of a run. */
export type WatchedRun = {
	readonly screen: {
		readonly version: number;
		getText(): readonly string[];
		/** Calls `listener` after each version bump (parsed output, a resize); returns the unsubscribe function. */
		onChange?(listener: () => void): () => void;
	};
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
 * Samples a run when something could have changed, and only then, until {@link RunWatch.stop}: soon
 * after output or a screen change, when the activity tracker says time alone could change its reading
 * (output went quiet, a new activity settles), and when the idle timeout is due. A run waiting for a
 * person costs no wake-ups at all. The screen's text is read only when its version changed.
 */
export class RunWatch {
	readonly #run: WatchedRun;
	readonly #settings: WatchSettings;
	readonly #listener: WatchListener;
	readonly #tracker: ActivityTracker;
	readonly #startedAt = performance.now();
	readonly #unsubscribe: Array<() => void> = [];
	#lastOutputAt: number | undefined;
	#version = -1;
	#text = '';
	#expired = false;
	#stopped = false;
	#soon: NodeJS.Timeout | undefined;
	#next: NodeJS.Timeout | undefined;
	#wall: NodeJS.Timeout | undefined;

	constructor(run: WatchedRun, settings: WatchSettings, listener: WatchListener) {
		this.#run = run;
		this.#settings = settings;
		this.#listener = listener;
		this.#tracker = createActivityTracker(settings.patterns);
		this.#unsubscribe.push(
			run.onBytes(() => {
				this.#lastOutputAt = performance.now();
				this.#sampleSoon();
			}),
		);
		// A screen that changed without new bytes (a resize reflowed it) is read too.
		const onChange = run.screen.onChange?.(() => {
			this.#sampleSoon();
		});
		if (onChange) {
			this.#unsubscribe.push(onChange);
		}

		if (settings.timeoutMs !== undefined) {
			this.#wall = setTimeout(() => {
				this.#expire('timed_out');
			}, settings.timeoutMs);
			this.#wall.unref();
		}

		// The first reading, which also arms the deadlines (starting ends, the idle timeout).
		this.#at(this.#startedAt);
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

		this.#stopped = true;
		clearTimeout(this.#wall);
		clearTimeout(this.#soon);
		clearTimeout(this.#next);
		for (const unsubscribe of this.#unsubscribe) {
			unsubscribe();
		}
	}

	/** A prompt that just appeared is seen within a frame, not at the next deadline. */
	#sampleSoon(): void {
		this.#soon ??= setTimeout(() => {
			this.#soon = undefined;
			this.#sample();
		}, outputSampleDelayMs);
	}

	/** Sample at `at` (`performance.now()` ms), replacing the deadline armed before. */
	#at(at: number): void {
		clearTimeout(this.#next);
		this.#next = undefined;
		if (this.#stopped || at === Number.POSITIVE_INFINITY) {
			return;
		}

		// Unreferenced: a watch must not keep a finished process alive.
		this.#next = setTimeout(
			() => {
				this.#next = undefined;
				this.#sample();
			},
			Math.max(0, at - performance.now()) + deadlineSlackMs,
		).unref();
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

		// Sleep until a reading could differ with no new output: an activity settles or output goes
		// quiet (the tracker knows when), or the idle timeout is due (once: it expires at most once).
		const idleAt = idleTimeoutMs === undefined || this.#expired ? Infinity : now - quietMs + idleTimeoutMs;
		this.#at(Math.min(this.#tracker.nextObserveAt, idleAt));
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
