import {decidePause, pausedReason} from '../core/index.js';
import {stopJob} from './cancel.js';
import type {CommandSpec} from './types.js';

/**
 * `pause <id>`: stop a job's run and block it as `paused`; `resume` puts it back in `ready`. An author
 * job keeps every completed chunk and continues with the next one.
 */
export const pause: CommandSpec = {
	name: 'pause',
	summary: 'stop a job for now (blocked: paused); resume continues it (author jobs at the next chunk)',
	examples: ['xsarena pause 01JD8Q…'],
	configure(command) {
		command.argument('<id>', 'job id (or a unique prefix of it)');
	},
	async run(context, [id = ''], _options) {
		return stopJob(context, id, (job) => decidePause(job), pausedReason);
	},
};
