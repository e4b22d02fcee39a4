import {describe, expect, it} from 'vitest';
import {
	draft,
	findCycle,
	jobStatuses,
	nextReady,
	unmetDependencies,
	type Board,
	type JobStatus,
} from '../../source/core/index.js';
import {created, History, jobId, jobOn} from './given.js';

const [A, B, C, D, E] = [jobId(1), jobId(2), jobId(3), jobId(4), jobId(5)] as const;

const ids = (board: Board, limit?: number) => nextReady(board, limit).map((job) => job.id);

const claim = (run = 1) => [
	draft('job.claimed', {run, by: 'engine-1', agent: 'shell'}),
	draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
];
const finish = (from: JobStatus = 'ready') => draft('job.status_changed', {from, to: 'done'});

describe('nextReady', () => {
	it('returns only ready jobs', () => {
		const history = new History();
		jobStatuses.forEach((status, index) => history.add(jobId(index + 1), created({status})));

		expect(ids(history.board)).toEqual([jobId(jobStatuses.indexOf('ready') + 1)]);
	});

	it('returns nothing for an empty board', () => {
		expect(nextReady(new History().board)).toEqual([]);
	});

	it('holds back a ready job until every dependency is done', () => {
		const history = new History()
			.add(A, created({status: 'inbox'}))
			.add(B, created({status: 'inbox'}))
			.add(C, created({blockedBy: [A, B]}));
		expect(ids(history.board)).toEqual([]);

		history.add(A, finish('inbox'));
		expect(ids(history.board)).toEqual([]);
		expect(unmetDependencies(history.job(C), history.board)).toEqual([B]);

		history.add(B, draft('job.status_changed', {from: 'inbox', to: 'review'}));
		expect(ids(history.board)).toEqual([]);

		history.add(B, draft('job.status_changed', {from: 'review', to: 'done'}));
		expect(ids(history.board)).toEqual([C]);
		expect(unmetDependencies(history.job(C), history.board)).toEqual([]);
	});

	it('counts a dependency on an unknown job as unmet', () => {
		const history = new History().add(A, created({blockedBy: [jobId(99)]}));

		expect(ids(history.board)).toEqual([]);
		expect(unmetDependencies(history.job(A), history.board)).toEqual([jobId(99)]);
	});

	it('skips a ready job that has a run going on', () => {
		const history = new History()
			.add(A, created())
			.add(A, draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'}));
		expect(history.job(A).status).toBe('ready');

		expect(ids(history.board)).toEqual([]);
	});

	it('offers a ready job again once its last run has ended', () => {
		const history = new History()
			.add(A, created(), ...claim())
			.add(
				A,
				draft('run.interrupted', {run: 1, reason: 'engine gone'}),
				draft('job.status_changed', {from: 'in_flight', to: 'ready'}),
			);

		expect(ids(history.board)).toEqual([A]);
	});

	it('orders by priority: urgent, high, medium, low', () => {
		const history = new History()
			.add(A, created({priority: 'low'}))
			.add(B, created({priority: 'medium'}))
			.add(C, created({priority: 'urgent'}))
			.add(D, created({priority: 'high'}));

		expect(ids(history.board)).toEqual([C, D, B, A]);
	});

	it('orders the same priority oldest first, by id, whatever order they were read in', () => {
		const history = new History()
			.add(C, created())
			.add(A, created())
			.add(E, created({priority: 'high'}))
			.add(B, created());

		expect(ids(history.board)).toEqual([E, A, B, C]);
	});

	it('puts a start-now request first, whatever its priority', () => {
		const history = new History()
			.add(A, created({priority: 'urgent'}))
			.add(B, created({priority: 'low'}))
			.add(C, created({priority: 'low'}), draft('job.dispatch_requested', {}))
			.add(D, created({priority: 'high'}), draft('job.dispatch_requested', {}));

		expect(ids(history.board)).toEqual([D, C, A, B]);
	});

	it.each(['inbox', 'planning', 'review', 'blocked'] as const)(
		'lets a start-now request pull a %s job once its dependencies are done',
		(status) => {
			const history = new History()
				.add(A, created({status: 'inbox'}))
				.add(B, created({status, blockedBy: [A]}), draft('job.dispatch_requested', {}));
			expect(ids(history.board)).toEqual([]);

			history.add(A, finish('inbox'));
			expect(ids(history.board)).toEqual([B]);
		},
	);

	it('never lets a start-now request pull an in_flight job, nor one with a run going on', () => {
		const history = new History()
			.add(
				A,
				created(),
				draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
				draft('job.dispatch_requested', {}),
			)
			.add(
				B,
				created({status: 'blocked'}),
				draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'}),
				draft('job.dispatch_requested', {}),
			);
		expect(history.job(A)).toMatchObject({status: 'in_flight', dispatchRequested: true});
		expect(history.job(B)).toMatchObject({status: 'blocked', dispatchRequested: true});

		expect(ids(history.board)).toEqual([]);
	});

	describe('limit', () => {
		const board = new History()
			.add(A, created({priority: 'low'}))
			.add(B, created({priority: 'urgent'}))
			.add(C, created({priority: 'high'})).board;

		it('returns at most `limit` jobs, the first ones in order', () => {
			expect(ids(board, 1)).toEqual([B]);
			expect(ids(board, 2)).toEqual([B, C]);
		});

		it('returns all of them by default or with a limit above their number', () => {
			expect(ids(board)).toEqual([B, C, A]);
			expect(ids(board, 10)).toEqual([B, C, A]);
		});

		it.each([0, -1])('returns none with a limit of %d', (limit) => {
			expect(nextReady(board, limit)).toEqual([]);
		});
	});
});

describe('findCycle', () => {
	it('finds none in a DAG (a diamond, with a shared dependency)', () => {
		// D waits for B and C, both wait for A; now A waits for E.
		const board = new History()
			.add(E, created())
			.add(A, created())
			.add(B, created({blockedBy: [A]}))
			.add(C, created({blockedBy: [A]}))
			.add(D, created({blockedBy: [B, C]})).board;

		expect(findCycle(board, A, [E])).toBeUndefined();
		expect(findCycle(board, D, [B, C, A])).toBeUndefined();
		expect(findCycle(board, E, [])).toBeUndefined();
	});

	it('names a three-job cycle as [a, b, c, a]', () => {
		// b waits for c, c waits for a; a waiting for b closes the loop.
		const board = new History()
			.add(A, created())
			.add(C, created({blockedBy: [A]}))
			.add(B, created({blockedBy: [C]})).board;

		expect(findCycle(board, A, [B])).toEqual([A, B, C, A]);
	});

	it('names a two-job cycle', () => {
		const board = new History().add(A, created()).add(B, created({blockedBy: [A]})).board;

		expect(findCycle(board, A, [B])).toEqual([A, B, A]);
	});

	it('names a dependency on itself', () => {
		const board = new History().add(A, created()).board;

		expect(findCycle(board, A, [A])).toEqual([A, A]);
	});

	it('finds the cycle through a later dependency after a dead end', () => {
		const board = new History()
			.add(A, created())
			.add(D, created({blockedBy: [jobId(99)]}))
			.add(C, created({blockedBy: [A]}))
			.add(B, created({blockedBy: [D, C]})).board;

		expect(findCycle(board, A, [E, D, B])).toEqual([A, B, C, A]);
	});

	it('follows dependencies added by updates, and finds none when a job drops its dependencies', () => {
		// A waits for B since an update, so B waiting for A closes a loop.
		const board = new History()
			.add(A, created())
			.add(B, created())
			.add(A, draft('job.updated', {blockedBy: [B]})).board;
		expect(jobOn(board, A).blockedBy).toEqual([B]);

		expect(findCycle(board, B, [A])).toEqual([B, A, B]);
		expect(findCycle(board, A, [])).toBeUndefined();
		expect(findCycle(board, A, [C])).toBeUndefined();
	});
});
