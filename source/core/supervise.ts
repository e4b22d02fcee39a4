/**
 * The supervisor's rules: what a job's runs inherit from its agent, and what happens after one
 * iteration ends: finish the job (and where it goes), or restart it (the Ralph loop: run the agent
 * again until it writes an acceptable `DONE` file; Geoffrey Huntley, "Ralph Wiggum as a software
 * engineer", 2025). Pure: the engine gathers the facts, this decides.
 */
import type {RunEnd} from './decide-runs.js';
import {statusAfterExit} from './decide-runs.js';
import type {Job, JobStatus} from './job.js';
import {backoffDelay, type DoneContract, type Isolation, type LoopPolicy} from './supervision.js';

/** Supervision settings an agent's config may give its jobs (the job's own settings win). */
export type AgentSupervision = {
	readonly isolation?: Isolation;
	readonly loop?: LoopPolicy;
	/** ms */
	readonly timeoutMs?: number;
	/** ms */
	readonly idleTimeoutMs?: number;
	readonly doneContract?: DoneContract;
};

/** The settings that govern a job's runs, after the job's and its agent's are merged. */
export type Supervision = {
	readonly isolation: Isolation;
	/** Absent: one run, judged by its exit code. */
	readonly loop?: LoopPolicy;
	/** Wall-clock limit of one run, in ms: the job's, else the agent's, else the loop's `waitTimeoutMs`. */
	readonly timeoutMs?: number;
	/** Longest a run may go without output, in ms. */
	readonly idleTimeoutMs?: number;
	readonly doneContract: DoneContract;
};

/** Merge a job's supervision settings over its agent's. */
export function supervisionFor(job: Job, agent: AgentSupervision = {}): Supervision {
	const loop = job.loop ?? agent.loop;
	return {
		isolation: job.isolation ?? agent.isolation ?? 'shared',
		loop,
		timeoutMs: job.timeoutMs ?? agent.timeoutMs ?? loop?.waitTimeoutMs,
		idleTimeoutMs: job.idleTimeoutMs ?? agent.idleTimeoutMs,
		doneContract: job.doneContract ?? agent.doneContract ?? 'summary',
	};
}

/** What the engine observed about one iteration (one run). */
export type IterationFacts = {
	readonly end: RunEnd;
	/** The `DONE` file judged against the contract; `undefined` when no loop runs the job. */
	readonly done?: {readonly exists: boolean; readonly ok: boolean; readonly problem?: string};
	/**
	 * The iteration changed something: a file in the run's folder, a message on the job's bus, or
	 * output different from the previous run's. An iteration that changed nothing is a stall.
	 */
	readonly progressed: boolean;
	/** The agent said its usage limit was reached; ISO time it resets. */
	readonly usageLimit?: {readonly resetAt: string; readonly message: string};
};

/** The supervisor's decision after an iteration. */
export type Verdict =
	| {readonly kind: 'finish'; readonly to: JobStatus; readonly reason?: string; readonly until?: string}
	| {readonly kind: 'restart'; readonly reason: string; readonly stalled: boolean; readonly delayMs: number};

/**
 * Judge an iteration. In order: a cancel ends the job (`blocked`, `cancelled`); a usage limit blocks
 * it until the reset time; without a loop the exit code decides (a timeout is `timed_out`); with a
 * loop an acceptable `DONE` finishes it (`review` when it has acceptance criteria, else `done`),
 * otherwise it restarts with exponential backoff until `maxStalls` stalls in a row (`stalled`) or
 * `maxRestarts` restarts.
 */
export function judgeIteration(job: Job, supervision: Supervision, facts: IterationFacts): Verdict {
	const {end} = facts;
	if (job.cancelRequested) {
		return {kind: 'finish', to: 'blocked', reason: 'cancelled'};
	}

	if (facts.usageLimit) {
		const {resetAt, message} = facts.usageLimit;
		return {kind: 'finish', to: 'blocked', reason: `usage limit: ${message}`, until: resetAt};
	}

	const {loop} = supervision;
	if (!loop) {
		return end.reason === undefined
			? {kind: 'finish', ...statusAfterExit(job, end.code, end.signal, false)}
			: {kind: 'finish', to: 'blocked', reason: end.reason};
	}

	if (facts.done?.ok) {
		return {kind: 'finish', to: job.acceptance.length > 0 ? 'review' : 'done'};
	}

	const why = iterationProblem(end, facts.done);
	const stalled = !facts.progressed;
	if (stalled && job.stalls + 1 >= loop.maxStalls) {
		return {
			kind: 'finish',
			to: 'blocked',
			reason: `stalled: ${job.stalls + 1} runs in a row changed nothing (${why})`,
		};
	}

	if (job.restarts >= loop.maxRestarts) {
		const runs = job.restarts + 1;
		return {
			kind: 'finish',
			to: 'blocked',
			reason: `no acceptable DONE after ${runs} run${runs === 1 ? '' : 's'} (${why})`,
		};
	}

	return {kind: 'restart', reason: why, stalled, delayMs: backoffDelay(loop, job.restarts + 1)};
}

function iterationProblem(end: RunEnd, done: IterationFacts['done']): string {
	if (end.reason !== undefined) {
		return end.reason;
	}

	if (done?.exists) {
		return `DONE rejected: ${done.problem ?? 'not acceptable'}`;
	}

	const exit = end.code === null ? `killed by ${String(end.signal)}` : `exit code ${end.code}`;
	return `no DONE file (${exit})`;
}
