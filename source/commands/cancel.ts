import {activeRun, decideCancel, decideInterrupt, requireJob, type Draft, type Job} from '../core/index.js';
import {readEngineLock} from '../engine/engine-lock.js';
import type {CommandContext, CommandResult, CommandSpec} from './types.js';

/** How long a shell `cancel` waits for the engine to stop the run, in ms. */
const waitMs = 15_000;

async function waitUntilStopped(context: CommandContext, jobId: string): Promise<void> {
	const deadline = Date.now() + waitMs;
	while (Date.now() < deadline && context.store.getSnapshot().board.jobs.get(jobId)?.status === 'in_flight') {
		await new Promise((resolve) => setTimeout(resolve, 50));
		context.store.refresh();
	}
}

/**
 * Ask for a job's run to stop (`decide` appends `job.cancel_requested` with `reason`, or blocks a job
 * not running at once), then see it through: poke the in-process engine, wait for another process's
 * engine, or record the stop here when no engine is alive. Shared by `cancel` and `pause`.
 */
export async function stopJob(
	context: CommandContext,
	id: string,
	decide: (job: Job) => Draft[],
	reason: string,
): Promise<CommandResult> {
	const jobId = requireJob(context.store.getSnapshot().board, id).id;
	await context.store.transact(jobId, (board) => decide(requireJob(board, jobId)), context.origin);
	const job = requireJob(context.store.getSnapshot().board, jobId);
	if (job.cancelRequested) {
		const engineAlive = context.engine?.state === 'running' || readEngineLock(context.paths.engineLock);
		if (!engineAlive) {
			// Nobody runs it: the run is a leftover of a dead engine; record the stop here.
			await context.store.transact(
				jobId,
				(board) => decideInterrupt(requireJob(board, jobId), reason),
				context.origin,
			);
		} else if (context.engine) {
			context.engine.poke();
		} else {
			await waitUntilStopped(context, jobId);
		}
	}

	const after = requireJob(context.store.getSnapshot().board, jobId);
	const pending = after.status === 'in_flight' || activeRun(after) !== undefined;
	return {
		data: {id: jobId, status: after.status, pending},
		text: pending ? `${jobId}: stopping its run` : `${jobId} → ${after.status} (${after.reason ?? reason})`,
	};
}

/** `cancel <id>`: stop a job's run (its whole process group) and move it to `blocked`. */
export const cancel: CommandSpec = {
	name: 'cancel',
	summary: "stop a job's run (the whole process group) and block it as cancelled",
	examples: ['xsarena cancel 01JD8Q…'],
	configure(command) {
		command.argument('<id>', 'job id (or a unique prefix of it)');
	},
	async run(context, [id = ''], _options) {
		return stopJob(context, id, (job) => decideCancel(job), 'cancelled');
	},
};
