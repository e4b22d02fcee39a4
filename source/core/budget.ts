/**
 * Spending limits: how much of a budget (tokens, dollars) the board or one job has used, and whether
 * that is fine, worth a warning, or the end of starting runs.
 *
 * Spending comes from `job.cost` events (summed into `job.cost` by the fold); nothing here measures it.
 */
import type {Job} from './job.js';
import type {Board} from './reduce.js';

/** Default warning threshold: 80 % of a limit. */
export const defaultWarnAt = 0.8;

/** A spending limit. With neither `tokens` nor `usd` nothing is limited. */
export type Budget = {
	/** Most tokens that may be spent; absent: no token limit. */
	readonly tokens?: number;
	/** Most US dollars that may be spent; absent: no dollar limit. */
	readonly usd?: number;
	/** Fraction (0-1) of a limit at which the level becomes `warn`; default {@link defaultWarnAt}. */
	readonly warnAt?: number;
};

/** How much of a budget is used. */
export type BudgetState = {
	/** Tokens and US dollars spent so far. */
	readonly spent: {readonly tokens: number; readonly usd: number};
	/**
	 * `exhausted`: some limit is reached (spent >= limit, so a limit of 0 allows nothing);
	 * `warn`: some limit is at least `warnAt` used; `ok`: neither, or no budget.
	 */
	readonly level: 'ok' | 'warn' | 'exhausted';
	/** For `warn` and `exhausted`: the most-used limit, e.g. `board budget: $4.10 of $5.00 spent`. */
	readonly reason?: string;
};

const integers = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});

type Limit = {readonly spent: number; readonly limit: number; readonly text: string};

/**
 * The state of `budget` given `spent`; `scope` names it in the reason (`board budget`, `job budget`).
 *
 * Dollars are compared in whole micro-dollars, so float sums of many small costs (0.1 + 0.2) reach a
 * limit they add up to.
 */
function assess(
	scope: string,
	spent: {tokens: number; usd: number},
	budget: Budget | undefined,
): BudgetState {
	const limits: Limit[] = [];
	if (budget?.tokens !== undefined) {
		const text = `${integers.format(spent.tokens)} of ${integers.format(budget.tokens)} tokens spent`;
		limits.push({spent: spent.tokens, limit: budget.tokens, text});
	}

	if (budget?.usd !== undefined) {
		const micro = (usd: number) => Math.round(usd * 1e6);
		const text = `$${spent.usd.toFixed(2)} of $${budget.usd.toFixed(2)} spent`;
		limits.push({spent: micro(spent.usd), limit: micro(budget.usd), text});
	}

	const used = (limit: Limit) => (limit.limit > 0 ? limit.spent / limit.limit : Number.POSITIVE_INFINITY);
	const worst = limits.reduce<Limit | undefined>((a, b) => (a && used(a) >= used(b) ? a : b), undefined);
	if (!worst) {
		return {spent, level: 'ok'};
	}

	const reason = `${scope}: ${worst.text}`;
	if (worst.spent >= worst.limit) {
		return {spent, level: 'exhausted', reason};
	}

	return used(worst) >= (budget?.warnAt ?? defaultWarnAt)
		? {spent, level: 'warn', reason}
		: {spent, level: 'ok'};
}

/** Board-wide spending against `budget`: the sum of every job's cost, whatever its status. */
export function boardBudget(board: Board, budget: Budget | undefined): BudgetState {
	let tokens = 0;
	let usd = 0;
	for (const job of board.jobs.values()) {
		tokens += job.cost.tokens;
		usd += job.cost.usd;
	}

	return assess('board budget', {tokens, usd}, budget);
}

/** One job's spending (over all its runs) against `budget`, the job's own limit. */
export function jobBudget(job: Job, budget: Budget | undefined): BudgetState {
	return assess('job budget', {tokens: job.cost.tokens, usd: job.cost.usd}, budget);
}
