import {describe, expect, it} from 'vitest';
import {draft, evolve, type Job} from '../../source/core/index.js';
import {
	created,
	eventId,
	History,
	inFlight,
	jobId,
	time,
	unknownEvent,
	whenEvolved as evolved,
} from './given.js';

const A = jobId(1);
const B = jobId(2);

/** Given `history`, when job A evolves by `next`. */
const whenEvolved = (history: History, next: Parameters<typeof evolved>[1]) => evolved(history, next, A);
const claimed = () => inFlight(A);

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
			input: [],
			restarts: 0,
			stalls: 0,
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

		expect(after).toMatchObject({
			createdAt: time(1),
			updatedAt: time(2),
			lastEventId: eventId(2),
			eventCount: 2,
		});
	});

	it('job.updated: changes the given fields and keeps the others', () => {
		const {before, after} = whenEvolved(
			new History().add(A, created({title: 'old', description: 'keep me', priority: 'low'})),
			draft('job.updated', {
				title: 'new',
				priority: 'high',
				acceptance: ['works'],
				artifacts: ['artifacts/a.txt'],
				blockedBy: [B],
			}),
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

	it('job.updated: a field given as undefined (an option left out by the caller) is kept', () => {
		const {after} = whenEvolved(
			new History().add(A, created({title: 'keep', prompt: 'old'})),
			draft('job.updated', {title: undefined, prompt: 'new'}),
		);

		expect(after).toMatchObject({title: 'keep', prompt: 'new'});
	});

	describe('job.status_changed', () => {
		it('sets the status and the reason', () => {
			const {after} = whenEvolved(
				new History().add(A, created()),
				draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'needs a key'}),
			);

			expect(after).toMatchObject({status: 'blocked', reason: 'needs a key'});
		});

		it('clears an old reason when the new change gives none', () => {
			const history = new History().add(
				A,
				created(),
				draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'needs a key'}),
			);
			const {after} = whenEvolved(history, draft('job.status_changed', {from: 'blocked', to: 'ready'}));

			expect(after?.status).toBe('ready');
			expect(after?.reason).toBeUndefined();
		});

		it('to in_flight clears a start-now request and keeps a cancel request', () => {
			const history = new History().add(
				A,
				created(),
				draft('job.dispatch_requested', {}),
				draft('job.cancel_requested', {}),
			);
			const {after} = whenEvolved(history, draft('job.status_changed', {from: 'ready', to: 'in_flight'}));

			expect(after).toMatchObject({status: 'in_flight', dispatchRequested: false, cancelRequested: true});
		});

		it('to anything else clears a cancel request and keeps a start-now request', () => {
			const history = new History().add(
				A,
				created(),
				draft('job.dispatch_requested', {}),
				draft('job.cancel_requested', {}),
			);
			const {after} = whenEvolved(history, draft('job.status_changed', {from: 'ready', to: 'review'}));

			expect(after).toMatchObject({status: 'review', dispatchRequested: true, cancelRequested: false});
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

	it.each([draft('chunk.completed', {n: 1, chars: 100, tokens: 20})])(
		'$type: changes nothing but the bookkeeping',
		(next) => {
			const {before, after} = whenEvolved(claimed(), next);

			expect(after).toEqual({...before, updatedAt: time(4), lastEventId: eventId(4), eventCount: 4});
		},
	);

	it('an unknown event bumps only eventCount and lastEventId', () => {
		const before = new History().add(A, created()).job(A);

		expect(evolve(before, unknownEvent(2, A))).toEqual({...before, lastEventId: eventId(2), eventCount: 2});
	});

	it('ignores events before job.created', () => {
		const [changed] = new History().stamp(A, [draft('job.status_changed', {from: 'ready', to: 'done'})]);

		expect(evolve(undefined, changed!)).toBeUndefined();
		expect(evolve(undefined, unknownEvent(1, A))).toBeUndefined();
	});

	it('ignores a second job.created', () => {
		const history = new History().add(A, created({title: 'first'}));
		const {before, after} = whenEvolved(history, created({title: 'second', status: 'done'}));

		expect(after).toBe(before);
	});
});
