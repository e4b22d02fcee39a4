import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {boardFromJobs} from '../../source/core/index.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {createRateSampler} from '../../source/ui/stats/rate-sampler.js';
import {StatsView} from '../../source/ui/stats/stats-view.js';
import {
	fakePanes,
	fakeScreen,
	fakeStore,
	keys,
	makeJob,
	makeRun,
	renderDashboard,
	waitFor,
} from './helpers.js';

afterEach(() => {
	cleanup();
});

const reset = '\u001B[0m';
const started = new Date(Date.now() - 90_000).toISOString();

function jobs() {
	return [
		makeJob({
			title: 'Busy agent',
			status: 'in_flight',
			runs: [makeRun(1, started)],
			cost: {tokens: 42_000, usd: 1.25},
		}),
		makeJob({title: 'Finished job', status: 'done', updatedAt: new Date().toISOString()}),
	];
}

function countingPane(jobId: string) {
	const screen = Object.assign(fakeScreen([`working${reset}`]), {bytes: 0});
	const pane: PaneInfo = {jobId, run: 1, agent: 'claude', startedAt: started, screen};
	return {screen, pane};
}

describe('stats view', () => {
	it('opens with s over the board and the panes, and closes with Esc, q or s', async () => {
		const board = jobs();
		const {pane} = countingPane(board[0]!.id);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(board), panes: fakePanes([pane])}, 160, 48);
		await waitFor(() => expect(lastFrame()).toContain('working'));
		for (const close of [keys.escape, 'q', 's']) {
			stdin.write('s');
			await waitFor(() => expect(lastFrame()).toContain('stats · esc/q/s to close'));
			const frame = lastFrame()!;
			expect(frame).not.toContain('working');
			expect(frame).toContain('output rate · last 5 min');
			expect(frame).toMatch(/Busy agent #1 +/);
			expect(frame).toMatch(/run durations · 1 runs/);
			expect(frame).toMatch(/Busy agent #1 +█+ +1m3\ds running/);
			expect(frame).toContain('tokens and cost · 42K tokens · $1.25 in all');
			expect(frame).toContain('jobs finished per hour · 1 in the last 12 h');
			expect(frame).toContain('esc close');
			stdin.write(close);
			await waitFor(() => expect(lastFrame()).toContain('working'));
		}
	});

	it('draws the output rate as a sparkline from the panes’ byte counters', async () => {
		const board = jobs();
		const {screen, pane} = countingPane(board[0]!.id);
		const panes = fakePanes([pane]);
		// A one-cell window of 100 ms buckets, sampled every 10 ms: the test need not wait for seconds.
		const sampler = createRateSampler(panes, 10, undefined, {
			bucketMs: 100,
			count: 4,
			bucket: 0,
			series: new Map(),
		});
		const stop = sampler.start();
		const {lastFrame} = render(
			<StatsView sampler={sampler} board={boardFromJobs(board)} now={Date.now()} width={100} height={20} />,
		);
		for (let step = 0; step < 30; step++) {
			screen.bytes += 1000;
			panes.changed();
			await new Promise((resolve) => setTimeout(resolve, 12));
		}

		await waitFor(() => expect(lastFrame()).toMatch(/Busy agent #1 +[▁▂▃▄▅▆▇█]+ +\d+(\.\d)?KB\/s/));
		expect(lastFrame()).toMatch(/claude +[▁▂▃▄▅▆▇█]+/);
		stop();
	});

	it('commits nothing on its own while closed, and at most once a second while open', async () => {
		const board = [makeJob({title: 'Finished job', status: 'done'})];
		const {pane} = countingPane(board[0]!.id);
		const ended = {...pane, endedAt: new Date().toISOString(), exitCode: 0};
		const {stdin, lastFrame, frames} = renderDashboard(
			{store: fakeStore(board), panes: fakePanes([ended])},
			120,
			40,
		);
		await waitFor(() => expect(lastFrame()).toContain('working'));
		const idle = frames.length;
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(frames.length).toBe(idle);
		stdin.write('s');
		await waitFor(() => expect(lastFrame()).toContain('stats ·'));
		const opened = frames.length;
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(frames.length - opened).toBeLessThanOrEqual(3);
	});

	it('puts everything in one column on a narrow terminal', async () => {
		const board = jobs();
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(board)}, 90, 40);
		await waitFor(() => expect(lastFrame()).toContain('Busy agent'));
		stdin.write('s');
		await waitFor(() => expect(lastFrame()).toContain('stats ·'));
		const lines = lastFrame()!.split('\n');
		const row = (text: string) => lines.findIndex((line) => line.startsWith(text));
		expect(row('output rate ·')).toBeGreaterThan(0);
		expect(row('run durations')).toBeGreaterThan(row('output rate per agent'));
		expect(row('tokens and cost')).toBeGreaterThan(row('run durations'));
	});
});
