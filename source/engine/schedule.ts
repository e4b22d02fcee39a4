/**
 * The engine's side of the scheduler: the policy read from config, and the jobs this engine may start
 * now (core's `pickJobsToStart`: concurrency, per-agent limits, quiet hours, budgets, aging).
 */
import type {Config} from '../config/config.js';
import {
	activeRun,
	pickJobsToStart,
	startGate,
	type Board,
	type Budget,
	type BudgetState,
	type Gate,
	type Job,
	type SchedulerPolicy,
} from '../core/index.js';

/** The scheduler policy `config.yml` describes. */
export function policyFromConfig(config: Config): SchedulerPolicy {
	const {scheduler} = config;
	return {
		concurrency: scheduler.concurrency,
		perAgent: scheduler.perAgent,
		quietHours: scheduler.quietHours,
		agingMs: scheduler.aging,
		...budgetsFromConfig(config),
	};
}

/** `budget:` of config.yml as the core's limits: the board's, and each job's own. */
export function budgetsFromConfig(config: Config): {budget?: Budget; jobBudget?: Budget} {
	const {budget} = config;
	return {
		budget: budget && {tokens: budget.tokens, usd: budget.usd, warnAt: budget.warnAt},
		jobBudget: budget?.perJob && {...budget.perJob, warnAt: budget.warnAt},
	};
}

/** What the engine may do now. */
export type Plan = {
	readonly gate: Gate;
	/** Jobs to claim now, in order, within every limit. */
	readonly start: readonly Job[];
};

/**
 * Plan a pass. Runs going on count against the limits whoever runs them: this engine's (`ownRuns`,
 * which also holds jobs waiting out a loop's backoff) and other processes' (a foreground dispatch).
 */
export function planPass(
	board: Board,
	policy: SchedulerPolicy,
	now: Date,
	options: {readonly engineId: string; readonly ownRuns: number; readonly only?: (job: Job) => boolean},
): Plan {
	let others = 0;
	for (const job of board.jobs.values()) {
		const run = activeRun(job);
		if (run && run.engine !== options.engineId) {
			others++;
		}
	}

	const gate = startGate(board, policy, now);
	const start = pickJobsToStart(board, policy, now, {
		extraFilter: options.only,
		running: others + options.ownRuns,
	});
	return {gate, start};
}

/** A person's line for a closed gate, e.g. `quiet hours until 07:00: no run starts`. */
export function gateNotice(gate: Gate): string | undefined {
	return gate.open ? undefined : `${gate.reason}: no run starts`;
}

/** What the status bar and the headless log say when the gate changes. */
export function gateChangeNotice(gate: Gate): string {
	return gateNotice(gate) ?? 'runs may start again';
}

/** What the status bar and the headless log say when spending reaches the budget's warning level. */
export function budgetWarningNotice(state: BudgetState): string {
	return `budget warning: ${state.reason ?? 'nearly spent'}`;
}
