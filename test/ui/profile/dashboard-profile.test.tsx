/**
 * The profiler wired into the dashboard: the frame clock times each data-driven frame and hands the
 * profiler the panes it drew from.
 */
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createFrameClock, type ChangeSource} from '../../../source/ui/frame-clock.js';
import type {PaneInfo} from '../../../source/ui/ports.js';
import {FrameMetrics} from '../../../source/ui/profile/frame-metrics.js';
import {ProfileContext} from '../../../source/ui/profile/profile-context.js';
import {Dashboard} from '../../../source/ui/render-dashboard.js';
import {fakePanes, fakeRunner, fakeScreen, fakeStore, waitFor} from '../helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) {
		cleanup();
	}
});

describe('the frame clock under a profiler', () => {
	it('reports how long each frame took, up to the end of the work its listeners queued', async () => {
		const listeners = new Set<() => void>();
		const source: ChangeSource = {
			subscribe(listener) {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
		};
		let now = 0;
		const pending: Array<() => void> = [];
		const flushes: number[] = [];
		const clock = createFrameClock(
			[source],
			50,
			{now: () => now, setTimeout: (callback) => pending.push(callback), clearTimeout: () => undefined},
			(ms) => flushes.push(ms),
		);
		clock.subscribe(() => {
			// React renders in a microtask queued by the notification: a frame that takes a while.
			queueMicrotask(() => {
				const until = performance.now() + 5;
				while (performance.now() < until) {
					// Busy on purpose.
				}
			});
		});
		for (const listener of listeners) {
			listener();
		}

		now = 100;
		pending.shift()!();
		expect(flushes).toHaveLength(0);
		await Promise.resolve();
		expect(flushes).toHaveLength(1);
		expect(flushes[0]).toBeGreaterThanOrEqual(4.5);
	});
});

describe('the dashboard under a profiler', () => {
	it('records a frame per data change with the panes’ output since the last one', async () => {
		const metrics = new FrameMetrics({intervalMs: 3_600_000});
		cleanups.push(metrics.subscribe(() => undefined));
		const screen = Object.assign(fakeScreen(['hello\u001B[0m'], 20), {bytes: 0, pauses: 0, resumes: 0});
		const info: PaneInfo = {
			jobId: '01JOBPROFILE',
			run: 1,
			agent: 'shell',
			startedAt: new Date().toISOString(),
			screen,
		};
		const panes = fakePanes([info]);
		const commit = vi.spyOn(metrics, 'commit');
		const app = render(
			<ProfileContext.Provider value={metrics}>
				<Dashboard
					store={fakeStore()}
					panes={panes}
					run={fakeRunner()}
					home="/tmp/.xsarena"
					limit={2}
					size={{columns: 100, rows: 30}}
					frameInterval={10}
				/>
			</ProfileContext.Provider>,
		);
		cleanups.push(() => app.unmount());
		for (const bytes of [100, 400, 1000]) {
			const frames = commit.mock.calls.length;
			screen.bytes = bytes;
			screen.setRows([`out ${bytes}\u001B[0m`]);
			panes.changed();
			await waitFor(() => commit.mock.calls.length > frames);
		}

		const sample = metrics.sample();
		expect(sample.frames).toBeGreaterThanOrEqual(3);
		expect(sample.commitMs.max).toBeGreaterThan(0);
		// The first frame saw the pane for the first time; the next two each saw its new output.
		expect(sample.paneBytesPerFrame).toMatchObject({count: 2, p50: 300, max: 600});
		expect(sample.panes).toBe(1);
	});
});

describe('the profile overlay', () => {
	it('ctrl+p shows the figures over the dashboard and hides them again', async () => {
		const app = render(
			<Dashboard
				store={fakeStore()}
				panes={fakePanes([])}
				run={fakeRunner()}
				home="/tmp/.xsarena"
				limit={2}
				size={{columns: 100, rows: 30}}
				frameInterval={10}
			/>,
		);
		cleanups.push(() => app.unmount());
		expect(app.lastFrame()).not.toMatch(/ctrl\+p/);
		app.stdin.write('\u0010');
		await waitFor(() => /ctrl\+p/.test(app.lastFrame() ?? ''));
		app.stdin.write('\u0010');
		await waitFor(() => !/ctrl\+p/.test(app.lastFrame() ?? ''));
	});
});
