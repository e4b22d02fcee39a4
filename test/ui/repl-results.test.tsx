import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {SearchMatch, SearchResult} from '../../source/commands/search.js';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';
import type {CommandOutcome, PaneInfo} from '../../source/ui/ports.js';
import {moveCursor, newerInRun, resultList} from '../../source/ui/repl/result-list.js';
import {windowStart} from '../../source/ui/repl/result-list-view.js';
import {
	fakePanes,
	fakeRunner,
	fakeStore,
	focusRepl,
	keys,
	makeJob,
	makeRun,
	renderDashboard,
	typeLine,
	waitFor,
} from './helpers.js';

const screens: TerminalScreen[] = [];
afterEach(() => {
	cleanup();
	for (const screen of screens.splice(0)) {
		screen.dispose();
	}
});

const started = new Date().toISOString();
const live = makeJob({title: 'Build the site', status: 'in_flight', runs: [makeRun(1, started)]});
const old = makeJob({title: 'Deploy', status: 'done'});

function match(jobId: string, title: string, line: number, text: string, run = 1): SearchMatch {
	return {jobId, title, run, line, text};
}

const result: SearchResult = {
	query: 'error',
	matches: [
		match(live.id, live.title, 2, 'error: first'),
		match(live.id, live.title, 4, 'error: second'),
		match(live.id, live.title, 6, 'error: third'),
		match(old.id, old.title, 9, 'ERROR: disk full'),
	],
	logs: 2,
	limited: false,
	cut: 0,
};

/** A runner answering `search …` as the registry would (text and data), and anything else with ok. */
const runner = () =>
	fakeRunner(async (line): Promise<CommandOutcome> =>
		line.startsWith('search ')
			? {exitCode: 0, output: '4 matches for "error" in 2 logs', command: 'search', data: result}
			: {exitCode: 0, output: `ran ${line}`},
	);

async function feed(screen: TerminalScreen, data: string): Promise<void> {
	await new Promise<void>((resolve) => {
		screen.write(data, resolve);
	});
}

describe('the result list', () => {
	it('moves a clamped cursor and counts the newer matches of a run', () => {
		const list = resultList(result)!;
		expect(moveCursor(list, -1)).toBe(list);
		expect(moveCursor(list, 2).cursor).toBe(2);
		expect(moveCursor(list, 'bottom').cursor).toBe(3);
		expect(moveCursor(moveCursor(list, 'bottom'), 5).cursor).toBe(3);
		expect(newerInRun(list, result.matches[0]!)).toBe(2);
		expect(newerInRun(list, result.matches[3]!)).toBe(0);
		expect(resultList({...result, matches: []})).toBeUndefined();
		expect(windowStart(0, 10, 3)).toBe(0);
		expect(windowStart(5, 10, 3)).toBe(4);
		expect(windowStart(9, 10, 3)).toBe(7);
	});
});

describe('search results in the REPL', () => {
	it('become a list with a cursor that j/k move; Esc closes it and the output comes back', async () => {
		const run = runner();
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([live, old]), run}, 110, 40);
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'search error');
		await waitFor(() => expect(lastFrame()).toContain('search "error" · match 1 of 4'));
		const frame = lastFrame()!;
		expect(frame).toContain(`› ${live.id.slice(-8)} Build the site  run 1:2  error: first`);
		expect(frame).toContain(`  ${live.id.slice(-8)} Build the site  run 1:4  error: second`);
		stdin.write('j');
		await waitFor(() => expect(lastFrame()).toContain('match 2 of 4'));
		expect(lastFrame()).toContain(`› ${live.id.slice(-8)} Build the site  run 1:4  error: second`);
		stdin.write(keys.down);
		stdin.write('G');
		await waitFor(() => expect(lastFrame()).toContain('match 4 of 4'));
		expect(lastFrame()).toContain(`› ${old.id.slice(-8)} Deploy  run 1:9  ERROR: disk full`);
		stdin.write('k');
		await waitFor(() => expect(lastFrame()).toContain('match 3 of 4'));
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).not.toContain('match 3 of 4'));
		expect(lastFrame()).toContain('4 matches for "error" in 2 logs');
	});

	it("Enter focuses the run's pane and searches it, on the match nearest the line", async () => {
		const screen = new TerminalScreen({cols: 40, rows: 4});
		screens.push(screen);
		const panes = fakePanes();
		screen.onChange(() => {
			panes.changed();
		});
		const pane: PaneInfo = {jobId: live.id, run: 1, agent: 'shell', startedAt: started, screen};
		panes.set([pane]);
		await feed(
			screen,
			'ok\r\nerror: first\r\nok\r\nerror: second\r\nok\r\nerror: third\r\nok\r\nok\r\nok\r\n',
		);
		const run = runner();
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([live, old]), panes, run}, 110, 40);
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'search error');
		await waitFor(() => expect(lastFrame()).toContain('match 1 of 4'));
		stdin.write(keys.enter);
		// The first of the run's three matches: the buffer search stepped back from the newest.
		await waitFor(() => expect(screen.scrollback?.search).toEqual({query: 'error', index: 1, count: 3}));
		await waitFor(() => expect(lastFrame()).not.toContain('match 1 of 4'));
		// The panes have the keys: `n` goes to the next match in the pane.
		stdin.write('n');
		await waitFor(() => expect(screen.scrollback?.search?.index).toBe(2));
		expect(run.lines).toEqual(['search error']);
	});

	it('Enter on a run without a pane opens the job and prints its log around the line', async () => {
		const run = runner();
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([live, old]), run}, 110, 40);
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'search error');
		await waitFor(() => expect(lastFrame()).toContain('match 1 of 4'));
		stdin.write('G');
		await waitFor(() => expect(lastFrame()).toContain('match 4 of 4'));
		stdin.write(keys.enter);
		await waitFor(() => expect(run.lines).toContain(`tail ${old.id} --run 1 --line 9`));
		await waitFor(() => expect(lastFrame()).toContain(`job ${old.id.slice(-8)}`));
	});
});
