import {decidePost, requireJob} from '../core/index.js';
import type {CommandContext, CommandSpec} from './types.js';

/**
 * Who a post is from when `--from` is not given: the agent, when an agent runs the command from its
 * run (the engine sets `XSARENA_JOB_ID` and `XSARENA_AGENT`), else where it was typed (`cli`, `repl`).
 */
function defaultAuthor(context: CommandContext, env: NodeJS.ProcessEnv): string {
	if (env['XSARENA_JOB_ID'] && env['XSARENA_AGENT']) {
		return env['XSARENA_AGENT'];
	}

	return context.origin;
}

/** `post <id> <text…> [--from <name>]`: post a message to a job's bus and print its event id. */
export const post: CommandSpec = {
	name: 'post',
	summary: "post a message to a job's bus (agents and people); prints the message id",
	examples: [
		'xsarena post 01JD8Q… "the schema changed, re-read db/schema.sql"',
		'xsarena post 01JD8Q… done with step 2 --from reviewer',
	],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.argument('<text...>', 'the message (words are joined by spaces)')
			.option('--from <name>', 'author (default: the agent running this, else cli or repl)');
	},
	async run(context, [id = '', ...words], options) {
		const text = words.join(' ');
		const from = (options['from'] as string | undefined) ?? defaultAuthor(context, process.env);
		const jobId = requireJob(context.store.getSnapshot().board, id).id;
		const [event] = await context.store.transact(jobId, () => decidePost(from, text), context.origin);
		return {data: {id: jobId, message: event!.id, from}, text: event!.id};
	},
};
