import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {PaneInfo, ScreenView} from '../../source/ui/ports.js';
import {
	fakePanes,
	fakeScreen,
	fakeStore,
	inputLine,
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
/** An SGR mouse report for the 0-based cell (`x`, `y`): the terminal counts from 1. */
const report = (button: number, x: number, y: number, final = 'M') =>
	`\u001B[<${button};${x + 1};${y + 1}${final}`;
const click = (x: number, y: number) => report(0, x, y) + report(0, x, y, 'm');

/** A screen whose scrollback records how it was scrolled. */
function scrollingScreen(text: string): ScreenView & {scrolls: unknown[]} {
	const scrolls: unknown[] = [];
	const scrollback = {
		linesBack: 0,
		following: true,
		search: undefined,
		scroll: (by: unknown) => scrolls.push(by),
		toggleFollow() {},
		find: () => undefined,
		nextMatch() {},
		clearSearch() {},
	};
	return Object.assign(fakeScreen([`${text}${reset}`]), {scrollback, scrolls});
}

function setup() {
	const cards = ['First card', 'Second card', 'Third card'].map((title) => makeJob({title}));
	const running = makeJob({
		title: 'Agent at work',
		status: 'in_flight',
		runs: [makeRun(1, new Date().toISOString())],
	});
	const written: string[] = [];
	const screen = scrollingScreen('agent output');
	const pane: PaneInfo = {
		jobId: running.id,
		run: 1,
		agent: 'shell',
		startedAt: new Date().toISOString(),
		screen,
		write: (data) => written.push(data),
	};
	// 100×30 stacked: the board's top 8 rows, then the pane; inbox cards are two rows each from row 2.
	const rendered = renderDashboard(
		{store: fakeStore([...cards, running]), panes: fakePanes([pane])},
		100,
		30,
	);
	return {...rendered, screen, written};
}

describe('the mouse', () => {
	it('selects the card clicked: Enter then opens it', async () => {
		const {stdin, lastFrame} = setup();
		await waitFor(() => expect(lastFrame()).toContain('agent output'));
		stdin.write(click(3, 4));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toMatch(/Second card/));
		await waitFor(() => expect(lastFrame()).toContain('esc close'));
		expect(lastFrame()).not.toContain('First card ·');
	});

	it('joins a report split across reads, and no part of it becomes a key', async () => {
		const {stdin, lastFrame} = setup();
		await waitFor(() => expect(lastFrame()).toContain('agent output'));
		stdin.write(':');
		await waitFor(() => expect(lastFrame()).not.toContain('d dispatch'));
		stdin.write('\u001B[<0;4;');
		await new Promise((resolve) => setTimeout(resolve, 30));
		// Clicking the third card takes the focus back to the board, with that card selected.
		stdin.write('7M');
		await waitFor(() => expect(lastFrame()).toContain('d dispatch'));
		// The REPL line went back to the board's hint: nothing was typed into it.
		expect(inputLine(lastFrame)).toMatch(/^› enter show/);
		expect(lastFrame()).not.toMatch(/7M|\[<0/);
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain('esc close'));
		expect(lastFrame()).toContain('Third card');
	});

	it('focuses a pane on a click, and the wheel scrolls the pane under it', async () => {
		const {stdin, lastFrame, screen} = setup();
		await waitFor(() => expect(lastFrame()).toContain('agent output'));
		const row = (lastFrame() ?? '').split('\n').findIndex((line) => line.includes('agent output'));
		stdin.write(click(10, row));
		await waitFor(() => expect(lastFrame()).toContain('i insert'));
		stdin.write(report(64, 10, row));
		stdin.write(report(65, 10, row));
		await waitFor(() => expect(screen.scrolls).toEqual([-3, 3]));
	});

	it('focuses the REPL on a click there; mouse reports never type into it', async () => {
		const {stdin, lastFrame} = setup();
		await waitFor(() => expect(lastFrame()).toContain('agent output'));
		const rows = (lastFrame() ?? '').split('\n');
		stdin.write(click(5, rows.length - 2));
		await waitFor(() => expect(lastFrame()).not.toContain('d dispatch'));
		stdin.write(report(64, 5, 3));
		stdin.write(report(32, 5, 3));
		stdin.write('ok');
		await waitFor(() => expect(inputLine(lastFrame)).toBe('› ok'));
	});

	it('sends nothing of a report to an agent in insert mode', async () => {
		const {stdin, lastFrame, written} = setup();
		await waitFor(() => expect(lastFrame()).toContain('agent output'));
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toContain('i insert'));
		stdin.write('i');
		await waitFor(() => expect(lastFrame()).toContain('-- INSERT --'));
		stdin.write(click(3, 4));
		stdin.write(report(64, 3, 4));
		stdin.write('a');
		await waitFor(() => expect(written.join('')).toBe('a'));
		expect(lastFrame()).toContain('-- INSERT --');
	});

	it('is ignored with ui.mouse off', async () => {
		const cards = ['First card', 'Second card'].map((title) => makeJob({title}));
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(cards), ui: {mouse: false}}, 100, 30);
		await waitFor(() => expect(lastFrame()).toContain('Second card'));
		stdin.write(click(3, 4));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain('esc close'));
		expect(lastFrame()).toContain('First card');
		expect(lastFrame()).not.toContain('Second card');
	});
});
