import {describe, expect, it} from 'vitest';
import {boardFromJobs, type Job} from '../../../source/core/index.js';
import {boardChanges, newProblems, toastFor} from '../../../source/ui/toast/board-changes.js';
import {changesToAlert} from '../../../source/ui/toast/use-board-news.js';
import {makeJob, makeRun} from '../helpers.js';

const run = (activity: 'busy' | 'waiting', engine = 'other:1:x') => ({
	...makeRun(1, '2026-11-25T10:00:00.000Z'),
	activity,
	engine,
});
const a = makeJob({id: 'A', title: 'Fix login', status: 'in_flight', runs: [run('busy')]});
const b = makeJob({id: 'B', title: 'Write docs', status: 'in_flight', runs: [run('busy', 'me:1:x')]});
const board = (...jobs: Job[]) => boardFromJobs(jobs);

describe('board changes', () => {
	it('finds a job done, a job blocked with its reason, and a run starting to wait', () => {
		const before = board(a, b, makeJob({id: 'C', title: 'Plan', status: 'ready'}));
		const after = board(
			{...a, status: 'blocked', reason: 'exit 1'},
			{...b, runs: [run('waiting', 'me:1:x')]},
			makeJob({id: 'C', title: 'Plan', status: 'done'}),
		);
		expect(boardChanges(before, after).map((change) => [change.kind, change.text])).toEqual([
			['blocked', 'blocked: Fix login — exit 1'],
			['waiting', '▲ waiting for input: Write docs'],
			['done', 'done: Plan'],
		]);
	});

	it('reports nothing for the same board, unchanged jobs, or jobs that are new', () => {
		const before = board(a);
		expect(boardChanges(before, before)).toEqual([]);
		expect(boardChanges(before, board(a))).toEqual([]);
		expect(boardChanges(before, board(a, makeJob({title: 'New', status: 'done'})))).toEqual([]);
		const waiting = {...a, runs: [run('waiting')]};
		expect(boardChanges(board(waiting), board({...waiting, updatedAt: 'later'}))).toEqual([]);
	});

	it('tells when the budget reaches its warning level and its limit, once each', () => {
		const cost = (usd: number) => board({...a, cost: {tokens: 0, usd}});
		const budget = {usd: 1};
		expect(boardChanges(cost(0.5), cost(0.85), budget)).toEqual([
			expect.objectContaining({
				kind: 'budget',
				tone: 'warning',
				text: expect.stringMatching(/^budget warning: board budget: \$0\.85 of \$1\.00/),
			}),
		]);
		expect(boardChanges(cost(0.85), cost(0.9), budget)).toEqual([]);
		expect(boardChanges(cost(0.9), cost(1), budget)).toEqual([
			expect.objectContaining({
				kind: 'budget',
				tone: 'error',
				text: expect.stringMatching(/limit reached, no run starts$/),
			}),
		]);
	});

	it('makes one toast of a snapshot: the most urgent change, and a count of the others', () => {
		const before = board(a, b, makeJob({id: 'C', title: 'Plan', status: 'review'}));
		const after = board(
			{...a, status: 'done'},
			{...b, status: 'blocked', reason: 'stalled'},
			makeJob({id: 'C', title: 'Plan', status: 'done'}),
		);
		expect(toastFor(boardChanges(before, after))).toEqual({
			tone: 'error',
			text: 'blocked: Write docs — stalled · also 2 done',
		});
		expect(toastFor([])).toBeUndefined();
	});

	it('alerts for budgets and other engines’ runs in notify.states, not for its own engine or hand moves', () => {
		const before = board(a, b, makeJob({id: 'C', title: 'Plan', status: 'review'}));
		const after = board(
			{...a, runs: [run('waiting')]},
			{...b, status: 'done'},
			makeJob({id: 'C', title: 'Plan', status: 'done'}),
		);
		const changes = boardChanges(before, after);
		const notify = {bell: true, desktop: false, states: ['waiting', 'exited'] as const};
		expect(changesToAlert(changes, {notify, engineId: 'me:1:x'}).map((change) => change.title)).toEqual([
			'Fix login',
		]);
		expect(changesToAlert(changes, {notify: {...notify, states: ['exited']}, engineId: 'me:1:x'})).toEqual(
			[],
		);
		expect(changesToAlert(changes, {notify}).map((change) => change.title)).toEqual([
			'Fix login',
			'Write docs',
		]);
	});

	it('sends failures and store problems to the errors inbox, but not a cancel', () => {
		const cancelled = {...b, cancelRequested: true};
		const before = {board: board(a, cancelled), warnings: []};
		const warning = {file: '/x/events.jsonl', line: 9, message: 'torn line'};
		const after = {
			board: board(
				{...a, status: 'blocked' as const, reason: 'exit 1'},
				{...cancelled, status: 'blocked' as const, reason: 'cancelled'},
			),
			warnings: [warning],
			error: 'disk full',
		};
		const changes = boardChanges(before.board, after.board);
		expect(newProblems(before, after, changes)).toEqual([
			'blocked: Fix login — exit 1',
			'store: disk full',
			'store warning: events.jsonl:9 torn line',
		]);
		expect(newProblems(after, {...after}, [])).toEqual([]);
	});
});
