import {decideCost, requireJob} from '../core/index.js';
import {UsageError, type CommandSpec} from './types.js';

function amount(value: unknown, what: string, integer: boolean): number {
	if (value === undefined) {
		return 0;
	}

	const number = Number(value);
	if (!Number.isFinite(number) || number < 0 || (integer && !Number.isInteger(number))) {
		throw new UsageError(`--${what} must be a ${integer ? 'whole ' : ''}number ≥ 0, not "${String(value)}"`);
	}

	return number;
}

/**
 * `cost <id> [--tokens n] [--usd x]`: record spending on a job (a `job.cost` event). Agents report
 * what they spent this way (`xsarena cost "$XSARENA_JOB_ID" --tokens 1200 --usd 0.04`), and the
 * scheduler's budgets count it.
 */
export const cost: CommandSpec = {
	name: 'cost',
	summary: 'record tokens and dollars spent on a job (agents report their cost); budgets count it',
	examples: ['xsarena cost 01JD8Q… --tokens 12000 --usd 0.18'],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.option('--tokens <n>', 'tokens spent')
			.option('--usd <x>', 'dollars spent');
	},
	async run(context, [id = ''], options) {
		const tokens = amount(options['tokens'], 'tokens', true);
		const usd = amount(options['usd'], 'usd', false);
		const jobId = requireJob(context.store.getSnapshot().board, id).id;
		await context.store.transact(jobId, () => decideCost(tokens, usd), context.origin);
		const job = requireJob(context.store.getSnapshot().board, jobId);
		return {
			data: {id: jobId, cost: job.cost},
			text: `${jobId}: ${job.cost.tokens} tokens, $${job.cost.usd.toFixed(4)} in all`,
		};
	},
};
