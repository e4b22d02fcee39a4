import {describe, expect, it} from 'vitest';
import {draft} from '../../source/core/index.js';
import {created, History, inFlight, jobId, time, whenEvolved as evolved} from './given.js';

const A = jobId(1);

/** Given `history`, when job A evolves by `next`. */
const whenEvolved = (history: History, next: Parameters<typeof evolved>[1]) => evolved(history, next, A);
const claimed = () => inFlight(A);

describe('evolve: runs', () => {
	it('job.claimed: adds a running run, clears both requests, leaves the status to its own event', () => {
		const history = new History().add(
			A,
			created(),
			draft('job.dispatch_requested', {}),
			draft('job.cancel_requested', {}),
		);
		const {after} = whenEvolved(history, draft('job.claimed', {run: 1, by: 'engine-1', agent: 'claude'}));

		expect(after?.runs).toEqual([
			{
				n: 1,
				engine: 'engine-1',
				agent: 'claude',
				command: [],
				claimedAt: time(4),
				bytes: 0,
				state: 'running',
				activity: 'starting',
			},
		]);
		expect(after).toMatchObject({status: 'ready', dispatchRequested: false, cancelRequested: false});
	});

	it('job.claimed that repeats a run number leaves the runs as they were (out of step, per reduce.ts)', () => {
		// A replayed or hand-copied claim line: without this guard there are two runs numbered 1, and
		// updateRun's findIndex sends every later `run 1` event to the old, finished one.
		const history = claimed().add(A, draft('run.exited', {run: 1, code: 1, signal: null}));
		const {before, after} = whenEvolved(
			history,
			draft('job.claimed', {run: 1, by: 'engine-2', agent: 'shell'}),
		);

		expect(after?.runs).toEqual(before.runs);
	});

	it('run.started: sets pid, command and startedAt on that run', () => {
		const {after} = whenEvolved(
			claimed(),
			draft('run.started', {run: 1, pid: 4242, agent: 'shell', command: ['bash', '-lc', 'make']}),
		);

		expect(after?.runs).toEqual([
			expect.objectContaining({
				n: 1,
				pid: 4242,
				command: ['bash', '-lc', 'make'],
				startedAt: time(4),
				state: 'running',
			}),
		]);
	});

	it('a run event for a run that does not exist changes no run', () => {
		const {before, after} = whenEvolved(
			claimed(),
			draft('run.started', {run: 7, pid: 4242, agent: 'shell', command: ['x']}),
		);

		expect(after?.runs).toEqual(before.runs);
		expect(after?.eventCount).toBe(before.eventCount + 1);
	});

	it('run.output: records the bytes counted so far (a total, not a delta)', () => {
		const history = claimed().add(A, draft('run.output', {run: 1, bytes: 100}));
		const {after} = whenEvolved(history, draft('run.output', {run: 1, bytes: 250}));

		expect(after?.runs[0]?.bytes).toBe(250);
	});

	describe('run.exited', () => {
		it('sets the exit code, signal, end time and state', () => {
			const {after} = whenEvolved(claimed(), draft('run.exited', {run: 1, code: 3, signal: null}));

			expect(after?.runs[0]).toMatchObject({exitCode: 3, signal: null, endedAt: time(4), state: 'exited'});
			expect(after?.status).toBe('in_flight');
		});

		it('records a numeric signal as a string', () => {
			const {after} = whenEvolved(claimed(), draft('run.exited', {run: 1, code: null, signal: 9}));

			expect(after?.runs[0]).toMatchObject({exitCode: null, signal: '9', state: 'exited'});
		});

		it('touches only its own run', () => {
			const history = claimed().add(
				A,
				draft('run.exited', {run: 1, code: 1, signal: null}),
				draft('job.claimed', {run: 2, by: 'engine-1', agent: 'shell'}),
			);
			const {after} = whenEvolved(history, draft('run.exited', {run: 2, code: null, signal: 'SIGKILL'}));

			expect(after?.runs.map((run) => [run.n, run.exitCode, run.signal])).toEqual([
				[1, 1, null],
				[2, null, 'SIGKILL'],
			]);
		});
	});

	describe('run.interrupted', () => {
		it('ends a running run with its reason', () => {
			const {after} = whenEvolved(claimed(), draft('run.interrupted', {run: 1, reason: 'engine gone'}));

			expect(after?.runs[0]).toMatchObject({state: 'interrupted', reason: 'engine gone', endedAt: time(4)});
		});

		it('leaves a run that already exited as it was', () => {
			const history = claimed().add(A, draft('run.exited', {run: 1, code: 0, signal: null}));
			const {before, after} = whenEvolved(history, draft('run.interrupted', {run: 1, reason: 'engine gone'}));

			expect(after?.runs).toEqual(before.runs);
			expect(after?.runs[0]?.state).toBe('exited');
		});
	});
});
