import {afterEach, describe, expect, it} from 'vitest';
import {FrameMetrics, type ProfiledPane} from '../../../source/ui/profile/frame-metrics.js';
import {nearestRank, summarize} from '../../../source/ui/profile/summary.js';

/** A pane whose run counters the test moves by hand. */
function pane(): ProfiledPane & {screen: {bytes: number; pauses: number; resumes: number}} {
	return {screen: {bytes: 0, pauses: 0, resumes: 0}};
}

const unsubscribes: Array<() => void> = [];

afterEach(() => {
	for (const unsubscribe of unsubscribes.splice(0)) {
		unsubscribe();
	}
});

/** Metrics on a hand-driven clock, recording (one listener), with a long interval so only `sample()` closes windows. */
function recording() {
	let now = 1_000_000;
	const metrics = new FrameMetrics({
		now: () => now,
		memory: () => ({rss: 100 * 1024 * 1024, heapUsed: 40 * 1024 * 1024}),
		measureCache: () => 123,
		intervalMs: 3_600_000,
	});
	unsubscribes.push(metrics.subscribe(() => undefined));
	return {
		metrics,
		advance(ms: number) {
			now += ms;
		},
	};
}

describe('summary statistics', () => {
	it('takes percentiles by nearest rank, and zeros for no samples', () => {
		const values = Array.from({length: 20}, (_, index) => index + 1);
		expect(nearestRank(values, 50)).toBe(10);
		expect(nearestRank(values, 95)).toBe(19);
		expect(nearestRank(values, 100)).toBe(20);
		expect(summarize([3, 1, 2])).toEqual({count: 3, p50: 2, p95: 3, max: 3});
		expect(summarize([])).toEqual({count: 0, p50: 0, p95: 0, max: 0});
	});
});

describe('FrameMetrics', () => {
	it('records nothing and runs no timer while nobody listens', () => {
		const metrics = new FrameMetrics({now: () => 0});
		expect(metrics.recording).toBe(false);
		metrics.commit(20, []);
		metrics.render(10);
		metrics.written(500);
		expect(metrics.getSnapshot()).toBeUndefined();
		const stop = metrics.subscribe(() => undefined);
		expect(metrics.recording).toBe(true);
		stop();
		expect(metrics.recording).toBe(false);
	});

	it('sums up a window: frames per second, commit and build times, bytes per second, memory', () => {
		const {metrics, advance} = recording();
		for (const ms of [10, 20, 30, 40]) {
			metrics.commit(ms, []);
			metrics.render(ms / 2);
		}

		metrics.render(1); // A key echo: built by Ink, not a data frame.
		metrics.written(3 * 1024);
		metrics.written(1024);
		advance(2000);
		const sample = metrics.sample();
		expect(sample).toMatchObject({
			windowMs: 2000,
			frames: 4,
			fps: 2,
			commitMs: {count: 4, p50: 20, p95: 40, max: 40},
			renderMs: {count: 5, p50: 10, max: 20},
			renders: 5,
			stdoutBytes: 4096,
			stdoutKiBps: 2,
			rssMiB: 100,
			heapMiB: 40,
			measureCache: 123,
		});
		expect(sample.loopDelayMs).toBeUndefined();
		expect(metrics.getSnapshot()).toBe(sample);

		// The next window starts empty.
		advance(1000);
		expect(metrics.sample()).toMatchObject({frames: 0, fps: 0, stdoutBytes: 0, commitMs: {count: 0}});
	});

	it('measures each pane’s output between two frames, and its pty pauses and resumes', () => {
		const {metrics, advance} = recording();
		const busy = pane();
		const quiet = pane();
		busy.screen.bytes = 5000; // Before the first frame: belongs to no recorded frame.
		metrics.commit(5, [busy, quiet]);
		busy.screen.bytes += 1000;
		busy.screen.pauses = 2;
		busy.screen.resumes = 1;
		metrics.commit(5, [busy, quiet]);
		busy.screen.bytes += 3000;
		quiet.screen.bytes += 10;
		busy.screen.resumes = 2;
		metrics.commit(5, [busy, quiet]);
		advance(1000);
		expect(metrics.sample()).toMatchObject({
			panes: 2,
			paneBytesPerFrame: {count: 3, p50: 1000, max: 3000},
			ptyPauses: 2,
			ptyResumes: 2,
		});
	});

	it('ignores panes without counters (runs tailed from another process)', () => {
		const {metrics, advance} = recording();
		const tailed: ProfiledPane = {screen: {}};
		metrics.commit(5, [tailed]);
		metrics.commit(5, [tailed]);
		advance(1000);
		expect(metrics.sample()).toMatchObject({panes: 1, paneBytesPerFrame: {count: 0}, ptyPauses: 0});
	});

	it('tells every listener of a new sample, and publishes one per interval on its own', async () => {
		const metrics = new FrameMetrics({intervalMs: 20});
		let heard = 0;
		unsubscribes.push(
			metrics.subscribe(() => {
				heard++;
			}),
		);
		metrics.commit(7, []);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(heard).toBeGreaterThanOrEqual(2);
		expect(metrics.getSnapshot()?.frames).toBe(0); // The frame was in the first window.
	});

	it('samples event-loop delay only when asked to', () => {
		const metrics = new FrameMetrics({loopDelay: true, intervalMs: 3_600_000});
		unsubscribes.push(metrics.subscribe(() => undefined));
		expect(metrics.sample().loopDelayMs).toMatchObject({p50: expect.any(Number), p95: expect.any(Number)});
	});
});
