import {decideDispatch, requireJob} from '../core/index.js';
import {readEngineLock} from '../engine/engine-lock.js';
import type {CommandContext, CommandResult, CommandSpec} from './types.js';

async function foreground(context: CommandContext, jobId: string | undefined): Promise<CommandResult> {
	// Loaded on demand: ptys and terminal emulation would add ~200 ms to every other command's start.
	const {dispatchInForeground} = await import('../engine/foreground.js');
	const job = await dispatchInForeground({
		store: context.store,
		config: context.config,
		paths: context.paths,
		projectDir: context.projectDir,
		jobId,
		write: context.write ?? (() => {}),
		signal: context.signal,
	});
	if (!job) {
		return {data: {started: null}, text: 'no ready job to dispatch'};
	}

	const failed = job.status === 'blocked';
	return {
		data: {job},
		text: `\n${job.id} → ${job.status}${job.reason ? ` (${job.reason})` : ''}`,
		exitCode: failed ? 1 : 0,
	};
}

/** `dispatch [id]`: start a job (or the next ready ones) now, within the concurrency limit. */
export const dispatch: CommandSpec = {
	name: 'dispatch',
	summary: 'start a job now (or the next ready jobs), within the concurrency limit',
	examples: ['xsarena dispatch', 'xsarena dispatch 01JD8Q…'],
	configure(command) {
		command.argument('[id]', 'job id (or a unique prefix of it); default: the next ready jobs');
	},
	async run(context, [id], _options) {
		const jobId = id === undefined ? undefined : requireJob(context.store.getSnapshot().board, id).id;
		if (jobId) {
			await context.store.transact(
				jobId,
				(board) => decideDispatch(board, requireJob(board, jobId)),
				context.origin,
			);
		}

		const engine = context.engine?.state === 'running' ? context.engine : undefined;
		if (engine) {
			engine.poke();
			const full = engine.active >= engine.limit;
			const text = full
				? `${jobId ?? 'ready jobs'} will start when a run ends (${engine.active}/${engine.limit} running)`
				: `${jobId ? `${jobId} starting` : 'dispatching ready jobs'}`;
			return {data: {id: jobId ?? null, queued: full}, text};
		}

		const owner = readEngineLock(context.paths.engineLock);
		if (owner) {
			return {
				data: {id: jobId ?? null, engine: owner},
				text: `${jobId ?? 'ready jobs'}: asked the engine in pid ${owner.pid} to start it`,
			};
		}

		if (context.origin === 'repl') {
			return {data: {id: jobId ?? null}, text: 'this dashboard is a viewer; no engine is running'};
		}

		return foreground(context, jobId);
	},
};
