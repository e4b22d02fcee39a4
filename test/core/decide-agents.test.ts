import {describe, expect, it} from 'vitest';
import {
	decideActivity,
	decideExit,
	decidePost,
	decideSend,
	decideWake,
	draft,
} from '../../source/core/index.js';
import {created, decided, given, History, inFlight, jobId} from './given.js';

const A = jobId(1);

describe('decideSend', () => {
	it('addresses the running run and keeps the input on the job for its engine', () => {
		given(inFlight(A))
			.when(A, (_board, job) => decideSend(job, 'yes', true))
			.then([draft('job.input', {run: 1, text: 'yes', enter: true})])
			.thenJob((job) => {
				expect(job.input.map(({run, text, enter}) => ({run, text, enter}))).toEqual([
					{run: 1, text: 'yes', enter: true},
				]);
			});
	});

	it('refuses a job with no run going on, and an empty send without Enter', () => {
		given(new History().add(A, created()))
			.when(A, (_board, job) => decideSend(job, 'x', false))
			.thenThrows('conflict', /no run going on/);
		given(inFlight(A))
			.when(A, (_board, job) => decideSend(job, '', false))
			.thenThrows('invalid', /nothing to send/);
	});

	it('drops input meant for an older run, and clears pending input at the next claim', () => {
		const history = inFlight(A).add(A, draft('job.input', {run: 7, text: 'stale', enter: false}));
		expect(history.job(A).input).toEqual([]);
		history.add(A, draft('job.input', {run: 1, text: 'a', enter: false}));
		decided(history, A, (_board, job) => decideExit(job, {run: 1, code: 0, signal: null}, 'stay'));
		history.add(A, draft('job.claimed', {run: 2, by: 'e', agent: 'shell'}));
		expect(history.job(A).input).toEqual([]);
	});
});

describe('decidePost', () => {
	it('posts a message that shows on the job', () => {
		given(new History().add(A, created()))
			.when(A, () => decidePost('agent', 'tests green'))
			.thenJob((job) => {
				expect(job.messages.map((message) => [message.from, message.text])).toEqual([
					['agent', 'tests green'],
				]);
			});
	});

	it('refuses an empty message', () => {
		given(new History().add(A, created()))
			.when(A, () => decidePost('agent', '  '))
			.thenThrows('invalid');
	});
});

describe('decideActivity', () => {
	it('records a change once, and nothing for the same state or a finished run', () => {
		given(inFlight(A))
			.when(A, (_board, job) => decideActivity(job, 1, 'waiting'))
			.then([draft('run.state_changed', {run: 1, from: 'starting', to: 'waiting'})])
			.thenJob((job) => expect(job.runs[0]?.activity).toBe('waiting'));
		given(inFlight(A))
			.when(A, (_board, job) => decideActivity(job, 1, 'starting'))
			.then([]);
		const ended = decided(inFlight(A), A, (_board, job) => decideExit(job, {run: 1, code: 0, signal: null}));
		expect(ended.job(A).runs[0]?.activity).toBe('exited');
		given(ended)
			.when(A, (_board, job) => decideActivity(job, 1, 'busy'))
			.then([]);
	});
});

describe('decideWake', () => {
	const blocked = () =>
		decided(inFlight(A), A, (_board, job) =>
			decideExit(
				job,
				{run: 1, code: null, signal: 'SIGTERM', reason: 'usage limit'},
				{to: 'blocked', reason: 'usage limit: resets 3pm', until: '2026-11-26T15:00:00.000Z'},
			),
		);

	it('keeps a job blocked before its until time and readies it after', () => {
		expect(blocked().job(A)).toMatchObject({status: 'blocked', until: '2026-11-26T15:00:00.000Z'});
		given(blocked())
			.when(A, (_board, job) => decideWake(job, '2026-11-26T14:59:59.000Z'))
			.then([]);
		given(blocked())
			.when(A, (_board, job) => decideWake(job, '2026-11-26T15:00:00.000Z'))
			.thenJob((job) => expect(job).toMatchObject({status: 'ready', until: undefined}));
	});

	it('never wakes a job blocked without an until (a person must look)', () => {
		const history = decided(inFlight(A), A, (_board, job) =>
			decideExit(job, {run: 1, code: 1, signal: null}),
		);
		given(history)
			.when(A, (_board, job) => decideWake(job, '2099-01-01T00:00:00.000Z'))
			.then([]);
	});
});
