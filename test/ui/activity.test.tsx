import {afterEach, describe, expect, it} from 'vitest';

import {cleanup} from 'ink-testing-library';
import type {Job, Run, RunActivity} from '../../source/core/index.js';
import {cardHeight, detailLine, extraLine} from '../../source/ui/board/card-lines.js';
import {scrollWindow} from '../../source/ui/board/use-board-state.js';
import {paneTitle} from '../../source/ui/pane/pane-title.js';
import type {PaneInfo} from '../../source/ui/ports.js';
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

const started = new Date(Date.now() - 65_000).toISOString();

function running(
	title: string,
	activity: RunActivity,
	run: Partial<Run> = {},
	fields: Partial<Job> = {},
): Job {
	return makeJob({title, status: 'in_flight', runs: [{...makeRun(1, started), activity, ...run}], ...fields});
}

const message = (text: string, n: number) => ({id: `m${n}`, at: started, from: 'agent', text});

describe('card lines', () => {
	it('shows the activity, then the clock and run number as far as they fit', () => {
		const job = running('A', 'waiting');
		expect(detailLine(job, Date.parse(started) + 65_000, 40)).toBe('▲ waiting for input 01:05 run 1');
		expect(detailLine(job, Date.parse(started) + 65_000, 22)).toBe('▲ waiting for input');
		expect(detailLine(running('B', 'busy'), Date.parse(started), 22)).toBe('● busy 00:00 run 1');
		expect(detailLine(running('C', 'idle'), Date.parse(started), 22)).toBe('○ idle 00:00 run 1');
		expect(detailLine(running('D', 'starting'), Date.parse(started), 22)).toMatch(/^◌ starting/);
	});

	it('shows a blocked job’s reset time before its reason', () => {
		const until = new Date(2026, 10, 25, 15, 0).toISOString();
		const job = makeJob({title: 'Limited', status: 'blocked', reason: 'usage limit', until});
		expect(detailLine(job, 0, 30)).toBe('until 15:00 · usage limit');
	});

	it('adds one line for messages and a branch, only when there are any', () => {
		const plain = running('Plain', 'busy');
		expect(extraLine(plain, 22)).toBeUndefined();
		expect(cardHeight(plain)).toBe(3);
		const chatty = running('Chatty', 'busy', {}, {messages: [message('hi', 1), message('tests green', 2)]});
		expect(extraLine(chatty, 22)).toBe('✉ 2 "tests green"');
		expect(cardHeight(chatty)).toBe(3 + 1);
		const branched = running('Branched', 'busy', {branch: 'xsarena/01JABCDEFGHJKMNPQRSTVWXYZ'});
		expect(extraLine(branched, 22)).toBe('⎇ xsarena/01JABCDEFGH…');
		const both = running('Both', 'busy', {branch: 'xsarena/01JABC'}, {messages: [message('tests green', 1)]});
		const line = extraLine(both, 30)!;
		expect(line).toMatch(/^✉ 1 "tests.*" ⎇ xsarena/);
		expect(line.length).toBeLessThanOrEqual(30);
		expect(cardHeight(makeJob({title: 'Inbox', messages: [message('x', 1)]}))).toBe(3);
	});
});

describe('scrolling cards of different heights', () => {
	it('keeps the selected card whole in view and fills the rows', () => {
		const heights = [2, 3, 2, 3, 2];
		expect(scrollWindow(0, 0, heights, 7)).toEqual({selected: 0, offset: 0, shown: 3});
		expect(scrollWindow(3, 0, heights, 7)).toEqual({selected: 3, offset: 2, shown: 3});
		expect(scrollWindow(4, 0, heights, 7)).toEqual({selected: 4, offset: 2, shown: 3});
		// Scrolled down, then back up: the window moves only as far as it must.
		expect(scrollWindow(1, 2, heights, 7)).toEqual({selected: 1, offset: 1, shown: 2});
		// A card taller than the rows is still shown.
		expect(scrollWindow(0, 0, [5], 3)).toEqual({selected: 0, offset: 0, shown: 1});
		expect(scrollWindow(3, 3, [], 3)).toEqual({selected: 0, offset: 0, shown: 0});
	});
});

describe('run activity on screen', () => {
	it('marks a waiting run loudest: on its card, in the status bar, in its pane title', async () => {
		const waiting = running('Needs me', 'waiting', {resumed: true}, {restarts: 2});
		const busy = running('Working', 'busy');
		const info: PaneInfo = {
			jobId: waiting.id,
			run: 1,
			agent: 'claude',
			startedAt: started,
			screen: fakeScreen(['?\u001B[0m']),
		};
		const {lastFrame} = renderDashboard(
			{store: fakeStore([waiting, busy]), panes: fakePanes([info])},
			160,
			40,
		);
		await waitFor(() => expect(lastFrame()).toContain('▲ Needs me'));
		const frame = lastFrame()!;
		expect(frame).toContain('▲ waiting for input');
		expect(frame).toContain('● busy');
		expect(frame.split('\n').at(-1)).toContain('▲ 1 waiting');
		expect(frame).toMatch(/▲ waiting for input · Needs me · claude · run 1 · 01:0\d · resumed · restart 2/);
	});

	it('shows messages, the branch and the reset time on cards, and the board still scrolls', async () => {
		const until = new Date(2026, 10, 25, 15, 0).toISOString();
		const jobs = [
			running(
				'With news',
				'idle',
				{branch: 'xsarena/01JX'},
				{messages: [message('tests green', 1), message('done?', 2)]},
			),
			makeJob({title: 'Out of tokens', status: 'blocked', reason: 'usage limit', until}),
			...Array.from({length: 8}, (_, index) =>
				running(`Run ${index}`, 'busy', {}, {messages: [message(`note ${index}`, index)]}),
			),
		];
		const {lastFrame, stdin} = renderDashboard({store: fakeStore(jobs)}, 160, 30);
		await waitFor(() => expect(lastFrame()).toContain('With news'));
		const frame = lastFrame()!;
		expect(frame).toContain('✉ 2 "done?"');
		expect(frame).toContain('✉ 2 "done?" ⎇ xsarena…');
		expect(frame).toContain('○ idle');
		expect(frame).toContain('until 15:00 · usage l…');
		for (const key of [keys.right, keys.right, keys.right]) {
			stdin.write(key);
		}

		for (let index = 0; index < 9; index++) {
			stdin.write(keys.down);
		}

		await waitFor(() => expect(lastFrame()).toContain('note 7'));
		expect(lastFrame()).not.toContain('With news');
	});

	it('titles a pane with its run’s state; an ended run shows its exit instead', () => {
		const job = running('T', 'busy');
		const info: PaneInfo = {jobId: job.id, run: 1, agent: 'a', startedAt: started, screen: fakeScreen([])};
		expect(paneTitle(info, job, Date.now()).activity).toBe('busy');
		const ended = paneTitle({...info, endedAt: started, exitCode: 1}, job, Date.now());
		expect(ended.activity).toBeUndefined();
		expect(ended.exit).toEqual({text: ' · exit 1', ok: false});
	});
});
