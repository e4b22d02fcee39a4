import {Option} from 'commander';
import {jobStatuses, type JobStatus} from '../core/index.js';
import {formatJobTable} from './format.js';
import type {CommandSpec} from './types.js';

/** `list`: the jobs on the board, oldest first. */
export const list: CommandSpec = {
	name: 'list',
	aliases: ['ls'],
	summary: 'list jobs (oldest first)',
	examples: ['xsarena list', 'xsarena ls --status ready', 'xsarena list --json'],
	configure(command) {
		command.addOption(new Option('--status <status>', 'only this column').choices(jobStatuses));
	},
	async run(context, _args, options) {
		const status = options['status'] as JobStatus | undefined;
		const jobs = [...context.store.getSnapshot().board.jobs.values()]
			.filter((job) => !status || job.status === status)
			.sort((a, b) => (a.id < b.id ? -1 : 1));
		return {data: jobs, text: formatJobTable(jobs)};
	},
};
