import {decideResume, requireJob} from '../core/index.js';
import type {CommandSpec} from './types.js';

/** `resume <id>`: a blocked job (paused, cancelled, failed) goes back to `ready`. */
export const resume: CommandSpec = {
	name: 'resume',
	summary: 'put a blocked job (paused, cancelled, failed) back in ready; author jobs go on at the next chunk',
	examples: ['xsarena resume 01JD8Q…'],
	configure(command) {
		command.argument('<id>', 'job id (or a unique prefix of it)');
	},
	async run(context, [id = ''], _options) {
		const jobId = requireJob(context.store.getSnapshot().board, id).id;
		await context.store.transact(jobId, (board) => decideResume(requireJob(board, jobId)), context.origin);
		context.engine?.poke();
		const job = requireJob(context.store.getSnapshot().board, jobId);
		const from = job.author ? ` at chunk ${job.author.chunks + 1} of ${job.author.spec.chunks}` : '';
		return {data: {id: jobId, status: job.status}, text: `${jobId} → ${job.status}${from}`};
	},
};
