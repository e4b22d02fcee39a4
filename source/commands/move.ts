import {decideMove, parseStatus, requireJob} from '../core/index.js';
import type {CommandSpec} from './types.js';

/** `move <id> <status>`: put a job in another column by hand. */
export const move: CommandSpec = {
	name: 'move',
	aliases: ['mv'],
	summary: 'move a job to another column',
	examples: ['xsarena move 01JD8Q… review', 'xsarena mv 01JD8Q… blocked --reason "waiting for the API key"'],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.argument('<status>', 'inbox, planning, ready, review, done or blocked')
			.option('--reason <text>', 'why (shown on the card)');
	},
	async run(context, [id = '', status = ''], options) {
		const to = parseStatus(status);
		const {id: jobId} = requireJob(context.store.getSnapshot().board, id);
		const reason = options['reason'] as string | undefined;
		await context.store.transact(
			jobId,
			(board) => decideMove(requireJob(board, jobId), to, reason),
			context.origin,
		);
		context.engine?.poke();
		return {data: {id: jobId, status: to}, text: `${jobId} → ${to}`};
	},
};
