import {decideHint, requireJob} from '../core/index.js';
import type {CommandSpec} from './types.js';

/** `next <id> <hint…>`: steer an author job's next chunk; the hint wins over the model's own `NEXT:`. */
export const next: CommandSpec = {
	name: 'next',
	summary: "steer an author job's next chunk (wins over the model's own NEXT: hint)",
	examples: ['xsarena next 01JD8Q… cover error handling with examples'],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.argument('<hint...>', 'what the next chunk should cover (words are joined by spaces)');
	},
	async run(context, [id = '', ...words], _options) {
		const jobId = requireJob(context.store.getSnapshot().board, id).id;
		const [event] = await context.store.transact(
			jobId,
			(board) => decideHint(requireJob(board, jobId), words.join(' ')),
			context.origin,
		);
		const job = requireJob(context.store.getSnapshot().board, jobId);
		const chunk = (job.author?.chunks ?? 0) + 1;
		return {
			data: {id: jobId, hint: event!.id, chunk},
			text: `${jobId}: hint queued; the next chunk to start (${chunk} or later) follows it`,
		};
	},
};
