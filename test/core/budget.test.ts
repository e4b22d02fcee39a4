import {describe, expect, it} from 'vitest';
import {draft} from '../../source/core/index.js';
import {boardBudget, jobBudget, type Budget} from '../../source/core/budget.js';
import {created, History, jobId} from './given.js';

/** A board with one job per entry of `costs`, each job spending its list of `job.cost` events. */
function spending(...costs: Array<Array<{tokens?: number; usd?: number}>>): History {
	const history = new History();
	costs.forEach((events, index) => {
		history.add(jobId(index + 1), created());
		for (const {tokens = 0, usd = 0} of events) {
			history.add(jobId(index + 1), draft('job.cost', {tokens, usd}));
		}
	});
	return history;
}

describe('boardBudget', () => {
	it.each<[string, Budget | undefined, Array<{tokens?: number; usd?: number}>, string, string | undefined]>([
		['no budget', undefined, [{usd: 100, tokens: 1e9}], 'ok', undefined],
		['a budget without limits', {}, [{usd: 100}], 'ok', undefined],
		['below the warning', {usd: 5}, [{usd: 3.99}], 'ok', undefined],
		['at the warning', {usd: 5}, [{usd: 4}], 'warn', 'board budget: $4.00 of $5.00 spent'],
		['past the warning', {usd: 5}, [{usd: 4.1}], 'warn', 'board budget: $4.10 of $5.00 spent'],
		['at the limit', {usd: 5}, [{usd: 5}], 'exhausted', 'board budget: $5.00 of $5.00 spent'],
		['past the limit', {usd: 5}, [{usd: 6.5}], 'exhausted', 'board budget: $6.50 of $5.00 spent'],
		['a zero limit', {usd: 0}, [], 'exhausted', 'board budget: $0.00 of $0.00 spent'],
		[
			'tokens',
			{tokens: 100_000},
			[{tokens: 120_000}],
			'exhausted',
			'board budget: 120,000 of 100,000 tokens spent',
		],
		[
			'a lower warning',
			{tokens: 1000, warnAt: 0.5},
			[{tokens: 500}],
			'warn',
			'board budget: 500 of 1,000 tokens spent',
		],
		['a warning of 1 warns only when exhausted', {usd: 5, warnAt: 1}, [{usd: 4.99}], 'ok', undefined],
		[
			'the most-used limit names the reason',
			{tokens: 1000, usd: 10},
			[{tokens: 900, usd: 5}],
			'warn',
			'board budget: 900 of 1,000 tokens spent',
		],
		[
			'any limit reached exhausts',
			{tokens: 1000, usd: 10},
			[{tokens: 900, usd: 10}],
			'exhausted',
			'board budget: $10.00 of $10.00 spent',
		],
		[
			'dollars summed in floats still reach their limit',
			{usd: 1},
			[{usd: 0.7}, {usd: 0.1}, {usd: 0.1}, {usd: 0.1}],
			'exhausted',
			'board budget: $1.00 of $1.00 spent',
		],
	])('%s', (_name, budget, costs, level, reason) => {
		const state = boardBudget(spending(costs).board, budget);
		expect(state.level).toBe(level);
		expect(state.reason).toBe(reason);
	});

	it('sums every job, whatever its status', () => {
		const history = spending(
			[{tokens: 10, usd: 1}],
			[
				{tokens: 5, usd: 0.25},
				{tokens: 1, usd: 0.25},
			],
			[],
		);
		history.add(jobId(1), draft('job.status_changed', {from: 'ready', to: 'done'}));

		expect(boardBudget(history.board, {usd: 2}).spent).toEqual({tokens: 16, usd: 1.5});
	});

	it('is ok with nothing spent on an empty board', () => {
		expect(boardBudget(new History().board, {usd: 5})).toEqual({spent: {tokens: 0, usd: 0}, level: 'ok'});
	});
});

describe('jobBudget', () => {
	it("counts only the job's own spending", () => {
		const history = spending([{usd: 2}], [{usd: 0.5}]);

		expect(jobBudget(history.job(jobId(1)), {usd: 2})).toEqual({
			spent: {tokens: 0, usd: 2},
			level: 'exhausted',
			reason: 'job budget: $2.00 of $2.00 spent',
		});
		expect(jobBudget(history.job(jobId(2)), {usd: 2})).toEqual({spent: {tokens: 0, usd: 0.5}, level: 'ok'});
	});

	it('is ok without a budget', () => {
		expect(jobBudget(spending([{tokens: 1e6}]).job(jobId(1)), undefined).level).toBe('ok');
	});
});
