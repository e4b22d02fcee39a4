import {describe, expect, it} from 'vitest';
import {
	backoffDelay,
	decideExit,
	decideRestart,
	judgeIteration,
	loopSchema,
	supervisionFor,
	type IterationFacts,
	type Job,
	type Supervision,
} from '../../source/core/index.js';
import {created, decided, History, inFlight, jobId} from './given.js';

const A = jobId(1);
const loop = loopSchema.parse({maxRestarts: 3, backoffMs: 1000, backoffMaxMs: 5000, maxStalls: 2});
const looped: Supervision = {isolation: 'shared', loop, doneContract: 'summary'};
const single: Supervision = {isolation: 'shared', doneContract: 'summary'};

const exited = (code: number | null = 0, reason?: string): IterationFacts['end'] => ({
	run: 1,
	code,
	signal: code === null ? 'SIGKILL' : null,
	reason,
});

/** Job A in flight after `restarts` loop restarts, the last `stalls` of them stalled. */
function afterRestarts(restarts: number, stalls = 0, acceptance: string[] = []): Job {
	let history: History = inFlight(A, acceptance);
	for (let n = 1; n <= restarts; n++) {
		history = decided(history, A, (_board, job) => decideExit(job, {run: n, code: 0, signal: null}, 'stay'));
		const stalled = n > restarts - stalls;
		history = decided(history, A, (_board, job) =>
			decideRestart(job, n, 'engine-1', 'no DONE file', stalled),
		);
	}

	return history.job(A);
}

describe('supervisionFor', () => {
	it('takes the job’s settings over the agent’s, and the loop’s wait timeout as a last resort', () => {
		const job = new History().add(A, created({isolation: 'workspace', idleTimeoutMs: 500})).job(A);

		expect(
			supervisionFor(job, {isolation: 'worktree', loop: {...loop, waitTimeoutMs: 9000}, idleTimeoutMs: 100}),
		).toEqual({
			isolation: 'workspace',
			loop: {...loop, waitTimeoutMs: 9000},
			timeoutMs: 9000,
			idleTimeoutMs: 500,
			doneContract: 'summary',
		});
	});

	it('defaults to shared isolation, no loop, the summary contract', () => {
		expect(supervisionFor(new History().add(A, created()).job(A))).toEqual({
			isolation: 'shared',
			loop: undefined,
			timeoutMs: undefined,
			idleTimeoutMs: undefined,
			doneContract: 'summary',
		});
	});
});

describe('judgeIteration without a loop', () => {
	const job = inFlight(A).job(A);

	it.each([
		[exited(0), {kind: 'finish', to: 'done'}],
		[exited(3), {kind: 'finish', to: 'blocked', reason: 'exit code 3'}],
		[exited(null), {kind: 'finish', to: 'blocked', reason: 'killed by SIGKILL'}],
		[exited(null, 'timed_out'), {kind: 'finish', to: 'blocked', reason: 'timed_out'}],
	])('%o → %o', (end, verdict) => {
		expect(judgeIteration(job, single, {end, progressed: true})).toEqual(verdict);
	});

	it('sends a job with acceptance criteria to review on success', () => {
		expect(
			judgeIteration(inFlight(A, ['tests pass']).job(A), single, {end: exited(0), progressed: true}),
		).toEqual({
			kind: 'finish',
			to: 'review',
		});
	});

	it('blocks a job that hit a usage limit until the reset time, whatever the exit', () => {
		const usageLimit = {resetAt: '2026-11-26T15:00:00.000Z', message: 'limit reached'};

		expect(
			judgeIteration(job, looped, {end: exited(null, 'usage limit'), progressed: true, usageLimit}),
		).toEqual({
			kind: 'finish',
			to: 'blocked',
			reason: 'usage limit: limit reached',
			until: '2026-11-26T15:00:00.000Z',
		});
	});

	it('never restarts a job a person cancelled', () => {
		const cancelled = decided(inFlight(A), A, () => [{type: 'job.cancel_requested', data: {}}]).job(A);

		expect(judgeIteration(cancelled, looped, {end: exited(null), progressed: true})).toEqual({
			kind: 'finish',
			to: 'blocked',
			reason: 'cancelled',
		});
	});
});

describe('judgeIteration with a loop (Ralph)', () => {
	it('finishes on an acceptable DONE, to review when the job has criteria', () => {
		const done = {exists: true, ok: true};

		expect(judgeIteration(afterRestarts(1), looped, {end: exited(0), done, progressed: true})).toEqual({
			kind: 'finish',
			to: 'done',
		});
		expect(
			judgeIteration(afterRestarts(1, 0, ['x']), looped, {end: exited(0), done, progressed: true}),
		).toMatchObject({
			to: 'review',
		});
	});

	it('restarts without a DONE file, with exponential backoff capped at backoffMaxMs', () => {
		const facts = {end: exited(0), done: {exists: false, ok: false}, progressed: true};

		expect([0, 1, 2].map((n) => judgeIteration(afterRestarts(n), looped, facts))).toEqual([
			{kind: 'restart', reason: 'no DONE file (exit code 0)', stalled: false, delayMs: 1000},
			{kind: 'restart', reason: 'no DONE file (exit code 0)', stalled: false, delayMs: 2000},
			{kind: 'restart', reason: 'no DONE file (exit code 0)', stalled: false, delayMs: 4000},
		]);
	});

	it('says why a DONE file was rejected', () => {
		const done = {exists: true, ok: false, problem: 'DONE lacks a summary'};

		expect(judgeIteration(afterRestarts(0), looped, {end: exited(0), done, progressed: true})).toMatchObject({
			kind: 'restart',
			reason: 'DONE rejected: DONE lacks a summary',
		});
	});

	it('blocks after maxRestarts restarts', () => {
		const facts = {end: exited(1), done: {exists: false, ok: false}, progressed: true};

		expect(judgeIteration(afterRestarts(3), looped, facts)).toEqual({
			kind: 'finish',
			to: 'blocked',
			reason: 'no acceptable DONE after 4 runs (no DONE file (exit code 1))',
		});
	});

	it('counts stalls in a row and blocks as stalled at maxStalls', () => {
		const facts = {end: exited(0), done: {exists: false, ok: false}, progressed: false};

		expect(judgeIteration(afterRestarts(1, 0), looped, facts)).toMatchObject({
			kind: 'restart',
			stalled: true,
		});
		expect(judgeIteration(afterRestarts(2, 1), looped, facts)).toMatchObject({
			kind: 'finish',
			to: 'blocked',
			reason: expect.stringMatching(/^stalled: 2 runs in a row changed nothing/) as unknown,
		});
	});

	it('forgives a stall followed by progress', () => {
		const job = afterRestarts(2, 0);
		expect(job.stalls).toBe(0);
		expect(afterRestarts(2, 1).stalls).toBe(1);
	});

	it('restarts a timed-out iteration with the timeout as its reason', () => {
		expect(
			judgeIteration(afterRestarts(0), looped, {
				end: exited(null, 'timed_out'),
				done: {exists: false, ok: false},
				progressed: true,
			}),
		).toMatchObject({kind: 'restart', reason: 'timed_out'});
	});
});

describe('backoffDelay', () => {
	it('doubles from backoffMs and caps at backoffMaxMs', () => {
		expect([1, 2, 3, 4, 5, 40].map((n) => backoffDelay({backoffMs: 500, backoffMaxMs: 3000}, n))).toEqual([
			500, 1000, 2000, 3000, 3000, 3000,
		]);
	});
});

describe('decideRestart', () => {
	it('records the restart and claims the next run; the job stays in flight and counts it', () => {
		const history = decided(inFlight(A), A, (_board, job) =>
			decideExit(job, {run: 1, code: 0, signal: null}, 'stay'),
		);
		const after = decided(history, A, (_board, job) =>
			decideRestart(job, 1, 'engine-1', 'no DONE file', true),
		).job(A);

		expect(after).toMatchObject({status: 'in_flight', restarts: 1, stalls: 1});
		expect(after.runs.map((run) => [run.n, run.state, run.restartReason])).toEqual([
			[1, 'exited', 'no DONE file'],
			[2, 'running', undefined],
		]);
	});

	it('refuses while the run is still going, and after a cancel', () => {
		expect(() => decideRestart(inFlight(A).job(A), 1, 'e', 'x', false)).toThrow(/not the last finished run/);
		const cancelled = decided(inFlight(A), A, () => [{type: 'job.cancel_requested', data: {}}]);
		const ended = decided(cancelled, A, (_board, job) =>
			decideExit(job, {run: 1, code: null, signal: 'SIGTERM'}, 'stay'),
		);
		expect(() => decideRestart(ended.job(A), 1, 'e', 'x', false)).toThrow(/no longer in flight/);
	});

	it('resets the loop counters when the job is claimed again from another column', () => {
		const history = decided(inFlight(A), A, (_board, job) =>
			decideExit(job, {run: 1, code: 0, signal: null}, 'stay'),
		);
		const restarted = decided(history, A, (_board, job) => decideRestart(job, 1, 'e', 'x', true));
		const blocked = decided(restarted, A, (_board, job) =>
			decideExit(job, {run: 2, code: 1, signal: null}, {to: 'blocked', reason: 'stalled'}),
		);
		expect(blocked.job(A)).toMatchObject({status: 'blocked', restarts: 1, stalls: 1});
		const again = blocked
			.add(A, {type: 'job.status_changed', data: {from: 'blocked', to: 'ready'}})
			.add(A, {type: 'job.claimed', data: {run: 3, by: 'e', agent: 'shell'}})
			.add(A, {type: 'job.status_changed', data: {from: 'ready', to: 'in_flight'}});

		expect(again.job(A)).toMatchObject({status: 'in_flight', restarts: 0, stalls: 0});
	});
});
