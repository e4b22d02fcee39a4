import {describe, expect, it} from 'vitest';
import {
	applyEvent,
	boardFromJobs,
	draft,
	emptyBoard,
	evolve,
	foldEvents,
	type Board,
	type Job,
	type JobEvent,
	type KnownEvent,
} from '../../source/core/index.js';
import {created, dependencyHistory, eventId, foldOneByOne, History, jobId, jobOn, time} from './given.js';

const [A, B, C, D] = [jobId(1), jobId(2), jobId(3), jobId(4)] as const;

/** Each job's `blocks` holds exactly the jobs naming it in their `blockedBy` (in any order). */
function expectBlocksMirrorBlockedBy(board: Board): void {
	const jobs = [...board.jobs.values()];
	for (const job of jobs) {
		const dependents = jobs.filter((other) => other.blockedBy.includes(job.id)).map((other) => other.id);
		expect([...job.blocks].sort(), `blocks of ${job.id}`).toEqual(dependents.sort());
	}
}

/** `blocks` of `id` on `board`, sorted (its order is not part of the contract). */
const blocksOf = (board: Board, id: string) => [...jobOn(board, id).blocks].sort();

/** Jobs keyed by id with `blocks` sorted, for comparing boards folded in different orders. */
const normalised = (board: Board) =>
	new Map([...board.jobs].map(([id, job]): [string, Job] => [id, {...job, blocks: [...job.blocks].sort()}]));

/** The events of each job, in log order: what the store reads one `events.jsonl` at a time. */
function logs(events: readonly KnownEvent[]): Map<string, KnownEvent[]> {
	const byJob = new Map<string, KnownEvent[]>();
	for (const event of events) {
		byJob.set(event.jobId, [...(byJob.get(event.jobId) ?? []), event]);
	}

	return byJob;
}

function permutations<T>(items: readonly T[]): T[][] {
	if (items.length <= 1) {
		return [[...items]];
	}

	return items.flatMap((item, index) =>
		permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
	);
}

describe('foldEvents', () => {
	const board = new History().add(A, created()).board;

	it('returns the same board object when nothing changed', () => {
		const [secondCreate] = new History().add(A, created()).stamp(A, [created({title: 'again'})]);
		const [forMissing] = new History()
			.add(A, created())
			.stamp(B, [draft('job.status_changed', {from: 'ready', to: 'done'})]);
		const unknownForMissing: JobEvent = {
			id: eventId(9),
			v: 2,
			type: 'job.future',
			jobId: B,
			at: time(9),
			by: 'x',
			data: {},
			unknown: true,
		};

		expect(foldEvents(board, [])).toBe(board);
		expect(foldEvents(board, [secondCreate!])).toBe(board);
		expect(foldEvents(board, [forMissing!, unknownForMissing])).toBe(board);
		expect(applyEvent(board, secondCreate!)).toBe(board);
	});

	it('returns a new board when something changed, leaving the old one as it was', () => {
		const before = jobOn(board, A);
		const [event] = new History()
			.add(A, created())
			.stamp(A, [draft('job.status_changed', {from: 'ready', to: 'review'})]);
		const next = applyEvent(board, event!);

		expect(next).not.toBe(board);
		expect(jobOn(next, A).status).toBe('review');
		expect(jobOn(board, A)).toBe(before);
		expect(before.status).toBe('ready');
	});

	it('ignores events of a job before its job.created', () => {
		const history = new History()
			.add(
				A,
				draft('job.status_changed', {from: 'ready', to: 'done'}),
				draft('job.message', {from: 'x', text: 'early'}),
			)
			.add(A, created());

		expect(jobOn(history.board, A)).toMatchObject({
			status: 'ready',
			messages: [],
			eventCount: 1,
			lastEventId: eventId(3),
		});
	});
});

describe('blocks', () => {
	it('mirrors blockedBy when dependents are created after the job they wait for', () => {
		const board = new History()
			.add(A, created())
			.add(B, created({blockedBy: [A]}))
			.add(C, created({blockedBy: [A, B]})).board;

		expect(jobOn(board, A).blocks).toEqual([B, C]);
		expect(jobOn(board, B).blocks).toEqual([C]);
		expect(jobOn(board, C).blocks).toEqual([]);
	});

	it('mirrors blockedBy when dependents are created before the job they wait for', () => {
		const history = new History()
			.add(C, created({blockedBy: [A, B]}))
			.add(B, created({blockedBy: [A]}))
			.add(A, created());

		for (const board of [history.board, foldOneByOne(history.events)]) {
			expect(blocksOf(board, A)).toEqual([B, C]);
			expect(blocksOf(board, B)).toEqual([C]);
			expectBlocksMirrorBlockedBy(board);
		}
	});

	it('follows a change of dependencies', () => {
		const history = new History()
			.add(A, created())
			.add(C, created())
			.add(B, created({blockedBy: [A]}));
		expect(blocksOf(history.board, A)).toEqual([B]);

		history.add(B, draft('job.updated', {blockedBy: [C, A]}));
		expect(blocksOf(history.board, A)).toEqual([B]);
		expect(blocksOf(history.board, C)).toEqual([B]);

		history.add(B, draft('job.updated', {blockedBy: [C]}));
		expect(blocksOf(history.board, A)).toEqual([]);
		expect(blocksOf(history.board, C)).toEqual([B]);

		history.add(B, draft('job.updated', {blockedBy: []}));
		expect(blocksOf(history.board, C)).toEqual([]);
	});

	it('does not change with an update that leaves the dependencies alone', () => {
		const history = new History()
			.add(A, created())
			.add(B, created({blockedBy: [A]}))
			.add(B, draft('job.updated', {title: 'renamed'}));

		expect(jobOn(history.board, A).blocks).toEqual([B]);
	});

	it('ignores a dependency on a job that never appears', () => {
		const board = new History().add(B, created({blockedBy: [A, jobId(99)]})).add(A, created()).board;

		expect(jobOn(board, A).blocks).toEqual([B]);
		expect(board.jobs.has(jobId(99))).toBe(false);
	});

	it('comes out the same whichever order the job logs are read in', () => {
		const history = dependencyHistory();
		const chronological = history.board;
		expectBlocksMirrorBlockedBy(chronological);
		expect(blocksOf(chronological, A)).toEqual([C]);
		expect(blocksOf(chronological, C)).toEqual([B]);
		expect(blocksOf(chronological, B)).toEqual([D]);

		const perJob = logs(history.events);
		for (const order of permutations([A, B, C, D])) {
			const board = foldEvents(
				emptyBoard,
				order.flatMap((id) => perJob.get(id) ?? []),
			);

			expectBlocksMirrorBlockedBy(board);
			expect(normalised(board), order.join(' ')).toEqual(normalised(chronological));
		}
	});
});

describe('boardFromJobs', () => {
	it('derives the same blocks as folding, from jobs folded one log at a time', () => {
		const history = dependencyHistory();
		const jobs = [...logs(history.events).values()].map((events) => {
			const job = events.reduce<Job | undefined>((state, event) => evolve(state, event), undefined);
			expect(job?.blocks).toEqual([]);
			return job!;
		});

		expect(normalised(boardFromJobs(jobs))).toEqual(normalised(history.board));
		expect(normalised(boardFromJobs([...jobs].reverse()))).toEqual(normalised(history.board));
	});

	it('replaces stale blocks read from snapshots', () => {
		const board = dependencyHistory().board;
		const stale = [...board.jobs.values()].map((job) => ({...job, blocks: [jobId(42), ...job.blocks]}));

		const rebuilt = boardFromJobs(stale);

		expectBlocksMirrorBlockedBy(rebuilt);
		expect(normalised(rebuilt)).toEqual(normalised(board));
	});
});
