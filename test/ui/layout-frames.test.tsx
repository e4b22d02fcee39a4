import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {Dashboard, type DashboardProps} from '../../source/ui/render-dashboard.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {sideBoardWidth} from '../../source/ui/layout.js';
import {
	fakePanes,
	fakeRunner,
	fakeScreen,
	fakeStore,
	makeJob,
	makeRun,
	renderDashboard,
	waitFor,
} from './helpers.js';

afterEach(() => {
	cleanup();
});

const reset = '\u001B[0m';
const started = new Date(Date.now() - 60_000).toISOString();

function board() {
	const running = [1, 2, 3].map((n) =>
		makeJob({title: `Agent job ${n}`, status: 'in_flight', runs: [makeRun(1, started)]}),
	);
	return [
		makeJob({title: 'Write the release notes'}),
		makeJob({title: 'Ready one', status: 'ready'}),
		...running,
	];
}

function panesOf(jobs: ReturnType<typeof board>): PaneInfo[] {
	return jobs
		.filter((job) => job.status === 'in_flight')
		.map((job, index) => ({
			jobId: job.id,
			run: 1,
			agent: 'shell',
			startedAt: started,
			screen: fakeScreen([`output of pane ${index + 1}${reset}`]),
		}));
}

/** The frame's lines, trailing blanks kept off. */
const linesOf = (frame: string | undefined) => (frame ?? '').split('\n');

describe('layout frames', () => {
	it('puts the board on the left and the panes on the right at 220×50', async () => {
		const jobs = board();
		const {lastFrame} = renderDashboard({store: fakeStore(jobs), panes: fakePanes(panesOf(jobs))}, 220, 50);
		await waitFor(() => expect(lastFrame()).toContain('output of pane 3'));
		const lines = linesOf(lastFrame());
		expect(lines).toHaveLength(49);
		const edge = sideBoardWidth(220) + 1;
		// The top row holds the board's headers and the first panes' top borders, side by side.
		expect(lines[0]!.slice(0, edge)).toMatch(/^inbox \(1\)/);
		expect(lines[0]!.slice(edge)).toMatch(/^╭─+╮╭─+╮$/);
		// Empty columns shrink to their header; the others keep more of their cards' titles.
		expect(lines[0]).toContain('plan (0)');
		expect(lines[2]).toContain('Write the release');
		// The panes run down the full height of the main area, beside the board.
		const bottom = lines.findLastIndex((line) => line.includes('╰'));
		expect(bottom).toBeGreaterThan(30);
		for (const line of lines.slice(0, bottom + 1)) {
			expect(line.length).toBeLessThanOrEqual(220);
			expect(line[edge - 1]).toBe(' ');
		}

		for (const pane of [1, 2, 3]) {
			expect(lines.find((line) => line.includes(`output of pane ${pane}`))!.indexOf('│')).toBe(edge);
		}
	});

	it('keeps the board above the panes below 200 columns', async () => {
		const jobs = board();
		for (const [columns, rows] of [
			[100, 30],
			[160, 48],
		] as const) {
			const {lastFrame, unmount} = renderDashboard(
				{store: fakeStore(jobs), panes: fakePanes(panesOf(jobs))},
				columns,
				rows,
			);
			await waitFor(() => expect(lastFrame()).toContain('output of pane 1'));
			const lines = linesOf(lastFrame());
			expect(lines).toHaveLength(rows - 1);
			expect(lines[0]).toMatch(/^inbox \(1\) +planning \(0\)/);
			const firstBorder = lines.findIndex((line) => line.startsWith('╭'));
			expect(firstBorder).toBeGreaterThan(3);
			unmount();
		}
	});

	it('stacks at 220 columns with ui.layout: stacked, and goes side by side at 160 with side', async () => {
		const jobs = board();
		const stacked = renderDashboard(
			{store: fakeStore(jobs), panes: fakePanes(panesOf(jobs)), ui: {layout: 'stacked'}},
			220,
			50,
		);
		await waitFor(() => expect(stacked.lastFrame()).toContain('output of pane 1'));
		expect(linesOf(stacked.lastFrame())[0]).not.toContain('╭');
		stacked.unmount();
		const side = renderDashboard(
			{store: fakeStore(jobs), panes: fakePanes(panesOf(jobs)), ui: {layout: 'side'}},
			160,
			48,
		);
		await waitFor(() => expect(side.lastFrame()).toContain('output of pane 1'));
		expect(linesOf(side.lastFrame())[0]).toContain('╭');
	});

	it('gives the focused pane the big box in the focus arrangement', async () => {
		const jobs = board();
		const {lastFrame, stdin} = renderDashboard(
			{store: fakeStore(jobs), panes: fakePanes(panesOf(jobs)), ui: {layout: 'stacked', panes: 'focus'}},
			120,
			40,
		);
		await waitFor(() => expect(lastFrame()).toContain('output of pane 1'));
		const row = (text: string) => linesOf(lastFrame()).findIndex((line) => line.includes(text));
		expect(row('output of pane 1')).toBeLessThan(row('output of pane 2'));
		// Focus the panes and move to the second: it takes the big box.
		stdin.write('\t');
		await waitFor(() => expect(lastFrame()).toContain('i insert'));
		stdin.write('l');
		await waitFor(() => expect(row('output of pane 2')).toBeLessThan(row('output of pane 1')));
	});

	it('lays out again at once when the terminal is resized', async () => {
		const jobs = board();
		const props: DashboardProps = {
			store: fakeStore(jobs),
			panes: fakePanes(panesOf(jobs)),
			run: fakeRunner(),
			home: '/home/me/project/.xsarena',
			limit: 4,
			frameInterval: 10,
		};
		const {lastFrame, rerender} = render(<Dashboard {...props} size={{columns: 160, rows: 48}} />);
		await waitFor(() => expect(lastFrame()).toContain('output of pane 1'));
		expect(linesOf(lastFrame())[0]).not.toContain('╭');
		rerender(<Dashboard {...props} size={{columns: 220, rows: 50}} />);
		await waitFor(() => expect(linesOf(lastFrame())[0]).toContain('╭'));
		expect(linesOf(lastFrame())).toHaveLength(49);
		rerender(<Dashboard {...props} size={{columns: 120, rows: 40}} />);
		await waitFor(() => expect(linesOf(lastFrame())[0]).not.toContain('╭'));
		expect(linesOf(lastFrame())).toHaveLength(39);
	});
});
