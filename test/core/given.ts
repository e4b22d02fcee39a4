/**
 * Given / When / Then for the pure core: a history of events (drafts stamped the way the store stamps
 * them), a decision taken against the board they fold to, and the drafts, state or refusal it gives.
 */
import {expect} from 'vitest';
import {
	DomainError,
	draft,
	emptyBoard,
	foldEvents,
	makeEvent,
	evolve,
	nextReady,
	type Board,
	type CreateRequest,
	type DomainErrorCode,
	type Draft,
	type EventData,
	type EventType,
	type Job,
	type JobEvent,
	type KnownEvent,
} from '../../source/core/index.js';

const epoch = Date.UTC(2025, 0, 1, 9, 0, 0);

/** A ULID-shaped (26 characters) event id that sorts by `n`. */
export const eventId = (n: number): string => `01JEV${String(n).padStart(21, '0')}`;

/** A ULID-shaped job id that sorts by `n` (so a lower `n` is an older job). */
export const jobId = (n: number): string => `01JOB${String(n).padStart(21, '0')}`;

/** The fixed ISO time of the `n`th event: `n` seconds after 2025-01-01T09:00:00Z. */
export const time = (n: number): string => new Date(epoch + n * 1000).toISOString();

/** What `add` would ask for a plain job: a ready, medium, shell job with no dependencies. */
export function createRequest(overrides: Partial<CreateRequest> = {}): CreateRequest {
	return {
		title: 'a job',
		description: '',
		kind: 'agent',
		status: 'ready',
		priority: 'medium',
		agent: 'shell',
		command: 'true',
		blockedBy: [],
		acceptance: [],
		...overrides,
	};
}

/** A `job.created` draft with the defaults of {@link createRequest}. */
export function created(overrides: Partial<EventData<'job.created'>> = {}): Draft {
	return draft('job.created', createRequest(overrides));
}

/** The job `id` on `board`, failing the test when it is missing. */
export function jobOn(board: Board, id: string): Job {
	const job = board.jobs.get(id);
	if (!job) {
		throw new Error(`test setup: no job ${id} on the board`);
	}

	return job;
}

/** Events under construction: every draft gets the next id and the next second. */
export class History {
	readonly events: KnownEvent[] = [];

	/** Stamp `drafts` as the next events of job `id`, without recording them. */
	stamp(id: string, drafts: readonly Draft[], by = 'test'): KnownEvent[] {
		const first = this.events.length + 1;
		return drafts.map((d, index) =>
			makeEvent<EventType>(d.type, id, d.data as EventData<EventType>, {
				id: eventId(first + index),
				at: time(first + index),
				by,
			}),
		);
	}

	/** Record `drafts` as the next events of job `id`. */
	add(id: string, ...drafts: Draft[]): this {
		this.events.push(...this.stamp(id, drafts));
		return this;
	}

	/** All events folded from an empty board. */
	get board(): Board {
		return foldEvents(emptyBoard, this.events);
	}

	/** One job of {@link board}. */
	job(id: string): Job {
		return jobOn(this.board, id);
	}
}

/** What a decision gave: check the drafts, the state after appending them, or the refusal. */
export type Outcome = {
	/** The decision returned exactly these drafts. */
	then(expected: readonly Draft[]): Outcome;
	/** Appending the drafts to the history gives a board on which `check` passes. */
	thenBoard(check: (board: Board) => void): Outcome;
	/** Appending the drafts gives a job `id` (the decided job by default) on which `check` passes. */
	thenJob(check: (job: Job) => void, id?: string): Outcome;
	/** The decision refused with a {@link DomainError} of `code` whose message matches `message`. */
	thenThrows(code: DomainErrorCode, message?: RegExp | string): void;
};

/** A decision about job `id` (the job as folded from the history) on the board. */
export type Decision = (board: Board, job: Job) => Draft[];

/** Start a specification from `history` (or no events at all). */
export function given(history: History = new History()) {
	const board = history.board;
	return {
		/** Decide about the existing job `id`. */
		when(id: string, decision: Decision): Outcome {
			return outcome(history, board, id, () => decision(board, jobOn(board, id)));
		},
		/** Decide about a job `id` that does not exist yet (creation). */
		whenNew(id: string, decision: (board: Board) => Draft[]): Outcome {
			return outcome(history, board, id, () => decision(board));
		},
	};
}

function outcome(history: History, board: Board, id: string, decide: () => Draft[]): Outcome {
	const after = () => foldEvents(board, history.stamp(id, decide()));
	const self: Outcome = {
		then(expected) {
			expect(decide()).toEqual(expected);
			return self;
		},
		thenBoard(check) {
			check(after());
			return self;
		},
		thenJob(check, other = id) {
			check(jobOn(after(), other));
			return self;
		},
		thenThrows(code, message) {
			expect(decide).toThrow(DomainError);
			try {
				decide();
			} catch (error: unknown) {
				expect(error).toMatchObject({code});
				if (message !== undefined) {
					expect((error as DomainError).message).toMatch(message);
				}
			}
		},
	};
	return self;
}

/** Fold `events` one at a time, as a watcher feeds them. */
export function foldOneByOne(events: readonly JobEvent[], board: Board = emptyBoard): Board {
	return events.reduce((state, event) => foldEvents(state, [event]), board);
}

/** Given `history`, when job `id` evolves by `next`: the job before, the event and the job after. */
export function whenEvolved(
	history: History,
	next: Draft,
	id: string,
): {before: Job; event: KnownEvent; after: Job | undefined} {
	const before = history.job(id);
	const [event] = history.stamp(id, [next]);
	if (!event) {
		throw new Error('test setup: nothing stamped');
	}

	return {before, event, after: evolve(before, event)};
}

/** An event of a type this version does not know (the `n`th of a history), as `checkEvent` returns it. */
export function unknownEvent(n: number, id: string): JobEvent {
	return {
		id: eventId(n),
		v: 2,
		type: 'job.teleported',
		jobId: id,
		at: time(n),
		by: 'future',
		data: {to: 'mars'},
		unknown: true,
	};
}

/** Job `id` (with `acceptance`, if given) created ready, claimed by `engine-1` for run 1 and in flight. */
export const inFlight = (id: string, acceptance: string[] = []): History =>
	new History()
		.add(id, created({acceptance}))
		.add(
			id,
			draft('job.claimed', {run: 1, by: 'engine-1', agent: 'shell'}),
			draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
		);

/** Take `decision` about job `id` against the history's board and record its drafts. */
export function decided(history: History, id: string, decision: Decision): History {
	const board = history.board;
	return history.add(id, ...decision(board, jobOn(board, id)));
}

/** Ids of the jobs the planner offers, in order. */
export const readyIds = (board: Board): string[] => nextReady(board).map((job) => job.id);

/**
 * Jobs 1-4 whose dependencies change after they are created: 4 → 2 → 1 and 3 → 1, then 2 → 3
 * (so 1 blocks 3, 3 blocks 2, 2 blocks 4).
 */
export const dependencyHistory = (): History => {
	const [a, b, c, d] = [jobId(1), jobId(2), jobId(3), jobId(4)];
	return new History()
		.add(a, created({title: 'a'}))
		.add(b, created({title: 'b', blockedBy: [a]}))
		.add(c, created({title: 'c', blockedBy: [a]}))
		.add(d, created({title: 'd', blockedBy: [b]}))
		.add(b, draft('job.updated', {blockedBy: [c]}))
		.add(a, draft('job.message', {from: 'alice', text: 'hello'}));
};
