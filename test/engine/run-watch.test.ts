/**
 * RunWatch samples a run when something could have changed and sleeps otherwise: a prompt is seen
 * soon after it is printed, time-only changes (output going quiet, `starting` ending) and the idle
 * timeout come on time, and a run waiting for a person leaves no timer behind. Fake timers and a fake
 * run: what is asserted is which readings happen, never how fast.
 */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {RunActivity} from '../../source/core/supervision.js';
import {RunWatch, type ExpiryReason, type WatchSettings} from '../../source/engine/run-watch.js';

/** A run's screen and output as the watch sees them; `print` is output, `reflow` a resize. */
function fakeRun() {
	let lines: string[] = [];
	let version = 0;
	const bytes = new Set<(delta: number, total: number) => void>();
	const changes = new Set<() => void>();
	const run = {
		reads: 0,
		screen: {
			get version() {
				return version;
			},
			getText(): string[] {
				run.reads++;
				return lines;
			},
			onChange(listener: () => void): () => void {
				changes.add(listener);
				return () => changes.delete(listener);
			},
		},
		onBytes(listener: (delta: number, total: number) => void): () => void {
			bytes.add(listener);
			return () => bytes.delete(listener);
		},
		print(...text: string[]): void {
			for (const listener of bytes) {
				listener(1, 1);
			}

			run.reflow(...text);
		},
		reflow(...text: string[]): void {
			lines = text;
			version++;
			for (const listener of changes) {
				listener();
			}
		},
	};
	return run;
}

function watch(settings: Partial<WatchSettings> = {}) {
	const run = fakeRun();
	const seen: Array<[number, RunActivity]> = [];
	const expired: Array<[number, ExpiryReason]> = [];
	const costs: number[] = [];
	const t0 = performance.now();
	const at = () => Math.round(performance.now() - t0);
	const runWatch = new RunWatch(
		run,
		{patterns: {}, ...settings},
		{
			onActivity: (_from, to) => seen.push([at(), to]),
			onExpire: (reason) => expired.push([at(), reason]),
			onCost: (totals) => costs.push(totals.usd),
		},
	);
	return {run, runWatch, seen, expired, costs};
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance']});
});

afterEach(() => {
	vi.useRealTimers();
});

describe('RunWatch', () => {
	it('reports a configured question soon after it is printed, then leaves no timer running', () => {
		const {run, runWatch, seen} = watch({patterns: {waiting: /apply it \[y\/N\]/}});
		vi.advanceTimersByTime(1000);
		run.print('the change is ready.', '? apply it [y/N]');
		vi.advanceTimersByTime(40);
		expect(seen).toEqual([[1030, 'waiting']]);

		// Output is quiet after 1500 ms: one more look, then nothing until new output.
		vi.advanceTimersByTime(2000);
		const reads = run.reads;
		expect(vi.getTimerCount()).toBe(0);
		vi.advanceTimersByTime(600_000);
		expect(run.reads).toBe(reads);
		expect(seen).toEqual([[1030, 'waiting']]);
		runWatch.stop();
	});

	it('sees a question without a pattern once output went quiet, at the moment it does', () => {
		const {run, runWatch, seen} = watch();
		vi.advanceTimersByTime(1000);
		run.print('? apply it [y/N]');
		vi.advanceTimersByTime(10_000);
		// Busy once fresh output held for settleMs (from the sample 30 ms after it), waiting at quietMs.
		expect(seen).toHaveLength(2);
		expect(seen[0]).toEqual([expect.closeTo(1430, -2) as unknown, 'busy']);
		expect(seen[1]).toEqual([expect.closeTo(2500, -2) as unknown, 'waiting']);
		expect(vi.getTimerCount()).toBe(0);
		runWatch.stop();
	});

	it('moves from starting to idle for a program that prints nothing', () => {
		const {runWatch, seen} = watch();
		vi.advanceTimersByTime(2900);
		expect(seen).toEqual([]);
		vi.advanceTimersByTime(1000);
		expect(seen).toEqual([[expect.closeTo(3400, -2) as unknown, 'idle']]);
		runWatch.stop();
	});

	it('fires the idle timeout on time, counted from the last output', () => {
		const {run, runWatch, expired} = watch({idleTimeoutMs: 10_000});
		vi.advanceTimersByTime(5000);
		run.print('still here');
		vi.advanceTimersByTime(9900);
		expect(expired).toEqual([]);
		vi.advanceTimersByTime(200);
		expect(expired).toEqual([[expect.closeTo(15_000, -2) as unknown, 'idle timeout']]);
		// Expired once: no timer keeps looking for it.
		vi.advanceTimersByTime(60_000);
		expect(expired).toHaveLength(1);
		runWatch.stop();
	});

	it('fires the idle timeout of a run that never printed', () => {
		const {runWatch, expired} = watch({idleTimeoutMs: 20_000});
		vi.advanceTimersByTime(19_900);
		expect(expired).toEqual([]);
		vi.advanceTimersByTime(200);
		expect(expired.map(([, reason]) => reason)).toEqual(['idle timeout']);
		runWatch.stop();
	});

	it('fires the wall-clock timeout', () => {
		const {runWatch, expired} = watch({timeoutMs: 60_000});
		vi.advanceTimersByTime(60_100);
		expect(expired.map(([, reason]) => reason)).toEqual(['timed_out']);
		runWatch.stop();
	});

	it('reads a screen that changed without output (a resize reflowed it)', () => {
		const {run, runWatch, costs} = watch({cost: /\$(?<usd>\d+\.\d+)/});
		vi.advanceTimersByTime(10_000);
		run.reflow('spent $1.25');
		vi.advanceTimersByTime(40);
		expect(costs).toEqual([1.25]);
		runWatch.stop();
	});

	it('stops every timer on stop', () => {
		const {run, runWatch} = watch({idleTimeoutMs: 10_000, timeoutMs: 60_000});
		run.print('working');
		runWatch.stop();
		expect(vi.getTimerCount()).toBe(0);
	});
});
