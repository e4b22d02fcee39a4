import {jobStatuses} from '../core/index.js';
import {readEngineLock} from '../engine/engine-lock.js';
import {countByStatus} from './format.js';
import type {CommandSpec} from './types.js';

/** `status`: jobs per column, runs active/limit, and who runs the engine. */
export const status: CommandSpec = {
	name: 'status',
	summary: 'jobs per column, runs active/limit, engine state',
	examples: ['xsarena status', 'xsarena status --json'],
	configure() {},
	async run(context) {
		const {board, warnings, error} = context.store.getSnapshot();
		const counts = countByStatus(board.jobs.values());
		const limit = context.engine?.limit ?? context.config.scheduler.concurrency;
		const owner = readEngineLock(context.paths.engineLock);
		const engine =
			context.engine?.state === 'running'
				? 'running in this process'
				: owner
					? `running in pid ${owner.pid} (${owner.engine})`
					: 'not running (start the dashboard, or: xsarena dispatch)';
		const lines = [
			jobStatuses.map((name) => `${name} ${counts[name]}`).join(' · '),
			`runs ${counts.in_flight}/${limit}`,
			`engine ${engine}`,
			`home ${context.paths.root}`,
		];
		if (warnings.length > 0) {
			lines.push(`warnings ${warnings.length} (latest: ${warnings.at(-1)?.message ?? ''})`);
		}

		if (error) {
			lines.push(`error ${error}`);
		}

		return {
			data: {
				counts,
				active: counts.in_flight,
				limit,
				engine: owner ?? null,
				home: context.paths.root,
				warnings,
				error,
			},
			text: lines.join('\n'),
		};
	},
};
