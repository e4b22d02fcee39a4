import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {DebugOverlay, debugOverlayHeight} from '../../../source/ui/profile/debug-overlay.js';
import {FrameMetrics, type ProfileSample} from '../../../source/ui/profile/frame-metrics.js';
import {ProfileContext} from '../../../source/ui/profile/profile-context.js';
import {profileLines} from '../../../source/ui/profile/profile-lines.js';

const sample: ProfileSample = {
	time: '2026-11-26T00:00:00.000Z',
	windowMs: 1000,
	frames: 12,
	fps: 12,
	frameMs: {count: 12, p50: 21.5, p95: 30.25, max: 41},
	commitMs: {count: 12, p50: 21.5, p95: 30.25, max: 41},
	paintMs: {count: 0, p50: 0, p95: 0, max: 0},
	renderMs: {count: 14, p50: 12, p95: 18, max: 20},
	renders: 14,
	stdoutBytes: 143_360,
	stdoutKiBps: 140,
	paneBytesPerFrame: {count: 40, p50: 2048, p95: 8192, max: 16_384},
	panes: 4,
	ptyPauses: 3,
	ptyResumes: 3,
	rssMiB: 96.5,
	heapMiB: 41.2,
	measureCache: 2345,
	loopDelayMs: {count: 100, p50: 10.1, p95: 25, max: 40},
};

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) {
		cleanup();
	}
});

describe('the debug overlay', () => {
	it('words a sample: rates, times p50/p95/max, bytes, pauses and memory', () => {
		expect(profileLines(sample)).toEqual([
			'frames 12/s · commit p50/p95/max 21.5/30.3/41.0 ms · ink build 12.0/18.0/20.0 ms',
			'stdout 140 KiB/s (10.0 KiB per frame, 14 frames written)',
			'pane bytes per frame p50/p95/max 2.0 KiB/8.0 KiB/16.0 KiB · 4 panes',
			'pty pauses 3 · resumes 3 · event-loop delay p95 25 ms',
			'rss 96.5 MiB · heap 41.2 MiB · ink measure cache 2345',
		]);
		expect(profileLines(undefined)[0]).toMatch(/measuring/);
	});

	it('says what the pane surface painted and how few frames committed', () => {
		const painted = {
			...sample,
			commitMs: {count: 1, p50: 30, p95: 30, max: 30},
			paintMs: {count: 12, p50: 0.5, p95: 1.25, max: 2},
		};
		expect(profileLines(painted)[0]).toBe(
			'frames 12/s · commit p50/p95/max 30.0/30.0/30.0 ms · ink build 12.0/18.0/20.0 ms · surface paint 0.5/1.3/2.0 ms · 1 of 12 frames committed',
		);
	});

	it('shows the latest sample of the profiler it is given, and starts it recording while shown', async () => {
		const metrics = new FrameMetrics({intervalMs: 3_600_000});
		const app = render(
			<ProfileContext.Provider value={metrics}>
				<DebugOverlay width={100} toggleKey="ctrl+p" />
			</ProfileContext.Provider>,
		);
		cleanups.push(() => app.unmount());
		expect(app.lastFrame()).toMatch(/profile \(ctrl\+p closes\)/);
		expect(app.lastFrame()).toMatch(/measuring/);
		expect(metrics.recording).toBe(true);
		metrics.commit(25, []);
		metrics.sample();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(app.lastFrame()).toMatch(/commit p50\/p95\/max 25\.0\/25\.0\/25\.0 ms/);
		expect(app.lastFrame()!.split('\n')).toHaveLength(debugOverlayHeight);
		app.unmount();
		expect(metrics.recording).toBe(false);
	});

	it('says it is measuring when no profiler was provided', () => {
		const app = render(<DebugOverlay width={80} />);
		cleanups.push(() => app.unmount());
		expect(app.lastFrame()).toMatch(/measuring/);
	});
});
