/** The frame clock stretches its interval to what frames cost, between its interval and 100 ms. */
import {describe, expect, it} from 'vitest';
import {createFrameClock, maxFrameInterval, type ChangeSource} from '../../../source/ui/frame-clock.js';

/** A clock on hand-driven timers whose every frame costs `costMs` of that clock. */
function harness(costMs: number, intervalMs = 50) {
	let now = 0;
	const timers: Array<{at: number; callback: () => void}> = [];
	const listeners = new Set<() => void>();
	const source: ChangeSource = {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
	const frames: number[] = [];
	const clock = createFrameClock([source], intervalMs, {
		now: () => now,
		setTimeout(callback, ms) {
			timers.push({at: now + ms, callback});
			return timers.length;
		},
		clearTimeout: () => undefined,
	});
	clock.subscribe(() => {
		frames.push(now);
		queueMicrotask(() => {
			now += costMs; // The render React queued.
		});
	});
	return {
		change() {
			for (const listener of listeners) listener();
		},
		/** Run the next timer (moving the clock to its time), and the microtasks after it. */
		async tick() {
			const next = timers.shift()!;
			now = Math.max(now, next.at);
			next.callback();
			await Promise.resolve();
			await Promise.resolve();
		},
		frames,
	};
}

/** Keep changing; return the gaps between the frames drawn. */
async function flood(clock: ReturnType<typeof harness>, frames = 8): Promise<number[]> {
	for (let index = 0; index < frames; index++) {
		clock.change();
		await clock.tick();
	}

	return clock.frames.slice(1).map((at, index) => at - clock.frames[index]!);
}

describe('the adaptive frame interval', () => {
	it('keeps the interval while frames are cheap', async () => {
		const gaps = await flood(harness(5));
		expect(gaps.every((gap) => gap === 50)).toBe(true);
	});

	it('gives frames at most about half the time when they are dear, down to 10 fps', async () => {
		const gaps = await flood(harness(40));
		expect(gaps.at(-1)).toBeGreaterThanOrEqual(75);
		expect(gaps.at(-1)).toBeLessThanOrEqual(maxFrameInterval);
		// Frames dearer than the longest interval follow each other with no wait added.
		const slow = await flood(harness(200));
		expect(slow.at(-1)).toBe(200);
	});

	it('still draws the first change after a quiet spell at once', async () => {
		const clock = harness(80);
		await flood(clock, 4);
		const last = clock.frames.at(-1)!;
		clock.change();
		// Long after the last frame: the leading edge waits for nothing.
		await clock.tick();
		expect(clock.frames.at(-1)! - last).toBeLessThanOrEqual(maxFrameInterval);
	});
});
