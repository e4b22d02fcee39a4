/**
 * The fold: `evolve(job, event)` for one job and `applyEvent(board, event)` for the whole board.
 *
 * Pure and total: replay at start-up and live updates from the watcher go through the same code, and
 * an event that does not fit (unknown type, run number out of step) leaves the state as it was rather
 * than throwing, so one bad line never stops a board from loading.
 */
import type {AuthorProgress} from './author.js';
import {isKnownEvent, type JobEvent, type KnownEvent} from './events.js';
import {lastRunNumber, type Job, type Run} from './job.js';
import {newJob} from './new-job.js';
import {replayJob} from './replay.js';

/** All jobs of one `.xsarena/` folder, keyed by id. Replaced (never mutated) on every change. */
export type Board = {
	readonly jobs: ReadonlyMap<string, Job>;
};

/** A board with no jobs. */
export const emptyBoard: Board = {jobs: new Map()};

function updateRun(job: Job, n: number, patch: (run: Run) => Run): Job {
	const index = job.runs.findIndex((run) => run.n === n);
	if (index === -1) {
		return job;
	}

	const runs = [...job.runs];
	runs[index] = patch(runs[index]!);
	return {...job, runs};
}

/** Apply `patch` to an author job's progress; other jobs are left as they are. */
function withAuthor(job: Job, patch: (author: AuthorProgress) => AuthorProgress): Job {
	return job.author ? {...job, author: patch(job.author)} : job;
}

/**
 * Fold one event into one job's state. Returns `undefined` only when there is no job yet and the
 * event is not `job.created`.
 */
export function evolve(job: Job | undefined, event: JobEvent): Job | undefined {
	if (!isKnownEvent(event)) {
		return job && {...job, lastEventId: event.id, eventCount: job.eventCount + 1};
	}

	if (event.type === 'job.created') {
		if (job) {
			return job;
		}

		return newJob(event);
	}

	if (!job) {
		return undefined;
	}

	const next = evolveExisting(job, event);
	return {...next, updatedAt: event.at, lastEventId: event.id, eventCount: job.eventCount + 1};
}

function evolveExisting(job: Job, event: Exclude<KnownEvent, {type: 'job.created'}>): Job {
	switch (event.type) {
		case 'job.updated': {
			const patch = Object.fromEntries(Object.entries(event.data).filter(([, value]) => value !== undefined));
			return {...job, ...patch};
		}

		case 'job.status_changed': {
			const {from, to, reason, until} = event.data;
			// A fresh claim from another column starts a new loop: its counters and pending input reset.
			const fresh = to === 'in_flight' && from !== 'in_flight';
			return {
				...job,
				status: to,
				reason,
				until: to === 'blocked' ? until : undefined,
				...(fresh ? {restarts: 0, stalls: 0} : {}),
				dispatchRequested: to === 'in_flight' || to === 'blocked' ? false : job.dispatchRequested,
				cancelRequested: to === 'in_flight' ? job.cancelRequested : false,
				cancelReason: to === 'in_flight' ? job.cancelReason : undefined,
			};
		}

		case 'job.claimed': {
			if (event.data.run !== lastRunNumber(job) + 1) {
				return job; // Out of step (a repeated claim): keep run numbers unique.
			}

			const run: Run = {
				n: event.data.run,
				engine: event.data.by,
				agent: event.data.agent,
				command: [],
				claimedAt: event.at,
				bytes: 0,
				state: 'running',
				activity: 'starting',
			};
			return {
				...job,
				runs: [...job.runs, run],
				input: [],
				dispatchRequested: false,
				cancelRequested: false,
				cancelReason: undefined,
			};
		}

		case 'run.started': {
			const {pid, command, cwd, branch, resumed} = event.data;
			return updateRun(job, event.data.run, (run) => ({
				...run,
				pid,
				command,
				cwd,
				branch,
				resumed,
				startedAt: event.at,
			}));
		}

		case 'run.state_changed': {
			return updateRun(job, event.data.run, (run) =>
				run.state === 'running' ? {...run, activity: event.data.to} : run,
			);
		}

		case 'run.output': {
			return updateRun(job, event.data.run, (run) => ({...run, bytes: event.data.bytes}));
		}

		case 'run.exited': {
			const {code, signal, reason} = event.data;
			return updateRun(job, event.data.run, (run) => ({
				...run,
				exitCode: code,
				signal: signal === null ? null : String(signal),
				endedAt: event.at,
				state: 'exited',
				activity: 'exited',
				reason: reason ?? run.reason,
			}));
		}

		case 'run.interrupted': {
			return updateRun(job, event.data.run, (run) =>
				run.state === 'running'
					? {...run, state: 'interrupted', activity: 'exited', endedAt: event.at, reason: event.data.reason}
					: run,
			);
		}

		case 'run.restarted': {
			const {reason, stalled} = event.data;
			const restarted = updateRun(job, event.data.run, (run) => ({...run, restartReason: reason}));
			return {...restarted, restarts: job.restarts + 1, stalls: stalled ? job.stalls + 1 : 0};
		}

		case 'job.input': {
			const {run, text, enter} = event.data;
			return run === lastRunNumber(job)
				? {...job, input: [...job.input, {id: event.id, run, text, enter}]}
				: job;
		}

		case 'job.cancel_requested': {
			return {...job, cancelRequested: true, cancelReason: event.data.reason};
		}

		case 'job.dispatch_requested': {
			return {...job, dispatchRequested: true};
		}

		case 'job.message': {
			const message = {id: event.id, at: event.at, from: event.data.from, text: event.data.text};
			return {...job, messages: [...job.messages, message]};
		}

		case 'chunk.completed': {
			const {n, chars, tokens, endOffset, next, hints, estimated} = event.data;
			return withAuthor(job, (author) =>
				n <= author.chunks
					? author // A repeated record of a chunk already folded: never count it twice.
					: {
							...author,
							chunks: n,
							chars: author.chars + chars,
							tokens: author.tokens + tokens,
							estimated: author.estimated || estimated === true,
							endOffset: endOffset ?? author.endOffset,
							next,
							hints: hints ? author.hints.filter((hint) => !hints.includes(hint.id)) : author.hints,
						},
			);
		}

		case 'chunk.repetition': {
			return withAuthor(job, (author) => ({...author, repetitions: author.repetitions + 1}));
		}

		case 'job.hint': {
			return withAuthor(job, (author) => ({
				...author,
				hints: [...author.hints, {id: event.id, text: event.data.text}],
			}));
		}

		case 'author.outlined': {
			return withAuthor(job, (author) => ({...author, outline: event.data.sections}));
		}

		case 'job.cost': {
			return {
				...job,
				cost: {tokens: job.cost.tokens + event.data.tokens, usd: job.cost.usd + event.data.usd},
			};
		}

		default: {
			const unreachable: never = event;
			return unreachable;
		}
	}
}

function withBlocks(jobs: Map<string, Job>, blockerId: string, dependentId: string, present: boolean): void {
	const blocker = jobs.get(blockerId);
	if (!blocker) {
		return;
	}

	const has = blocker.blocks.includes(dependentId);
	if (present && !has) {
		jobs.set(blockerId, {...blocker, blocks: [...blocker.blocks, dependentId]});
	} else if (!present && has) {
		jobs.set(blockerId, {...blocker, blocks: blocker.blocks.filter((id) => id !== dependentId)});
	}
}

function applyInPlace(jobs: Map<string, Job>, event: JobEvent): boolean {
	const before = jobs.get(event.jobId);
	const after = evolve(before, event);
	if (after === before || !after) {
		return false;
	}

	jobs.set(after.id, after);
	if (!before) {
		// A job created after its dependents were read (logs are folded job by job).
		const dependents = [...jobs.values()]
			.filter((job) => job.blockedBy.includes(after.id))
			.map((job) => job.id);
		if (dependents.length > 0) {
			jobs.set(after.id, {...after, blocks: dependents});
		}
	}

	if (!before || before.blockedBy !== after.blockedBy) {
		for (const id of before?.blockedBy ?? []) {
			withBlocks(jobs, id, after.id, after.blockedBy.includes(id));
		}

		for (const id of after.blockedBy) {
			withBlocks(jobs, id, after.id, true);
		}
	}

	return true;
}

/**
 * Fold events into the board, in order. Keeps `blocks` the mirror of every job's `blockedBy`, whichever
 * order the jobs' logs are read in. Returns the same board object when nothing changed, so
 * `useSyncExternalStore` consumers skip the render.
 */
export function foldEvents(board: Board, events: Iterable<JobEvent>): Board {
	const jobs = new Map(board.jobs);
	let changed = false;
	let run: JobEvent[] = [];
	for (const event of events) {
		if (event.type === 'job.created' || event.type === 'job.updated') {
			// The only events that change `blockedBy`: one at a time, for the `blocks` bookkeeping.
			changed = foldRun(jobs, run) || changed;
			run = [];
			changed = applyInPlace(jobs, event) || changed;
		} else {
			if (run.length > 0 && run[0]!.jobId !== event.jobId) {
				changed = foldRun(jobs, run) || changed;
				run = [];
			}

			run.push(event);
		}
	}

	changed = foldRun(jobs, run) || changed;
	return changed ? {jobs} : board;
}

/**
 * Fold consecutive events of one job, none of which creates it or changes its `blockedBy` (so the
 * board's `blocks` need no update), with `replayJob`: one copy of the job for the whole run instead
 * of one per event (and of its message list per message: a busy job's burst was quadratic).
 */
function foldRun(jobs: Map<string, Job>, run: readonly JobEvent[]): boolean {
	if (run.length <= 1) {
		return run.length === 1 && applyInPlace(jobs, run[0]!);
	}

	const before = jobs.get(run[0]!.jobId);
	const after = before && replayJob(run, before);
	if (!after) {
		return false;
	}

	jobs.set(after.id, after);
	return true;
}

/** Fold one event into the board (see {@link foldEvents}). */
export function applyEvent(board: Board, event: JobEvent): Board {
	return foldEvents(board, [event]);
}

/**
 * Build a board from already-folded jobs (e.g. replayed one log at a time, or read from snapshots),
 * deriving every `blocks` list from the `blockedBy` lists in one pass.
 */
export function boardFromJobs(list: Iterable<Job>): Board {
	const jobs = new Map<string, Job>();
	for (const job of list) {
		jobs.set(job.id, job.blocks.length > 0 ? {...job, blocks: []} : job);
	}

	for (const job of jobs.values()) {
		for (const id of job.blockedBy) {
			withBlocks(jobs, id, job.id, true);
		}
	}

	return {jobs};
}
