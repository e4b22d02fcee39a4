/**
 * Replaying one job's whole log (a cold start, a log rebuilt from byte 0, a snapshot's tail): the
 * same fold as `evolve` in `reduce.ts`, but on a job this function builds and then changes in place.
 *
 * `evolve` returns a fresh job for every event, and every `job.message` copies the message list, so
 * a log of n events costs n copies of a ~35-field object and a log of n messages costs n²/2 array
 * slots (BENCHMARKS B8: that copying was a third of a cold start). A replay has no reader of the
 * states in between, so it keeps one working copy. It is still pure from the outside: it changes
 * only objects it created itself (the job, its runs, messages, input, cost and author progress); an
 * object it got from an event or from `start` is copied before its first change, never written to.
 * test/core/reduce-replay-job.test.ts holds it equal to `evolve` over generated histories.
 */
import type {AuthorHint, AuthorProgress} from './author.js';
import {isKnownEvent, type JobEvent, type KnownEvent} from './events.js';
import type {Job, JobInput, JobMessage, Run} from './job.js';
import {newJob} from './new-job.js';

type Mutable<T> = {-readonly [K in keyof T]: T[K]};
type WorkingRun = Mutable<Run>;
type WorkingAuthor = Mutable<AuthorProgress> & {hints: AuthorHint[]};
type WorkingJob = Mutable<Job> & {
	runs: WorkingRun[];
	messages: JobMessage[];
	input: JobInput[];
	cost: {tokens: number; usd: number};
	author?: WorkingAuthor;
};

/** Which of the job's containers this replay created (and so may change in place). */
type Owned = {runs: boolean; messages: boolean; input: boolean; cost: boolean; author: boolean};

/**
 * Fold `events` (one job's, in log order) onto `start` (a snapshot's job; default: no job yet), as
 * folding them one by one with `evolve` would, in time linear in the events.
 *
 * @returns the job; `undefined` when there is no `start` and no `job.created` among the events.
 * Never throws for an event that does not fit (it is skipped, as `evolve` skips it).
 */
export function replayJob(events: Iterable<JobEvent>, start?: Job): Job | undefined {
	let job: WorkingJob | undefined = start && {...(start as WorkingJob)};
	const owned: Owned = {runs: false, messages: false, input: false, cost: false, author: false};
	for (const event of events) {
		if (!isKnownEvent(event)) {
			if (job) {
				job.lastEventId = event.id;
				job.eventCount++;
			}
		} else if (event.type === 'job.created') {
			if (!job) {
				job = created(event);
				owned.runs = owned.messages = owned.input = owned.cost = owned.author = true;
			}
		} else if (job) {
			apply(job, owned, event);
			job.updatedAt = event.at;
			job.lastEventId = event.id;
			job.eventCount++;
		}
	}

	return job;
}

function created(event: Extract<KnownEvent, {type: 'job.created'}>): WorkingJob {
	// Its runs, messages, input, cost and author progress are new objects: this replay owns them.
	return newJob(event) as WorkingJob;
}

/** The run numbered `n`, ready to be changed (`undefined`: no such run, nothing changes). */
function runOf(job: WorkingJob, owned: Owned, n: number): WorkingRun | undefined {
	if (!job.runs.some((run) => run.n === n)) {
		return undefined;
	}

	if (!owned.runs) {
		job.runs = job.runs.map((run) => ({...run}));
		owned.runs = true;
	}

	return job.runs.find((run) => run.n === n);
}

function authorOf(job: WorkingJob, owned: Owned): WorkingAuthor | undefined {
	if (job.author && !owned.author) {
		job.author = {...job.author, hints: [...job.author.hints]};
		owned.author = true;
	}

	return job.author;
}

function lastRun(job: WorkingJob): number {
	return job.runs.at(-1)?.n ?? 0;
}

/** `evolveExisting` of `reduce.ts`, in place; each case changes what that one replaces. */
function apply(job: WorkingJob, owned: Owned, event: Exclude<KnownEvent, {type: 'job.created'}>): void {
	switch (event.type) {
		case 'job.updated': {
			update(job, owned, event.data);
			break;
		}

		case 'job.status_changed': {
			const {from, to, reason, until} = event.data;
			job.status = to;
			job.reason = reason;
			job.until = to === 'blocked' ? until : undefined;
			if (to === 'in_flight' && from !== 'in_flight') {
				job.restarts = 0;
				job.stalls = 0;
			}

			job.dispatchRequested = to === 'in_flight' || to === 'blocked' ? false : job.dispatchRequested;
			if (to !== 'in_flight') {
				job.cancelRequested = false;
			}

			job.cancelReason = to === 'in_flight' ? job.cancelReason : undefined;
			break;
		}

		case 'job.claimed': {
			if (event.data.run === lastRun(job) + 1) {
				if (!owned.runs) {
					job.runs = job.runs.map((run) => ({...run}));
					owned.runs = true;
				}

				job.runs.push({
					n: event.data.run,
					engine: event.data.by,
					agent: event.data.agent,
					command: [],
					claimedAt: event.at,
					bytes: 0,
					state: 'running',
					activity: 'starting',
				});
				job.input = [];
				owned.input = true;
				job.dispatchRequested = false;
				job.cancelRequested = false;
				job.cancelReason = undefined;
			}

			break;
		}

		case 'run.started': {
			const run = runOf(job, owned, event.data.run);
			if (run) {
				const {pid, command, cwd, branch, resumed} = event.data;
				run.pid = pid;
				run.command = command;
				run.cwd = cwd;
				run.branch = branch;
				run.resumed = resumed;
				run.startedAt = event.at;
			}

			break;
		}

		case 'run.state_changed': {
			const run = runOf(job, owned, event.data.run);
			if (run?.state === 'running') {
				run.activity = event.data.to;
			}

			break;
		}

		case 'run.output': {
			const run = runOf(job, owned, event.data.run);
			if (run) {
				run.bytes = event.data.bytes;
			}

			break;
		}

		case 'run.exited': {
			const run = runOf(job, owned, event.data.run);
			if (run) {
				const {code, signal, reason} = event.data;
				run.exitCode = code;
				run.signal = signal === null ? null : String(signal);
				run.endedAt = event.at;
				run.state = 'exited';
				run.activity = 'exited';
				run.reason = reason ?? run.reason;
			}

			break;
		}

		case 'run.interrupted': {
			const run = runOf(job, owned, event.data.run);
			if (run?.state === 'running') {
				run.state = 'interrupted';
				run.activity = 'exited';
				run.endedAt = event.at;
				run.reason = event.data.reason;
			}

			break;
		}

		case 'run.restarted': {
			const run = runOf(job, owned, event.data.run);
			if (run) {
				run.restartReason = event.data.reason;
			}

			job.restarts++;
			job.stalls = event.data.stalled ? job.stalls + 1 : 0;
			break;
		}

		case 'job.input': {
			const {run, text, enter} = event.data;
			if (run === lastRun(job)) {
				if (!owned.input) {
					job.input = [...job.input];
					owned.input = true;
				}

				job.input.push({id: event.id, run, text, enter});
			}

			break;
		}

		case 'job.cancel_requested': {
			job.cancelRequested = true;
			job.cancelReason = event.data.reason;
			break;
		}

		case 'job.dispatch_requested': {
			job.dispatchRequested = true;
			break;
		}

		case 'job.message': {
			if (!owned.messages) {
				job.messages = [...job.messages];
				owned.messages = true;
			}

			job.messages.push({id: event.id, at: event.at, from: event.data.from, text: event.data.text});
			break;
		}

		default: {
			applyAuthorOrCost(job, owned, event);
		}
	}
}

function applyAuthorOrCost(
	job: WorkingJob,
	owned: Owned,
	event: Extract<
		KnownEvent,
		{type: 'chunk.completed' | 'chunk.repetition' | 'job.hint' | 'author.outlined' | 'job.cost'}
	>,
): void {
	if (event.type === 'job.cost') {
		if (!owned.cost) {
			job.cost = {...job.cost};
			owned.cost = true;
		}

		job.cost.tokens += event.data.tokens;
		job.cost.usd += event.data.usd;
		return;
	}

	const author = authorOf(job, owned);
	if (!author) {
		return;
	}

	switch (event.type) {
		case 'chunk.completed': {
			const {n, chars, tokens, endOffset, next, hints} = event.data;
			if (n > author.chunks) {
				author.chunks = n;
				author.chars += chars;
				author.tokens += tokens;
				author.estimated = author.estimated || event.data.estimated === true;
				author.endOffset = endOffset ?? author.endOffset;
				author.next = next;
				if (hints) {
					author.hints = author.hints.filter((hint) => !hints.includes(hint.id));
				}
			}

			break;
		}

		case 'chunk.repetition': {
			author.repetitions++;
			break;
		}

		case 'job.hint': {
			author.hints.push({id: event.id, text: event.data.text});
			break;
		}

		case 'author.outlined': {
			author.outline = event.data.sections;
			break;
		}

		default: {
			const unreachable: never = event;
			return unreachable;
		}
	}
}

/** `job.updated`: every field given (not `undefined`) replaces the job's, as the object spread in `evolve`. */
function update(job: WorkingJob, owned: Owned, data: object): void {
	for (const [key, value] of Object.entries(data)) {
		if (value === undefined) {
			continue;
		}

		// Defined, not assigned: a `__proto__` key must become a field, as in a spread, never the prototype.
		Object.defineProperty(job, key, {value, writable: true, enumerable: true, configurable: true});
		if (Object.hasOwn(owned, key)) {
			// The event's own object now: copied before any later change.
			owned[key as keyof Owned] = false;
		}
	}
}
