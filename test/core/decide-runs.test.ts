import {describe, expect, it} from 'vitest';
import {
	activeRun,
	decideClaim,
	decideExit,
	draft,
	statusAfterExit,
	type Board,
	type Job,
} from '../../source/core/index.js';
import {created, decided, given, History, inFlight as inFlightJob, jobId} from './given.js';

const [A, B, C, D] = [jobId(1), jobId(2), jobId(3), jobId(4)] as const;

const claim = (board: Board, job: Job) => decideClaim(board, job, 'engine-1', 'shell');
const inFlight = (acceptance: string[] = []) => inFlightJob(A, acceptance);

describe('decideClaim', () => {
	it('claims a ready job for run 1 and puts it in flight', () => {
		given(new History().add(A, created()))
			.when(A, claim)
			.then([
				draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'}),
				draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
			])
			.thenJob((job) => {
				expect(job.status).toBe('in_flight');
				expect(activeRun(job)).toMatchObject({n: 1, engine: 'engine-1', agent: 'shell', state: 'running'});
			});
	});

	it('numbers runs 1, 2, 3 across retries', () => {
		const history = new History().add(A, created());
		for (const n of [1, 2, 3]) {
			decided(history, A, claim);
			expect(history.job(A).runs.map((run) => run.n)).toEqual(Array.from({length: n}, (_, i) => i + 1));
			decided(history, A, (_board, job) => decideExit(job, {run: n, code: 1, signal: null}));
			expect(history.job(A).status).toBe('blocked');
		}

		given(history)
			.when(A, claim)
			.then([
				draft('job.claimed', {run: 4, by: 'engine-1', agent: 'shell'}),
				draft('job.status_changed', {from: 'blocked', to: 'in_flight'}),
			]);
	});

	it('refuses a job already in flight', () => {
		given(inFlight()).when(A, claim).thenThrows('conflict', `job ${A} is already in flight`);
	});

	it('refuses a job with a run going on even when its column says otherwise', () => {
		given(new History().add(A, created(), draft('job.claimed', {run: 1, by: 'engine-2', agent: 'shell'})))
			.when(A, claim)
			.thenThrows('conflict', 'already in flight');
	});

	it('refuses a job whose dependencies are not done, naming only those', () => {
		const history = new History()
			.add(A, created({status: 'done'}))
			.add(B, created({status: 'review'}))
			.add(C, created({status: 'inbox'}))
			.add(D, created({blockedBy: [A, B, C]}));

		given(history)
			.when(D, claim)
			.thenThrows('conflict', new RegExp(`^job ${D} waits for ${B}, ${C}$`));
	});
});

describe('statusAfterExit', () => {
	const plain = new History().add(A, created()).job(A);
	const checked = new History().add(A, created({acceptance: ['a person reads it']})).job(A);

	it.each([
		['exit 0', plain, 0, null, false, {to: 'done'}],
		['exit 0 with acceptance criteria', checked, 0, null, false, {to: 'review'}],
		['exit 1', plain, 1, null, false, {to: 'blocked', reason: 'exit code 1'}],
		[
			'exit 137 with acceptance criteria',
			checked,
			137,
			null,
			false,
			{to: 'blocked', reason: 'exit code 137'},
		],
		['SIGTERM', plain, null, 'SIGTERM', false, {to: 'blocked', reason: 'killed by SIGTERM'}],
		['signal 9', plain, null, 9, false, {to: 'blocked', reason: 'killed by 9'}],
		['exit 0 after a cancel', plain, 0, null, true, {to: 'blocked', reason: 'cancelled'}],
		['SIGTERM after a cancel', checked, null, 'SIGTERM', true, {to: 'blocked', reason: 'cancelled'}],
	] as const)('%s', (_name, job, code, signal, cancelled, expected) => {
		expect(statusAfterExit(job, code, signal, cancelled)).toEqual(expected);
	});
});

describe('decideExit', () => {
	it('exit 0: the run ends and the job is done', () => {
		given(inFlight())
			.when(A, (_board, job) => decideExit(job, {run: 1, code: 0, signal: null}))
			.then([
				draft('run.exited', {run: 1, code: 0, signal: null}),
				draft('job.status_changed', {from: 'in_flight', to: 'done', reason: undefined}),
			])
			.thenJob((job) => {
				expect(job.status).toBe('done');
				expect(activeRun(job)).toBeUndefined();
				expect(job.runs[0]).toMatchObject({state: 'exited', exitCode: 0, signal: null});
			});
	});

	it('exit 0 with acceptance criteria: the job goes to review', () => {
		given(inFlight(['tests pass']))
			.when(A, (_board, job) => decideExit(job, {run: 1, code: 0, signal: null}))
			.then([
				draft('run.exited', {run: 1, code: 0, signal: null}),
				draft('job.status_changed', {from: 'in_flight', to: 'review', reason: undefined}),
			]);
	});

	it('a non-zero exit blocks the job with the code', () => {
		given(inFlight())
			.when(A, (_board, job) => decideExit(job, {run: 1, code: 2, signal: null}))
			.then([
				draft('run.exited', {run: 1, code: 2, signal: null}),
				draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'exit code 2'}),
			])
			.thenJob((job) => expect(job).toMatchObject({status: 'blocked', reason: 'exit code 2'}));
	});

	it('a signal blocks the job with the signal', () => {
		given(inFlight())
			.when(A, (_board, job) => decideExit(job, {run: 1, code: null, signal: 'SIGTERM'}))
			.then([
				draft('run.exited', {run: 1, code: null, signal: 'SIGTERM'}),
				draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'killed by SIGTERM'}),
			]);
	});

	it('after a cancel request the job is blocked as cancelled, and the request is spent', () => {
		given(inFlight().add(A, draft('job.cancel_requested', {reason: 'cancelled'})))
			.when(A, (_board, job) => decideExit(job, {run: 1, code: null, signal: 'SIGTERM'}))
			.then([
				draft('run.exited', {run: 1, code: null, signal: 'SIGTERM'}),
				draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'cancelled'}),
			])
			.thenJob((job) =>
				expect(job).toMatchObject({status: 'blocked', reason: 'cancelled', cancelRequested: false}),
			);
	});

	it('a job no longer in flight only records the exit', () => {
		const history = inFlight().add(
			A,
			draft('run.interrupted', {run: 1, reason: 'engine gone'}),
			draft('job.status_changed', {from: 'in_flight', to: 'ready', reason: 'engine gone'}),
		);

		given(history)
			.when(A, (_board, job) => decideExit(job, {run: 1, code: 0, signal: null}))
			.then([draft('run.exited', {run: 1, code: 0, signal: null})])
			.thenJob((job) => expect(job.status).toBe('ready'));
	});

	it('the late exit of an earlier run does not move a job whose next run is going on', () => {
		// Run 1 was taken for dead and re-queued; run 2 now runs. When run 1's process finally exits,
		// its engine reports it: the job must stay in flight for run 2.
		const history = inFlight()
			.add(
				A,
				draft('run.interrupted', {run: 1, reason: 'engine gone'}),
				draft('job.status_changed', {from: 'in_flight', to: 'ready', reason: 'engine gone'}),
			)
			.add(
				A,
				draft('job.claimed', {run: 2, by: 'engine-2', agent: 'shell'}),
				draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
			);

		given(history)
			.when(A, (_board, job) => decideExit(job, {run: 1, code: 0, signal: null}))
			.then([draft('run.exited', {run: 1, code: 0, signal: null})])
			.thenJob((job) => {
				expect(job.status).toBe('in_flight');
				expect(activeRun(job)?.n).toBe(2);
			});
	});
});
