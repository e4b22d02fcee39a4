import {stripVTControlCharacters} from 'node:util';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {Job} from '../../source/core/index.js';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {fakePanes, fakeStore, keys, makeJob, makeRun, renderDashboard, waitFor} from './helpers.js';

const screens: TerminalScreen[] = [];

afterEach(() => {
	cleanup();
	for (const screen of screens.splice(0)) {
		screen.dispose();
	}
});

const pageUp = '\u001B[5~';
const pageDown = '\u001B[6~';
const end = '\u001B[F';

function lines(from: number, to: number, name = 'out'): string {
	return Array.from({length: to - from + 1}, (_, index) => `${name} ${from + index}\r\n`).join('');
}

async function feed(screen: TerminalScreen, data: string): Promise<void> {
	await new Promise<void>((resolve) => {
		screen.write(data, resolve);
	});
}

/** Running jobs, each with a real terminal screen in a pane that tells the dashboard when it changed. */
function setup(names: readonly string[]) {
	const started = new Date().toISOString();
	const jobs: Job[] = names.map((title) =>
		makeJob({title, status: 'in_flight', runs: [makeRun(1, started)]}),
	);
	const panes = fakePanes();
	const list: PaneInfo[] = jobs.map((job) => {
		const screen = new TerminalScreen({cols: 40, rows: 6});
		screens.push(screen);
		screen.onChange(() => {
			panes.changed();
		});
		return {jobId: job.id, run: 1, agent: 'shell', startedAt: started, screen};
	});
	panes.set(list);
	return {jobs, panes, screens: list.map((pane) => pane.screen as TerminalScreen)};
}

describe('pane scrollback', () => {
	it('scrolls back with PgUp while output goes on, says how far, and follows again with End or f', async () => {
		const {
			jobs,
			panes,
			screens: [screen],
		} = setup(['Scrolling job']);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(jobs), panes}, 100, 30);
		await feed(screen!, lines(1, 200));
		await waitFor(() => expect(lastFrame()).toContain('out 200'));
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toContain('pgup scroll'));

		stdin.write(pageUp);
		await waitFor(() => expect(lastFrame()).toMatch(/↑ \d+ lines/));
		expect(lastFrame()).not.toContain('out 200');
		const back = Number(/↑ (\d+) lines/.exec(lastFrame()!)![1]);

		await feed(screen!, lines(201, 205));
		await waitFor(() => expect(lastFrame()).toContain(`↑ ${back + 5} lines`));
		expect(lastFrame()).not.toContain('out 205');

		stdin.write(end);
		await waitFor(() => expect(lastFrame()).toContain('out 205'));
		expect(lastFrame()).not.toMatch(/↑ \d+ line/);

		// f pauses at the bottom; new output then counts up above the view.
		stdin.write('f');
		await waitFor(() => expect(lastFrame()).toContain('paused'));
		await feed(screen!, lines(206, 208));
		await waitFor(() => expect(lastFrame()).toContain('↑ 3 lines'));
		stdin.write('f');
		await waitFor(() => expect(lastFrame()).toContain('out 208'));
		expect(lastFrame()).not.toContain('paused');

		// PgDn back to the bottom follows again too.
		stdin.write(pageUp);
		await waitFor(() => expect(lastFrame()).toMatch(/↑ \d+ lines/));
		stdin.write(pageDown);
		stdin.write(pageDown);
		await waitFor(() => expect(lastFrame()).not.toMatch(/↑ \d+ lines/));
	});

	it('searches the focused pane with /, highlights the match, steps with n/N, and Esc clears', async () => {
		const {
			jobs,
			panes,
			screens: [screen],
		} = setup(['Searched job']);
		const {stdin, lastFrame, frames} = renderDashboard({store: fakeStore(jobs), panes}, 100, 30);
		await feed(
			screen!,
			`${lines(1, 100)}needle early\r\n${lines(101, 150)}needle late\r\n${lines(151, 200)}`,
		);
		await waitFor(() => expect(lastFrame()).toContain('out 200'));
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toContain('/ search'));

		stdin.write('/');
		await waitFor(() => expect(lastFrame()?.split('\n').at(-2)).toMatch(/^\//));
		stdin.write('needle');
		await waitFor(() => expect(lastFrame()?.split('\n').at(-2)).toContain('/ needle'));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain('/needle 2/2'));
		const plain = () => stripVTControlCharacters(lastFrame() ?? '');
		expect(plain()).toContain('needle late');
		expect(plain()).toContain('↑');
		// The match is drawn in the current match's colours (black on bright cyan).
		expect(frames.at(-1)).toContain('\u001B[106mneedle');

		stdin.write('N');
		await waitFor(() => expect(lastFrame()).toContain('/needle 1/2'));
		expect(plain()).toContain('needle early');
		stdin.write('n');
		await waitFor(() => expect(lastFrame()).toContain('/needle 2/2'));

		stdin.write('/');
		await waitFor(() => expect(lastFrame()?.split('\n').at(-2)).toMatch(/^\//));
		stdin.write('absent');
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain('/absent: no match'));

		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).not.toContain('/absent'));
		// The panes still have the keys: a second Esc goes back to the board.
		expect(lastFrame()).toContain('pgup scroll');
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('d dispatch'));
	});
});

describe('zoom and board toggle', () => {
	it('z zooms the focused pane to the whole area and back; digits pick the pane', async () => {
		const {jobs, panes, screens: list} = setup(['Alpha job', 'Bravo job']);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(jobs), panes}, 100, 30);
		await feed(list[0]!, 'alpha output\r\n');
		await feed(list[1]!, 'bravo output\r\n');
		await waitFor(() => expect(lastFrame()).toContain('bravo output'));
		stdin.write(keys.tab);
		stdin.write('2');
		await waitFor(() => expect(lastFrame()).toContain('pgup scroll'));
		stdin.write('z');
		await waitFor(() => expect(lastFrame()).not.toContain('alpha output'));
		expect(lastFrame()).toContain('bravo output');
		expect(lastFrame()).not.toContain('inbox (');
		// Zoomed, the arrows step to the other pane.
		stdin.write(keys.left);
		await waitFor(() => expect(lastFrame()).toContain('alpha output'));
		expect(lastFrame()).not.toContain('bravo output');
		stdin.write('z');
		await waitFor(() => expect(lastFrame()).toContain('bravo output'));
		expect(lastFrame()).toContain('alpha output');
		expect(lastFrame()).toContain('inbox (');
	});

	it('b hides the board and gives its rows to the panes, and shows it again', async () => {
		const {
			jobs,
			panes,
			screens: [screen],
		} = setup(['Tall job']);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(jobs), panes}, 100, 30);
		await feed(screen!, lines(1, 40));
		await waitFor(() => expect(lastFrame()).toContain('out 40'));
		const before = lastFrame()!
			.split('\n')
			.filter((line) => line.includes('out ')).length;
		stdin.write('b');
		await waitFor(() => expect(lastFrame()).not.toContain('inbox ('));
		// The pane grew: its pty gets the new size, and more lines show.
		await waitFor(() =>
			expect(
				lastFrame()!
					.split('\n')
					.filter((line) => line.includes('out ')).length,
			).toBeGreaterThan(before),
		);
		stdin.write('b');
		await waitFor(() => expect(lastFrame()).toContain('inbox ('));
	});
});
