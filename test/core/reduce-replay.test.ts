import {describe, expect, it} from 'vitest';
import {draft, emptyBoard, foldEvents, type JobEvent} from '../../source/core/index.js';
import {dependencyHistory, eventId, foldOneByOne, jobId, jobOn, time} from './given.js';

const [A, B, C, D] = [jobId(1), jobId(2), jobId(3), jobId(4)] as const;

describe('replay and live updates', () => {
	/** A busy board: dependencies, a run that fails, a retry, messages, costs, a cancel and an unknown event. */
	const busy = () => {
		const history = dependencyHistory()
			.add(
				C,
				draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'}),
				draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
			)
			.add(C, draft('run.started', {run: 1, pid: 100, agent: 'shell', command: ['bash', '-lc', 'make']}))
			.add(A, draft('job.cost', {tokens: 10, usd: 0.01}))
			.add(C, draft('run.output', {run: 1, bytes: 512}), draft('run.exited', {run: 1, code: 2, signal: null}))
			.add(C, draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'exit code 2'}))
			.add(C, draft('job.dispatch_requested', {}))
			.add(
				C,
				draft('job.claimed', {run: 2, by: 'engine-2', agent: 'shell'}),
				draft('job.status_changed', {from: 'blocked', to: 'in_flight'}),
			)
			.add(C, draft('job.cancel_requested', {reason: 'enough'}))
			.add(
				C,
				draft('run.interrupted', {run: 2, reason: 'engine gone'}),
				draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'cancelled'}),
			)
			.add(
				D,
				draft('job.message', {from: 'agent', text: 'waiting'}),
				draft('job.cost', {tokens: 5, usd: 0.02}),
			);
		const unknown: JobEvent = {
			id: eventId(99),
			v: 2,
			type: 'job.future',
			jobId: B,
			at: time(99),
			by: 'x',
			data: {},
			unknown: true,
		};
		return [...history.events, unknown];
	};

	it('folding all events at once equals folding them one by one', () => {
		const events = busy();
		const replayed = foldEvents(emptyBoard, events);
		const live = foldOneByOne(events);

		expect(live).toEqual(replayed);
		expect(jobOn(replayed, C)).toMatchObject({
			status: 'blocked',
			reason: 'cancelled',
			cancelRequested: false,
			dispatchRequested: false,
		});
		expect(jobOn(replayed, C).runs.map((run) => [run.n, run.state])).toEqual([
			[1, 'exited'],
			[2, 'interrupted'],
		]);
		expect(jobOn(replayed, B)).toMatchObject({eventCount: 3, lastEventId: eventId(99)});
	});

	it('folding in chunks onto an earlier board equals one replay', () => {
		const events = busy();
		const replayed = foldEvents(emptyBoard, events);
		const cut = [5, 11, 17];
		let board = emptyBoard;
		for (const [start, end] of [
			[0, cut[0]],
			[cut[0], cut[1]],
			[cut[1], cut[2]],
			[cut[2], events.length],
		] as const) {
			board = foldEvents(board, events.slice(start, end));
		}

		expect(board).toEqual(replayed);
	});
});
