/**
 * The status bar's budget bar: how much of each configured limit the board has spent, as
 * `$ ▰▰▰▱▱ 0.62/1.00` or `tok ▰▱▱▱▱ 12k/50k`. Pure, so the levels are tested without rendering.
 */
import {defaultWarnAt, type Budget} from '../../core/budget.js';
import type {Board} from '../../core/reduce.js';
import {glyph} from '../theme.js';

/** One limit of the board's budget and how much of it is spent. */
export type BudgetMeter = {
	readonly unit: 'usd' | 'tokens';
	readonly spent: number;
	readonly limit: number;
	/** `exhausted` at or past the limit (no run starts), `warn` from `warnAt` of it, else `ok`. */
	readonly level: 'ok' | 'warn' | 'exhausted';
};

/** Cells of the bar. */
export const meterCells = 5;

/**
 * The meters of `budget` for `board` (the sum of every job's cost, as the scheduler counts it), the
 * most used first; none without a budget. Dollars compare in whole micro-dollars, as `core/budget.ts`
 * does, so the bar turns red exactly when the scheduler stops starting runs.
 */
export function budgetMeters(board: Board, budget: Budget | undefined): BudgetMeter[] {
	if (budget?.tokens === undefined && budget?.usd === undefined) {
		return [];
	}

	let tokens = 0;
	let usd = 0;
	for (const job of board.jobs.values()) {
		tokens += job.cost.tokens;
		usd += job.cost.usd;
	}

	const warnAt = budget.warnAt ?? defaultWarnAt;
	const micro = (value: number) => Math.round(value * 1e6);
	const level = (spent: number, limit: number): BudgetMeter['level'] =>
		spent >= limit ? 'exhausted' : spent >= limit * warnAt ? 'warn' : 'ok';
	const meters: BudgetMeter[] = [];
	if (budget.usd !== undefined) {
		meters.push({unit: 'usd', spent: usd, limit: budget.usd, level: level(micro(usd), micro(budget.usd))});
	}

	if (budget.tokens !== undefined) {
		meters.push({unit: 'tokens', spent: tokens, limit: budget.tokens, level: level(tokens, budget.tokens)});
	}

	return meters.sort((a, b) => used(b) - used(a));
}

function used(meter: BudgetMeter): number {
	return meter.limit > 0 ? meter.spent / meter.limit : Number.POSITIVE_INFINITY;
}

/** `▰▰▰▱▱` for 62 %: whole cells only, so a full bar means the limit is reached. */
export function meterBar(meter: BudgetMeter): string {
	const full =
		meter.level === 'exhausted' ? meterCells : Math.min(meterCells - 1, Math.floor(used(meter) * meterCells));
	return glyph.barFull.repeat(full) + glyph.barEmpty.repeat(meterCells - full);
}

const compact = new Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 1});

function amount(unit: BudgetMeter['unit'], value: number): string {
	if (unit === 'tokens') {
		return compact.format(value).toLowerCase();
	}

	return value < 1000 ? value.toFixed(2) : Math.round(value).toString();
}

/** `$ ▰▰▰▱▱ 0.62/1.00` or `tok ▰▱▱▱▱ 12k/50k`. */
export function meterText(meter: BudgetMeter): string {
	const label = meter.unit === 'usd' ? '$' : 'tok';
	return `${label} ${meterBar(meter)} ${amount(meter.unit, meter.spent)}/${amount(meter.unit, meter.limit)}`;
}
