import {describe, expect, it} from 'vitest';
import {boardFromJobs} from '../../../source/core/index.js';
import {budgetMeters, meterBar, meterText} from '../../../source/ui/status/budget-meter.js';
import {makeJob} from '../helpers.js';

const spent = (usd: number, tokens = 0) => boardFromJobs([makeJob({title: 'A', cost: {tokens, usd}})]);

describe('budget meters', () => {
	it('has none without a budget or without limits', () => {
		expect(budgetMeters(spent(1), undefined)).toEqual([]);
		expect(budgetMeters(spent(1), {warnAt: 0.5})).toEqual([]);
	});

	it('draws spent against the limit in five cells', () => {
		const [meter] = budgetMeters(spent(0.62), {usd: 1});
		expect(meter).toMatchObject({unit: 'usd', level: 'ok'});
		expect(meterText(meter!)).toBe('$ ▰▰▰▱▱ 0.62/1.00');
		expect(meterText(budgetMeters(spent(0), {usd: 5})[0]!)).toBe('$ ▱▱▱▱▱ 0.00/5.00');
	});

	it('warns from warnAt and is exhausted at the limit, where the bar is full', () => {
		expect(budgetMeters(spent(0.79), {usd: 1})[0]?.level).toBe('ok');
		expect(budgetMeters(spent(0.8), {usd: 1})[0]?.level).toBe('warn');
		expect(budgetMeters(spent(0.5), {usd: 1, warnAt: 0.5})[0]?.level).toBe('warn');
		const almost = budgetMeters(spent(0.99), {usd: 1})[0]!;
		expect(meterBar(almost)).toBe('▰▰▰▰▱');
		// 0.1 + 0.2 reaches a 0.3 limit, as the scheduler counts it.
		const board = boardFromJobs([
			makeJob({title: 'A', cost: {tokens: 0, usd: 0.1}}),
			makeJob({title: 'B', cost: {tokens: 0, usd: 0.2}}),
		]);
		const full = budgetMeters(board, {usd: 0.3})[0]!;
		expect(full.level).toBe('exhausted');
		expect(meterText(full)).toBe('$ ▰▰▰▰▰ 0.30/0.30');
	});

	it('shows tokens compactly, and both limits with the most used first', () => {
		const meters = budgetMeters(spent(0.1, 45_000), {usd: 1, tokens: 50_000});
		expect(meters.map((meter) => meter.unit)).toEqual(['tokens', 'usd']);
		expect(meterText(meters[0]!)).toBe('tok ▰▰▰▰▱ 45k/50k');
		expect(meters[0]?.level).toBe('warn');
	});
});
