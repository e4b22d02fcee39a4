/**
 * Decisions: a request and the current state in, the events to append out (or a {@link DomainError}).
 *
 * Pure: no ids, clocks or I/O. The store stamps the returned drafts with ids, times and the author
 * when it appends them, and appends all drafts of one decision together.
 */
import {DomainError} from './errors.js';
import type {EventData, EventType} from './events.js';
import {activeRun, jobStatuses, lastRunNumber, type Job, type JobStatus} from './job.js';
import {findCycle, unmetDependencies} from './planner.js';
import type {Board} from './reduce.js';

/** An event before the store stamps it with `id`, `v`, `at` and `by`. */
export type Draft = {[T in EventType]: {readonly type: T; readonly data: EventData<T>}}[EventType];

/** Build a draft of a known type. */
export function draft<T extends EventType>(type: T, data: EventData<T>): Draft {
	return {type, data} as Draft;
}

/** Look a job up, or refuse with `not_found`. Accepts a unique id prefix (as git does for hashes). */
export function requireJob(board: Board, idOrPrefix: string): Job {
	const exact = board.jobs.get(idOrPrefix);
	if (exact) {
		return exact;
	}

	const needle = idOrPrefix.toUpperCase();
	const matches = needle.length >= 4 ? [...board.jobs.keys()].filter((id) => id.startsWith(needle)) : [];
	if (matches.length === 1) {
		return board.jobs.get(matches[0]!)!;
	}

	if (matches.length > 1) {
		throw new DomainError('invalid', `job id prefix "${idOrPrefix}" is ambiguous: ${matches.join(', ')}`);
	}

	throw new DomainError('not_found', `no job with id "${idOrPrefix}"`);
}

/** Parse a status name, or refuse listing the valid ones. */
export function parseStatus(value: string): JobStatus {
	if ((jobStatuses as readonly string[]).includes(value)) {
		return value as JobStatus;
	}

	throw new DomainError('invalid', `unknown status "${value}" (one of: ${jobStatuses.join(', ')})`);
}

/** What `add` asks for. */
export type CreateRequest = Omit<EventData<'job.created'>, 'title'> & {readonly title: string};

/**
 * Create a job. Refuses an empty title and dependencies on unknown ids.
 * A new job cannot close a cycle (nothing depends on it yet), so none is checked here.
 */
export function decideCreate(board: Board, request: CreateRequest): Draft[] {
	const title = request.title.trim();
	if (title === '') {
		throw new DomainError('invalid', 'a job needs a title');
	}

	if (request.status === 'in_flight') {
		throw new DomainError('invalid', 'a job reaches in_flight by being dispatched, not created there');
	}

	const blockedBy = request.blockedBy.map((id) => requireJob(board, id).id);
	return [draft('job.created', {...request, title, blockedBy: [...new Set(blockedBy)]})];
}

/** Change a job's dependencies, refusing unknown ids and cycles (the cycle is named). */
export function decideDependencies(board: Board, job: Job, blockedBy: readonly string[]): Draft[] {
	const ids = [...new Set(blockedBy.map((id) => requireJob(board, id).id))];
	const cycle = findCycle(board, job.id, ids);
	if (cycle) {
		throw new DomainError('invalid', `dependency cycle: ${cycle.join(' → ')}`);
	}

	return [draft('job.updated', {blockedBy: ids})];
}

/**
 * Move a job to another column by hand. `in_flight` is reached only by dispatching, and a job with a
 * run going on must be cancelled first, so the board never shows a running job in a column that says
 * otherwise.
 */
export function decideMove(job: Job, to: JobStatus, reason?: string): Draft[] {
	if (to === job.status) {
		throw new DomainError('conflict', `job ${job.id} is already ${to}`);
	}

	if (to === 'in_flight') {
		throw new DomainError('invalid', 'a job reaches in_flight by being dispatched (use: dispatch <id>)');
	}

	if (activeRun(job)) {
		throw new DomainError('conflict', `job ${job.id} has a run going on; cancel it first`);
	}

	return [draft('job.status_changed', {from: job.status, to, reason})];
}

/**
 * Claim a job for a new run by `engine`. Refuses a job that is running or whose dependencies are not
 * done (naming them). The engine calls this under the job's lock, against the job's latest state.
 */
export function decideClaim(board: Board, job: Job, engine: string, agent: string): Draft[] {
	if (job.status === 'in_flight' || activeRun(job)) {
		throw new DomainError('conflict', `job ${job.id} is already in flight`);
	}

	const unmet = unmetDependencies(job, board);
	if (unmet.length > 0) {
		throw new DomainError('conflict', `job ${job.id} waits for ${unmet.join(', ')}`);
	}

	return [
		draft('job.claimed', {run: lastRunNumber(job) + 1, by: engine, agent}),
		draft('job.status_changed', {from: job.status, to: 'in_flight'}),
	];
}

/**
 * Send text to the job's running agent (`send`). Refuses when no run is going on: input typed for a
 * run that ended would reach the next one by surprise.
 */
export function decideSend(job: Job, text: string, enter: boolean): Draft[] {
	const run = activeRun(job);
	if (!run) {
		throw new DomainError('conflict', `job ${job.id} has no run going on to send input to`);
	}

	if (text === '' && !enter) {
		throw new DomainError('invalid', 'nothing to send (give text, or --enter)');
	}

	return [draft('job.input', {run: run.n, text, enter})];
}

/** Post a message to a job's bus (`post`). */
export function decidePost(from: string, text: string): Draft[] {
	if (text.trim() === '') {
		throw new DomainError('invalid', 'a message needs text');
	}

	return [draft('job.message', {from, text})];
}

/** Ask whoever runs the job to stop it; a job not running is moved to `blocked` as cancelled at once. */
export function decideCancel(job: Job, reason = 'cancelled'): Draft[] {
	if (activeRun(job) || job.status === 'in_flight') {
		if (job.cancelRequested) {
			throw new DomainError('conflict', `job ${job.id} is already being cancelled`);
		}

		return [draft('job.cancel_requested', {reason})];
	}

	if (job.status === 'done' || job.status === 'blocked') {
		throw new DomainError('conflict', `job ${job.id} is not running (it is ${job.status})`);
	}

	return [draft('job.status_changed', {from: job.status, to: 'blocked', reason})];
}

/**
 * Ask the engine to start a job before others (its dependencies must be done). A job already asked
 * for gives no events. The engine still honours the concurrency limit.
 */
export function decideDispatch(board: Board, job: Job): Draft[] {
	if (job.status === 'in_flight' || activeRun(job)) {
		throw new DomainError('conflict', `job ${job.id} is already in flight`);
	}

	const unmet = unmetDependencies(job, board);
	if (unmet.length > 0) {
		throw new DomainError('conflict', `job ${job.id} waits for ${unmet.join(', ')}`);
	}

	return job.dispatchRequested ? [] : [draft('job.dispatch_requested', {})];
}

/**
 * Record spending on a job (`cost`): tokens and dollars, both ≥ 0 and not both 0.
 *
 * @throws {DomainError} `invalid` for a report of nothing.
 */
export function decideCost(tokens: number, usd: number): Draft[] {
	if (tokens === 0 && usd === 0) {
		throw new DomainError('invalid', 'a cost needs --tokens or --usd');
	}

	return [draft('job.cost', {tokens, usd})];
}
