import {describe, expect, it} from 'vitest';
import {decideCancel, decideDispatch, decideExit, decideInterrupt, draft} from '../../source/core/index.js';
import {created, given, History, inFlight as inFlightJob, jobId, readyIds} from './given.js';

const [A, B] = [jobId(1), jobId(2)] as const;

const inFlight = () => inFlightJob(A);

describe('decideInterrupt', () => {
	it('marks the running run interrupted and puts the job back in ready, for the planner', () => {
		given(inFlight())
			.when(A, (_board, job) => decideInterrupt(job, 'engine gone'))
			.then([
				draft('run.interrupted', {run: 1, reason: 'engine gone'}),
				draft('job.status_changed', {from: 'in_flight', to: 'ready', reason: 'engine gone'}),
			])
			.thenJob((job) => {
				expect(job.status).toBe('ready');
				expect(job.runs[0]).toMatchObject({state: 'interrupted', reason: 'engine gone'});
			})
			.thenBoard((board) => expect(readyIds(board)).toEqual([A]));
	});

	it('blocks the job as cancelled when a cancel was requested', () => {
		given(inFlight().add(A, draft('job.cancel_requested', {reason: 'cancelled'})))
			.when(A, (_board, job) => decideInterrupt(job, 'engine gone'))
			.then([
				draft('run.interrupted', {run: 1, reason: 'engine gone'}),
				draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'cancelled'}),
			])
			.thenJob((job) =>
				expect(job).toMatchObject({status: 'blocked', reason: 'cancelled', cancelRequested: false}),
			)
			.thenBoard((board) => expect(readyIds(board)).toEqual([]));
	});

	it('only interrupts the run when the job is not in flight', () => {
		given(new History().add(A, created(), draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'})))
			.when(A, (_board, job) => decideInterrupt(job, 'engine gone'))
			.then([draft('run.interrupted', {run: 1, reason: 'engine gone'})]);
	});

	it('gives nothing for a job with no run going on', () => {
		given(inFlight().add(A, ...decideExit(inFlight().job(A), {run: 1, code: 0, signal: null})))
			.when(A, (_board, job) => decideInterrupt(job, 'engine gone'))
			.then([]);
	});
});

describe('decideCancel', () => {
	it('asks the engine to stop a running job', () => {
		given(inFlight())
			.when(A, (_board, job) => decideCancel(job))
			.then([draft('job.cancel_requested', {reason: 'cancelled'})])
			.thenJob((job) => expect(job).toMatchObject({status: 'in_flight', cancelRequested: true}));
	});

	it('passes a reason on', () => {
		given(inFlight())
			.when(A, (_board, job) => decideCancel(job, 'wrong branch'))
			.then([draft('job.cancel_requested', {reason: 'wrong branch'})]);
	});

	it('refuses a second cancel while the first is pending', () => {
		given(inFlight().add(A, draft('job.cancel_requested', {reason: 'cancelled'})))
			.when(A, (_board, job) => decideCancel(job))
			.thenThrows('conflict', 'already being cancelled');
	});

	it.each(['inbox', 'planning', 'ready', 'review'] as const)('blocks a %s job at once', (status) => {
		given(new History().add(A, created({status})))
			.when(A, (_board, job) => decideCancel(job))
			.then([draft('job.status_changed', {from: status, to: 'blocked', reason: 'cancelled'})])
			.thenJob((job) => expect(job).toMatchObject({status: 'blocked', reason: 'cancelled'}));
	});

	it.each(['done', 'blocked'] as const)('refuses a %s job', (status) => {
		given(new History().add(A, created({status})))
			.when(A, (_board, job) => decideCancel(job))
			.thenThrows('conflict', `is not running (it is ${status})`);
	});

	it('withdraws a start-now request that was not honoured yet', () => {
		// dispatch, then cancel before an engine claims it: the engine must not start it anyway.
		given(new History().add(A, created({status: 'inbox'}), draft('job.dispatch_requested', {})))
			.when(A, (_board, job) => decideCancel(job))
			.thenJob((job) => expect(job).toMatchObject({status: 'blocked', dispatchRequested: false}))
			.thenBoard((board) => expect(readyIds(board)).toEqual([]));
	});
});

describe('decideDispatch', () => {
	it('asks for a start now', () => {
		given(new History().add(A, created({status: 'inbox'})))
			.when(A, decideDispatch)
			.then([draft('job.dispatch_requested', {})])
			.thenBoard((board) => expect(readyIds(board)).toEqual([A]));
	});

	it('gives nothing when a start-now request is already pending', () => {
		given(new History().add(A, created(), draft('job.dispatch_requested', {})))
			.when(A, decideDispatch)
			.then([]);
	});

	it('refuses a job in flight', () => {
		given(inFlight()).when(A, decideDispatch).thenThrows('conflict', 'already in flight');
	});

	it('refuses a job whose dependencies are not done, naming them', () => {
		given(new History().add(B, created({status: 'inbox'})).add(A, created({blockedBy: [B]})))
			.when(A, decideDispatch)
			.thenThrows('conflict', `waits for ${B}`);
	});
});
