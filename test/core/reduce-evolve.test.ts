import {describe, expect, it} from 'vitest';
import {draft, evolve, type Draft, type Job, type JobEvent, type KnownEvent} from '../../source/core/index.js';
import {created, eventId, History, jobId, time} from './given.js';

const A = jobId(1);
const B = jobId(2);

/** Given `history`, when job `id` evolves by `next`: the job before, the event and the job after. */
function whenEvolved(history: History, next: Draft, id = A): {before: Job; event: KnownEvent; after: Job | undefined} {
	const before = history.job(id);
	const [event] = history.stamp(id, [next]);
	if (!event) {
		throw new Error('test setup: nothing stamped');
	}

	return {before, event, after: evolve(before, event)};
}

/** An event of a type this version does not know, as `checkEvent` returns it. */
function unknownEvent(n: number, id = A): JobEvent {
	return {id: eventId(n), v: 2, type: 'job.teleported', jobId: id, at: time(n), by: 'future', data: {to: 'mars'}, unknown: true};
}

/** A job that is in flight with run 1 claimed. */
const claimed = () =>
	new History()
		.add(A, created())
		.add(A, draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'}), draft('job.status_changed', {from: 'ready', to: 'in_flight'}));

describe('evolve', () => {
	it('job.created: builds the whole job from the event', () => {
		const [event] = new History().stamp(A, [
			created({
				title: 'Ship it',
				description: 'the whole thing',
				kind: 'author',
				status: 'inbox',
				priority: 'urgent',
				complexity: 'l',
				agent: 'claude',
				prompt: 'go',
				blockedBy: [B],
				acceptance: ['tests pass'],
			}),
		]);

		expect(evolve(undefined, event!)).toEqual({
			id: A,
			title: 'Ship it',
			description: 'the whole thing',
			kind: 'author',
			status: 'inbox',
			priority: 'urgent',
			complexity: 'l',
			agent: 'claude',
			command: 'true',
			prompt: 'go',
			blockedBy: [B],
			blocks: [],
			acceptance: ['tests pass'],
			artifacts: [],
			runs: [],
			messages: [],
			cost: {tokens: 0, usd: 0},
			cancelRequested: false,
			dispatchRequested: false,
			createdAt: time(1),
			updatedAt: time(1),
			lastEventId: eventId(1),
			eventCount: 1,
		} satisfies Job);
	});

	it('every event after job.created bumps updatedAt, lastEventId and eventCount, never createdAt', () => {
		const {after} = whenEvolved(new History().add(A, created()), draft('job.dispatch_requested', {}));

		expect(after).toMatchObject({createdAt: time(1), updatedAt: time(2), lastEventId: eventId(2), eventCount: 2});
	});

	it('job.updated: changes the given fields and keeps the others', () => {
		const {before, after} = whenEvolved(
			new History().add(A, created({title: 'old', description: 'keep me', priority: 'low'})),
			draft('job.updated', {title: 'new', priority: 'high', acceptance: ['works'], artifacts: ['artifacts/a.txt'], blockedBy: [B]}),
		);

		expect(after).toEqual({
			...before,
			title: 'new',
			priority: 'high',
			acceptance: ['works'],
			artifacts: ['artifacts/a.txt'],
			blockedBy: [B],
			updatedAt: time(2),
			lastEventId: eventId(2),
			eventCount: 2,
		});
		expect(after?.description).toBe('keep me');
	});

	describe('job.status_changed', () => {
		it('sets the status and the reason', () => {
			const {after} = whenEvolved(new History().add(A, created()), draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'needs a key'}));

			expect(after).toMatchObject({status: 'blocked', reason: 'needs a key'});
		});

		it('clears an old reason when the new change gives none', () => {
			const history = new History().add(A, created(), draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'needs a key'}));
			const {after} = whenEvolved(history, draft('job.status_changed', {from: 'blocked', to: 'ready'}));

			expect(after?.status).toBe('ready');
			expect(after?.reason).toBeUndefined();
		});

		it('to in_flight clears a start-now request and keeps a cancel request', () => {
			const history = new History().add(A, created(), draft('job.dispatch_requested', {}), draft('job.cancel_requested', {}));
			const {after} = whenEvolved(history, draft('job.status_changed', {from: 'ready', to: 'in_flight'}));

			expect(after).toMatchObject({status: 'in_flight', dispatchRequested: false, cancelRequested: true});
		});

		it('to anything else clears a cancel request and keeps a start-now request', () => {
			const history = new History().add(A, created(), draft('job.dispatch_requested', {}), draft('job.cancel_requested', {}));
			const {after} = whenEvolved(history, draft('job.status_changed', {from: 'ready', to: 'review'}));

			expect(after).toMatchObject({status: 'review', dispatchRequested: true, cancelRequested: false});
		});
	});

	it('job.claimed: adds a running run, clears both requests, leaves the status to its own event', () => {
		const history = new History().add(A, created(), draft('job.dispatch_requested', {}), draft('job.cancel_requested', {}));
		const {after} = whenEvolved(history, draft('job.claimed', {run: 1, by: 'engine-1', agent: 'claude'}));

		expect(after?.runs).toEqual([{n: 1, engine: 'engine-1', agent: 'claude', command: [], claimedAt: time(4), bytes: 0, state: 'running'}]);
		expect(after).toMatchObject({status: 'ready', dispatchRequested: false, cancelRequested: false});
	});

	it('job.claimed that repeats a run number leaves the runs as they were (out of step, per reduce.ts)', () => {
		// A replayed or hand-copied claim line: without this guard there are two runs numbered 1, and
		// updateRun's findIndex sends every later `run 1` event to the old, finished one.
		const history = claimed().add(A, draft('run.exited', {run: 1, code: 1, signal: null}));
		const {before, after} = whenEvolved(history, draft('job.claimed', {run: 1, by: 'engine-2', agent: 'shell'}));

		expect(after?.runs).toEqual(before.runs);
	});

	it('run.started: sets pid, command and startedAt on that run', () => {
		const {after} = whenEvolved(claimed(), draft('run.started', {run: 1, pid: 4242, agent: 'shell', command: ['bash', '-lc', 'make']}));

		expect(after?.runs).toEqual([expect.objectContaining({n: 1, pid: 4242, command: ['bash', '-lc', 'make'], startedAt: time(4), state: 'running'})]);
	});

	it('a run event for a run that does not exist changes no run', () => {
		const {before, after} = whenEvolved(claimed(), draft('run.started', {run: 7, pid: 4242, agent: 'shell', command: ['x']}));

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

	it('job.cancel_requested and job.dispatch_requested set their flags', () => {
		const cancel = whenEvolved(claimed(), draft('job.cancel_requested', {reason: 'stop'}));
		const dispatch = whenEvolved(new History().add(A, created()), draft('job.dispatch_requested', {}));

		expect(cancel.before.cancelRequested).toBe(false);
		expect(cancel.after?.cancelRequested).toBe(true);
		expect(dispatch.before.dispatchRequested).toBe(false);
		expect(dispatch.after?.dispatchRequested).toBe(true);
	});

	it('job.message: appends the message, in order, under the event id and time', () => {
		const history = new History().add(A, created(), draft('job.message', {from: 'alice', text: 'first'}));
		const {after} = whenEvolved(history, draft('job.message', {from: 'agent', text: 'second'}));

		expect(after?.messages).toEqual([
			{id: eventId(2), at: time(2), from: 'alice', text: 'first'},
			{id: eventId(3), at: time(3), from: 'agent', text: 'second'},
		]);
	});

	it('job.cost: sums tokens and dollars', () => {
		const history = new History().add(A, created(), draft('job.cost', {tokens: 1000, usd: 0.5}));
		const {after} = whenEvolved(history, draft('job.cost', {tokens: 250, usd: 0.25}));

		expect(after?.cost).toEqual({tokens: 1250, usd: 0.75});
	});

	it.each([
		draft('run.restarted', {run: 1, reason: 'no DONE file'}),
		draft('chunk.completed', {n: 1, chars: 100, tokens: 20}),
	])('$type: changes nothing but the bookkeeping', (next) => {
		const {before, after} = whenEvolved(claimed(), next);

		expect(after).toEqual({...before, updatedAt: time(4), lastEventId: eventId(4), eventCount: 4});
	});

	it('an unknown event bumps only eventCount and lastEventId', () => {
		const before = new History().add(A, created()).job(A);

		expect(evolve(before, unknownEvent(2))).toEqual({...before, lastEventId: eventId(2), eventCount: 2});
	});

	it('ignores events before job.created', () => {
		const [changed] = new History().stamp(A, [draft('job.status_changed', {from: 'ready', to: 'done'})]);

		expect(evolve(undefined, changed!)).toBeUndefined();
		expect(evolve(undefined, unknownEvent(1))).toBeUndefined();
	});

	it('ignores a second job.created', () => {
		const history = new History().add(A, created({title: 'first'}));
		const {before, after} = whenEvolved(history, created({title: 'second', status: 'done'}));

		expect(after).toBe(before);
	});
});
