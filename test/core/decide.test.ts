import {describe, expect, it} from 'vitest';
import {
	DomainError,
	decideCreate,
	decideDependencies,
	decideMove,
	draft,
	jobStatuses,
	parseStatus,
	requireJob,
} from '../../source/core/index.js';
import {created, createRequest as request, given, History, inFlight, jobId, jobOn} from './given.js';

const [A, B, C] = [jobId(1), jobId(2), jobId(3)] as const;

/** Expect `action` to throw a DomainError of `code` with a message matching `message`. */
function expectRefusal(action: () => unknown, code: DomainError['code'], message: RegExp | string): void {
	expect(action).toThrow(DomainError);
	expect(action).toThrow(message);
	try {
		action();
	} catch (error: unknown) {
		expect(error).toMatchObject({name: 'DomainError', code});
	}
}

const claimedHistory = () => inFlight(A);

describe('requireJob', () => {
	const first = '01JQ7M00000000000000000001';
	const second = '01JQ7M00000000000000000002';
	const other = '01KR2K00000000000000000003';
	const board = new History()
		.add(first, created({title: 'first'}))
		.add(second, created({title: 'second'}))
		.add(other, created({title: 'other'})).board;

	it('finds a job by its exact id', () => {
		expect(requireJob(board, first).title).toBe('first');
		expect(requireJob(board, second).title).toBe('second');
	});

	it('finds a job by a unique prefix of at least 4 characters, in any case', () => {
		expect(requireJob(board, '01KR').id).toBe(other);
		expect(requireJob(board, '01kr2k').id).toBe(other);
		expect(requireJob(board, '01JQ7M00000000000000000002').id).toBe(second);
		expect(requireJob(board, '01jq7m00000000000000000001').id).toBe(first);
	});

	it('refuses a prefix shorter than 4 characters, even a unique one', () => {
		expectRefusal(() => requireJob(board, '01K'), 'not_found', 'no job with id "01K"');
	});

	it('refuses an ambiguous prefix, listing the matches', () => {
		expectRefusal(
			() => requireJob(board, '01JQ7M'),
			'invalid',
			`job id prefix "01JQ7M" is ambiguous: ${first}, ${second}`,
		);
	});

	it.each(['01JZZZZZ', 'nope', ''])('refuses an unknown id (%j) with not_found', (id) => {
		expectRefusal(() => requireJob(board, id), 'not_found', `no job with id "${id}"`);
	});
});

describe('parseStatus', () => {
	it.each(jobStatuses)('accepts %s', (status) => {
		expect(parseStatus(status)).toBe(status);
	});

	it.each(['Ready', 'todo', '', 'in-flight', 'toString'])('refuses %j, listing the valid ones', (value) => {
		expectRefusal(
			() => parseStatus(value),
			'invalid',
			`unknown status "${value}" (one of: ${jobStatuses.join(', ')})`,
		);
	});
});

describe('decideCreate', () => {
	const history = () => new History().add(A, created()).add(B, created());

	it('creates the job with the title trimmed and everything else as asked', () => {
		const asked = request({
			title: '  Write tests \t',
			priority: 'high',
			prompt: 'go',
			acceptance: ['green'],
			blockedBy: [A],
		});

		given(history())
			.whenNew(C, (board) => decideCreate(board, asked))
			.then([draft('job.created', {...asked, title: 'Write tests'})])
			.thenJob((job) =>
				expect(job).toMatchObject({
					id: C,
					title: 'Write tests',
					priority: 'high',
					prompt: 'go',
					acceptance: ['green'],
					blockedBy: [A],
				}),
			)
			.thenBoard((board) => expect(jobOn(board, A).blocks).toEqual([C]));
	});

	it.each(['', '   ', '\t\n'])('refuses an empty title (%j)', (title) => {
		given(history())
			.whenNew(C, (board) => decideCreate(board, request({title})))
			.thenThrows('invalid', 'a job needs a title');
	});

	it('refuses a dependency on an unknown job, naming it', () => {
		given(history())
			.whenNew(C, (board) => decideCreate(board, request({blockedBy: [A, jobId(99)]})))
			.thenThrows('not_found', jobId(99));
	});

	it('resolves id prefixes and drops repeated dependencies, keeping their order', () => {
		const widget = '01JW0000000000000000000000';
		given(history().add(widget, created()))
			.whenNew(C, (board) => decideCreate(board, request({blockedBy: [B, '01jw', A, B, widget]})))
			.then([draft('job.created', {...request(), blockedBy: [B, widget, A]})]);
	});

	it('refuses to create a job straight into in_flight (only dispatching reaches it)', () => {
		// decideMove refuses `in_flight` for the same reason: such a job has no run, decideClaim refuses
		// it as "already in flight" and the planner never offers it, so it sits there until moved by hand.
		given(history())
			.whenNew(C, (board) => decideCreate(board, request({status: 'in_flight'})))
			.thenThrows('invalid', /in_flight/);
	});
});

describe('decideDependencies', () => {
	const history = () => new History().add(A, created()).add(B, created()).add(C, created());

	it('sets the dependencies, resolved and without repeats', () => {
		given(history())
			.when(B, (board, job) => decideDependencies(board, job, [A, C, A, C.toLowerCase()]))
			.then([draft('job.updated', {blockedBy: [A, C]})])
			.thenBoard((board) => {
				expect(jobOn(board, B).blockedBy).toEqual([A, C]);
				expect(jobOn(board, A).blocks).toEqual([B]);
				expect(jobOn(board, C).blocks).toEqual([B]);
			});
	});

	it('clears the dependencies', () => {
		given(history().add(B, draft('job.updated', {blockedBy: [A]})))
			.when(B, (board, job) => decideDependencies(board, job, []))
			.then([draft('job.updated', {blockedBy: []})])
			.thenBoard((board) => expect(jobOn(board, A).blocks).toEqual([]));
	});

	it('refuses an unknown job, naming it', () => {
		given(history())
			.when(B, (board, job) => decideDependencies(board, job, [A, jobId(42)]))
			.thenThrows('not_found', jobId(42));
	});

	it('refuses a cycle, naming it', () => {
		// B waits for C, C waits for A: A waiting for B closes the loop.
		const loop = history()
			.add(B, draft('job.updated', {blockedBy: [C]}))
			.add(C, draft('job.updated', {blockedBy: [A]}));

		given(loop)
			.when(A, (board, job) => decideDependencies(board, job, [B]))
			.thenThrows('invalid', `dependency cycle: ${A} → ${B} → ${C} → ${A}`);
	});

	it('refuses a dependency on itself', () => {
		given(history())
			.when(A, (board, job) => decideDependencies(board, job, [A]))
			.thenThrows('invalid', `dependency cycle: ${A} → ${A}`);
	});
});

describe('decideMove', () => {
	it('moves a job to another column with a reason', () => {
		given(new History().add(A, created()))
			.when(A, (_board, job) => decideMove(job, 'blocked', 'needs a key'))
			.then([draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'needs a key'})])
			.thenJob((job) => expect(job).toMatchObject({status: 'blocked', reason: 'needs a key'}));
	});

	it('refuses the status it already has', () => {
		given(new History().add(A, created({status: 'review'})))
			.when(A, (_board, job) => decideMove(job, 'review'))
			.thenThrows('conflict', 'already review');
	});

	it.each(['ready', 'blocked', 'inbox'] as const)(
		'refuses in_flight from %s: only dispatching gets there',
		(status) => {
			given(new History().add(A, created({status})))
				.when(A, (_board, job) => decideMove(job, 'in_flight'))
				.thenThrows('invalid', /dispatch/);
		},
	);

	it.each(['ready', 'done', 'blocked', 'review'] as const)(
		'refuses to move a job with a run going on (to %s)',
		(to) => {
			given(claimedHistory())
				.when(A, (_board, job) => decideMove(job, to))
				.thenThrows('conflict', 'cancel it first');
		},
	);

	it('refuses a job whose run is going on even when its column says otherwise', () => {
		given(new History().add(A, created(), draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'})))
			.when(A, (_board, job) => decideMove(job, 'done'))
			.thenThrows('conflict', 'cancel it first');
	});

	it('moves a job whose run has ended', () => {
		const history = claimedHistory().add(
			A,
			draft('run.exited', {run: 1, code: 1, signal: null}),
			draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'exit code 1'}),
		);

		given(history)
			.when(A, (_board, job) => decideMove(job, 'ready'))
			.then([draft('job.status_changed', {from: 'blocked', to: 'ready', reason: undefined})])
			.thenJob((job) => {
				expect(job.status).toBe('ready');
				expect(job.reason).toBeUndefined();
			});
	});
});
