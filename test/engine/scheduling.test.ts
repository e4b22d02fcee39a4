/**
 * The scheduler's limits against the real engine: per-agent limits, quiet hours and budgets are hard
 * gates (core/scheduler.ts decides; the engine obeys and says why).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {draft, type BudgetState, type Gate, type Job} from '../../source/core/index.js';
import {waitFor} from '../helpers/wait-for.js';
import {cleanUp, engineBoard} from './helpers.js';

afterEach(cleanUp);

function setup(config: Record<string, unknown>, now?: () => Date) {
	const gates: Gate[] = [];
	const warnings: BudgetState[] = [];
	const board = engineBoard({
		config,
		store: {watch: false},
		engine: {now, onGate: (gate) => gates.push(gate), onBudgetWarning: (state) => warnings.push(state)},
	});
	return {...board, gates, warnings};
}

const running = (jobs: Iterable<Job>, agent: string) =>
	[...jobs].filter((job) => job.status === 'in_flight' && job.agent === agent).length;

describe('the engine under the scheduler’s limits', () => {
	it(
		'never runs more of an agent than its per-agent limit, within the global one',
		{timeout: 30_000},
		async () => {
			const {engine, add, job, store} = setup({
				scheduler: {concurrency: 3, perAgent: {slow: 1}},
				agents: {slow: {command: ['bash', '-c', '{command}']}},
			});
			const slow = [1, 2, 3].map(() => add({agent: 'slow', command: 'sleep 0.3'}));
			const quick = [1, 2].map(() => add({command: 'sleep 0.3'}));
			let mostSlow = 0;
			let most = 0;
			store.subscribe(() => {
				const jobs = [...store.getSnapshot().board.jobs.values()];
				mostSlow = Math.max(mostSlow, running(jobs, 'slow'));
				most = Math.max(most, jobs.filter((candidate) => candidate.status === 'in_flight').length);
			});
			await engine.start();
			await waitFor(() => [...slow, ...quick].every((id) => job(id).status === 'done'), 20_000);

			expect(mostSlow).toBe(1);
			expect(most).toBeLessThanOrEqual(3);
			expect(most).toBeGreaterThanOrEqual(2);
		},
	);

	it('starts nothing inside quiet hours, and says until when', {timeout: 20_000}, async () => {
		const now = new Date();
		const start = `${String(now.getHours()).padStart(2, '0')}:00`;
		const end = `${String((now.getHours() + 2) % 24).padStart(2, '0')}:00`;
		const {engine, add, job, gates} = setup({scheduler: {quietHours: [`${start}-${end}`]}});
		const id = add({command: 'echo should-not-run'});
		await engine.start();
		await waitFor(() => gates.length > 0, 5000);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(job(id)).toMatchObject({status: 'ready', runs: []});
		// "until 07:00", or "until Thu 01:00" when the window ends on another day.
		expect(gates[0]).toMatchObject({
			open: false,
			reason: expect.stringMatching(new RegExp(`^quiet hours until (\\w+ )?${end}$`)) as unknown,
		});
		expect((gates[0] as {until: Date}).until.getTime()).toBeGreaterThan(Date.now());
	});

	it('starts nothing once the board budget is spent, and names the budget', {timeout: 20_000}, async () => {
		const {engine, add, job, gates, store} = setup({budget: {usd: 1}});
		const spender = add({status: 'done'});
		store.append(spender, [draft('job.cost', {tokens: 1000, usd: 1})], 'test');
		const id = add({command: 'echo should-not-run'});
		await engine.start();
		await waitFor(() => gates.length > 0, 5000);

		expect(job(id).runs).toEqual([]);
		expect(gates[0]).toMatchObject({
			open: false,
			reason: expect.stringMatching(/^board budget: \$1\.00 of \$1\.00/) as unknown,
		});
	});

	it(
		'warns once the board spent its warnAt share of the budget, and still runs jobs',
		{timeout: 20_000},
		async () => {
			const {engine, add, job, warnings, store} = setup({budget: {usd: 1, warnAt: 0.5}});
			const spender = add({status: 'done'});
			store.append(spender, [draft('job.cost', {tokens: 10, usd: 0.6})], 'test');
			const id = add({command: 'true'});
			await engine.start();
			await waitFor(() => job(id).status === 'done', 10_000);

			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatchObject({
				level: 'warn',
				reason: expect.stringMatching(/\$0\.60 of \$1\.00/) as unknown,
			});
		},
	);

	it(
		'with quietHoursRunning: pause, stops runs when quiet hours begin and resumes them after',
		{timeout: 30_000},
		async () => {
			let clock = new Date(2026, 10, 26, 21, 59);
			const {engine, add, job} = setup(
				{
					scheduler: {quietHours: ['22:00-07:00'], quietHoursRunning: 'pause'},
					agents: {
						chat: {command: ['bash', '-c', 'sleep 100'], resume: ['bash', '-c', 'echo resumed; sleep 100']},
					},
				},
				() => clock,
			);
			const id = add({agent: 'chat'});
			await engine.start();
			await waitFor(() => job(id).runs[0]?.pid, 10_000);

			clock = new Date(2026, 10, 26, 22, 1);
			engine.poke();
			await waitFor(() => job(id).status === 'ready', 10_000);
			expect(job(id).runs[0]).toMatchObject({
				state: 'interrupted',
				reason: 'paused: quiet hours until Fri 07:00',
			});

			clock = new Date(2026, 10, 27, 7, 0);
			engine.poke();
			await waitFor(() => job(id).runs[1]?.pid, 10_000);
			expect(job(id).runs[1]).toMatchObject({state: 'running', resumed: true});
		},
	);
});
