/**
 * The scheduler: which ready jobs may start now, given the concurrency limits, quiet hours, budgets and
 * how long each job has waited.
 *
 * The planner (`nextReady`) says which jobs could run; this narrows that to the ones that may start
 * right now and orders them. Pure: the board and `now` come in, a list of jobs goes out; the engine
 * claims them.
 */
import {boardBudget, jobBudget, type Budget} from './budget.js';
import {activeRun, priorities, type Job} from './job.js';
import {nextReady} from './planner.js';
import {isQuiet, nextAllowedStart, type QuietWindow} from './quiet-hours.js';
import type {Board} from './reduce.js';

/** Default priority aging step: 30 minutes, in ms. */
export const defaultAgingMs = 30 * 60_000;

/** The rules the scheduler applies (from `config.yml`'s scheduler section). */
export type SchedulerPolicy = {
	/** Most runs going on at once across the whole board, whichever engine runs them. */
	readonly concurrency: number;
	/** Most runs going on at once per agent name; an agent not listed has no limit of its own. */
	readonly perAgent: Readonly<Record<string, number>>;
	/** Local-time windows in which no run starts. */
	readonly quietHours: readonly QuietWindow[];
	/** Board-wide budget: once exhausted, no run starts. */
	readonly budget?: Budget;
	/** Budget of each job (over all its runs): a job that exhausted it is not started again. */
	readonly jobBudget?: Budget;
	/**
	 * Priority aging, in ms (default {@link defaultAgingMs}): every `agingMs` a job has waited raises its
	 * effective priority one level, so a steady stream of high-priority work cannot starve a low one.
	 * Zero, negative or `Infinity` turns aging off.
	 */
	readonly agingMs?: number;
};

/** Whether runs may start: open, or closed with the reason and, when known, the time it opens. */
export type Gate =
	| {readonly open: true}
	| {
			readonly open: false;
			/** What closed it: the board's budget, or quiet hours. */
			readonly cause: 'budget' | 'quiet';
			readonly reason: string;
			readonly until?: Date;
	  };

const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** `07:00` when `date` is on the same local day as `now`, else `Sat 07:00`. */
function clock(date: Date, now: Date): string {
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	return date.toDateString() === now.toDateString() ? time : `${weekday[date.getDay()]} ${time}`;
}

/**
 * Whether any run may start now. The board budget is checked first: when it is exhausted no quiet
 * hours ending would help, so the gate has no `until` (a person must raise the limit). In quiet hours
 * `until` is the next allowed start (absent when the windows cover the whole week).
 */
export function startGate(board: Board, policy: SchedulerPolicy, now: Date): Gate {
	const budget = boardBudget(board, policy.budget);
	if (budget.level === 'exhausted') {
		return {open: false, cause: 'budget', reason: budget.reason ?? 'board budget exhausted'};
	}

	if (!isQuiet(policy.quietHours, now)) {
		return {open: true};
	}

	const until = nextAllowedStart(policy.quietHours, now);
	return until
		? {open: false, cause: 'quiet', reason: `quiet hours until ${clock(until, now)}`, until}
		: {open: false, cause: 'quiet', reason: 'quiet hours cover the whole week'};
}

/** Highest effective priority: one above `urgent`, so fully aged jobs of any priority order by age. */
const maxRank = priorities.length;

/**
 * A job's priority rank raised by aging: 0 = low … 3 = urgent, plus one per whole `agingMs` since the
 * job was created, capped at 4 (urgent + 1). Waiting is counted from `createdAt` because the fold does
 * not record when a job entered `ready`. A non-positive or non-finite `agingMs` turns aging off.
 */
export function effectivePriority(job: Job, now: Date, agingMs: number): number {
	const base = priorities.indexOf(job.priority);
	const waited = now.getTime() - Date.parse(job.createdAt);
	if (!(agingMs > 0) || !Number.isFinite(agingMs) || !(waited > 0)) {
		return base;
	}

	return Math.min(maxRank, base + Math.floor(waited / agingMs));
}

/** Agent name → runs going on now, across the board (by the agent each run was started with). */
function runningByAgent(board: Board): Map<string, number> {
	const counts = new Map<string, number>();
	for (const job of board.jobs.values()) {
		const run = activeRun(job);
		if (run) {
			counts.set(run.agent, (counts.get(run.agent) ?? 0) + 1);
		}
	}

	return counts;
}

/**
 * The jobs to start now, in the order to start them; at most the free slots (`concurrency` minus the
 * runs going on). Empty when the {@link startGate} is closed.
 *
 * Candidates are the planner's (`nextReady`: ready with dependencies done, or a start-now request).
 * Order: start-now requests first, then effective priority ({@link effectivePriority}), then age
 * (`createdAt`, the clock aging reads; an unreadable time counts as oldest), then id, which makes the
 * order total and deterministic. A candidate is skipped when `extraFilter` refuses it, its own budget
 * (`policy.jobBudget`) is exhausted, or its agent is at its `perAgent` limit, counting the runs of that
 * agent on the whole board plus the jobs picked before it; a skipped job leaves its slot to the next.
 * Start-now requests obey all of these too.
 *
 * @param options.running runs going on now, when the caller knows better (default: counted on the board).
 */
export function pickJobsToStart(
	board: Board,
	policy: SchedulerPolicy,
	now: Date,
	options: {readonly extraFilter?: (job: Job) => boolean; readonly running?: number} = {},
): Job[] {
	const byAgent = runningByAgent(board);
	const running = options.running ?? [...byAgent.values()].reduce((sum, n) => sum + n, 0);
	let free = policy.concurrency - running;
	if (free <= 0 || !startGate(board, policy, now).open) {
		return [];
	}

	const agingMs = policy.agingMs ?? defaultAgingMs;
	const candidates = nextReady(board)
		.map((job) => ({job, rank: effectivePriority(job, now, agingMs), born: Date.parse(job.createdAt) || 0}))
		.sort(
			(a, b) =>
				Number(b.job.dispatchRequested) - Number(a.job.dispatchRequested) ||
				b.rank - a.rank ||
				a.born - b.born ||
				(a.job.id < b.job.id ? -1 : 1),
		)
		.map(({job}) => job);

	const picked: Job[] = [];
	for (const job of candidates) {
		if (free <= 0) {
			break;
		}

		const agentLimit = Object.hasOwn(policy.perAgent, job.agent) ? policy.perAgent[job.agent] : undefined;
		const agentRunning = byAgent.get(job.agent) ?? 0;
		if (
			(options.extraFilter && !options.extraFilter(job)) ||
			(agentLimit !== undefined && agentRunning >= agentLimit) ||
			jobBudget(job, policy.jobBudget).level === 'exhausted'
		) {
			continue;
		}

		picked.push(job);
		byAgent.set(job.agent, agentRunning + 1);
		free--;
	}

	return picked;
}
