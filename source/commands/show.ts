import {requireJob} from '../core/index.js';
import {formatJob} from './format.js';
import type {CommandSpec} from './types.js';

/** `show <id>`: one job in full, with its runs and its events. */
export const show: CommandSpec = {
	name: 'show',
	summary: 'show a job with its runs and events',
	examples: ['xsarena show 01JD8Q…', 'xsarena show 01JD8Q… --json'],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.option('--since <eventId>', 'only events after this one (ids are ULIDs: they sort by time)');
	},
	async run(context, [id = ''], options) {
		const job = requireJob(context.store.getSnapshot().board, id);
		const since = options['since'] as string | undefined;
		const events = context.store
			.readEvents(job.id)
			.filter((event) => since === undefined || event.id > since);
		return {data: {job, events}, text: formatJob(job, events)};
	},
};
