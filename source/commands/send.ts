import {decideSend, requireJob, type EventData} from '../core/index.js';
import type {CommandSpec} from './types.js';

/**
 * `send <id> [text…] [--enter]`: type text into the job's running agent. The input is appended to the
 * job's log as `job.input`; the engine running the job (in this process or another) delivers it to
 * the agent's terminal, so this works from any shell.
 */
export const send: CommandSpec = {
	name: 'send',
	summary: "type text into a job's running agent (--enter presses Enter); works from any process",
	examples: ['xsarena send 01JD8Q… yes --enter', 'xsarena send 01JD8Q… "/compact" --enter'],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.argument('[text...]', 'text to type (words are joined by spaces)')
			.option('--enter', 'press Enter after the text');
	},
	async run(context, [id = '', ...words], options) {
		const text = words.join(' ');
		const enter = options['enter'] === true;
		const jobId = requireJob(context.store.getSnapshot().board, id).id;
		const [event] = await context.store.transact(
			jobId,
			(board) => decideSend(requireJob(board, jobId), text, enter),
			context.origin,
		);
		const {run} = event!.data as EventData<'job.input'>;
		const what = [text === '' ? '' : `${[...text].length} chars`, enter ? 'Enter' : '']
			.filter(Boolean)
			.join(' and ');
		return {
			data: {id: jobId, run, event: event!.id, chars: [...text].length, enter},
			text: `sent ${what} to run ${run} of ${jobId}`,
		};
	},
};
