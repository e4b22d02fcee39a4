import {describe, expect, it} from 'vitest';
import {costIncrease, parseAmount, readCostTotals} from '../../source/core/cost-lines.js';

describe('parseAmount', () => {
	it.each([
		['12,345', 12_345],
		['2.3k', 2300],
		['1.2M', 1_200_000],
		['$0.05', 0.05],
		['0.0123', 0.0123],
		['lots', undefined],
		['', undefined],
	])('%s → %s', (text, value) => {
		expect(parseAmount(text)).toBe(value);
	});
});

describe('readCostTotals', () => {
	const aider = /Tokens: (?<tokens>[\d.,]+[kM]?) sent.*Cost: .*\$(?<usd>[\d.]+) session/i;

	it('reads the last matching line of the screen (the running totals)', () => {
		const screen = [
			'Tokens: 2.3k sent, 215 received. Cost: $0.01 message, $0.01 session.',
			'> fix the test',
			'Tokens: 4.1k sent, 300 received. Cost: $0.02 message, $0.03 session.',
			'>',
		].join('\n');

		expect(readCostTotals(screen, aider)).toEqual({tokens: 4100, usd: 0.03});
	});

	it('is undefined when nothing matches, and 0 for a missing group', () => {
		expect(readCostTotals('nothing here', aider)).toBeUndefined();
		expect(readCostTotals('Total cost: $0.0123', /total cost: \$(?<usd>[\d.]+)/i)).toEqual({
			tokens: 0,
			usd: 0.0123,
		});
	});
});

describe('costIncrease', () => {
	it('records only growth', () => {
		expect(costIncrease({tokens: 0, usd: 0}, {tokens: 100, usd: 0.01})).toEqual({tokens: 100, usd: 0.01});
		expect(costIncrease({tokens: 100, usd: 0.01}, {tokens: 100, usd: 0.01})).toBeUndefined();
		expect(costIncrease({tokens: 100, usd: 0.03}, {tokens: 50, usd: 0.05})).toEqual({tokens: 0, usd: 0.02});
	});
});
