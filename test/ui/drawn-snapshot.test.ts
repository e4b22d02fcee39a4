import {describe, expect, it} from 'vitest';
import {draft, foldEvents, type Board, type Draft} from '../../source/core/index.js';
import {drawsTheSame} from '../../source/ui/drawn-snapshot.js';
import type {StoreSnapshot} from '../../source/ui/ports.js';
import {created, inFlight, jobId, type History} from '../core/given.js';

const id = jobId(1);
const snapshot = (board: Board): StoreSnapshot => ({board, warnings: []});

/** The board after `change`, folded onto `board` as the store does (unchanged jobs keep their objects). */
function then(history: History, board: Board, jobIdOf: string, change: Draft): Board {
	return foldEvents(board, history.stamp(jobIdOf, [change]));
}

function running(): History {
	return inFlight(id).add(
		id,
		draft('run.started', {run: 1, pid: 42, agent: 'shell', command: ['sh'], cwd: '/tmp'}),
	);
}

describe('drawsTheSame', () => {
	it('ignores a run.output byte counter and the bookkeeping it moves', () => {
		const history = running();
		const before = snapshot(history.board);
		const after = snapshot(then(history, before.board, id, draft('run.output', {run: 1, bytes: 4096})));
		expect(after.board.jobs.get(id)?.runs[0]?.bytes).toBe(4096);
		expect(after.board).not.toBe(before.board);
		expect(drawsTheSame(before, after)).toBe(true);
	});

	it.each([
		['a message', draft('job.message', {from: 'agent', text: 'hello'})],
		['an activity change', draft('run.state_changed', {run: 1, from: 'busy', to: 'waiting'})],
		['a cost', draft('job.cost', {tokens: 10, usd: 0.01})],
		['an exit', draft('run.exited', {run: 1, code: 0, signal: null})],
	])('sees %s', (_name, change) => {
		const history = running();
		const before = snapshot(history.board);
		expect(drawsTheSame(before, snapshot(then(history, before.board, id, change)))).toBe(false);
	});

	it('sees a new job, a new warning and a store error', () => {
		const history = running();
		const board = history.board;
		const before = snapshot(board);
		expect(drawsTheSame(before, snapshot(then(history, board, jobId(2), created())))).toBe(false);
		expect(
			drawsTheSame(before, {
				board,
				warnings: [{file: 'events.jsonl', line: 3, message: 'torn line'}],
			} as unknown as StoreSnapshot),
		).toBe(false);
		expect(drawsTheSame(before, {board, warnings: before.warnings, error: 'disk full'})).toBe(false);
	});
});
