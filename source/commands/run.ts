/**
 * `xsarena run --headless`: the engine without the screen. It dispatches jobs like a dashboard does,
 * prints one line per event to stdout, and on SIGTERM or Ctrl-C stops its runs (the stop ladder) and
 * exits 0. Several may run on one board (claims and limits hold across them); a dashboard opened
 * meanwhile is a viewer.
 */
import {readEngineLock} from '../engine/engine-lock.js';
import {budgetWarningNotice, gateChangeNotice} from '../engine/schedule.js';
import {JobStore} from '../store/job-store.js';
import {describeEvent} from './event-line.js';
import type {CommandContext, CommandSpec} from './types.js';

/** `run --headless`. */
export const run: CommandSpec = {
	name: 'run',
	summary: 'run the engine without the dashboard (--headless); one line per event; SIGTERM stops it',
	examples: ['xsarena run --headless'],
	only: 'cli',
	configure(command) {
		command.option('--headless', 'no screen: the only mode, named so scripts say what they mean');
	},
	async run(context) {
		const write = context.write ?? (() => undefined);
		// The one-shot CLI store does not watch; an engine must hear other processes at once.
		const store = JobStore.open(context.paths.root, {
			watch: context.config.store.watch === 'poll' ? 'poll' : true,
			fsync: context.config.store.fsync,
		});
		const {Engine} = await import('../engine/engine.js');
		const engine = new Engine({
			store,
			mode: 'shared',
			config: context.config,
			paths: context.paths,
			projectDir: context.projectDir,
			onError(error) {
				process.stderr.write(`engine: ${error.message}\n`);
			},
			onBudgetWarning(state) {
				write(`${new Date().toISOString()}  scheduler: ${budgetWarningNotice(state)}\n`);
			},
			onGate(gate) {
				write(`${new Date().toISOString()}  scheduler: ${gateChangeNotice(gate)}\n`);
			},
		});
		try {
			if ((await engine.start()) !== 'running') {
				const owner = readEngineLock(context.paths.engineLock);
				await engine.stop();
				return {
					data: {state: 'refused'},
					text: `another engine runs jobs here (pid ${owner?.pid ?? '?'})`,
					exitCode: 1,
				};
			}

			write(`engine ${engine.id} running in ${context.paths.root}; SIGTERM or Ctrl-C stops it\n`);
			const stopLogging = logEvents(store, write);
			const reason = await stopped(context);
			stopLogging();
			write(`stopping (${reason}): ending ${engine.active} run${engine.active === 1 ? '' : 's'}\n`);
			await engine.stop(`the headless engine stopped (${reason})`);
			return {data: {state: 'stopped', reason}, text: 'stopped'};
		} finally {
			await engine.stop();
			await store.close();
		}
	},
};

/** Resolves with the signal's name once SIGTERM arrives or the command is interrupted (SIGINT). */
async function stopped(context: CommandContext): Promise<string> {
	return new Promise((resolve) => {
		const onTerm = () => {
			finish('SIGTERM');
		};

		const onAbort = () => {
			finish('SIGINT');
		};

		const finish = (reason: string) => {
			process.off('SIGTERM', onTerm);
			context.signal?.removeEventListener('abort', onAbort);
			resolve(reason);
		};

		process.once('SIGTERM', onTerm);
		if (context.signal?.aborted) {
			finish('SIGINT');
		} else {
			context.signal?.addEventListener('abort', onAbort, {once: true});
		}
	});
}

/**
 * Print every event appended from now on, by any process, one line each, in each log's order. Each
 * log is read on from where the last read stopped, so a busy job costs its new bytes, not its size.
 */
function logEvents(store: JobStore, write: (text: string) => void): () => void {
	const offsets = new Map<string, number>();
	const seen = new Map<string, string>();
	for (const job of store.getSnapshot().board.jobs.values()) {
		offsets.set(job.id, store.readEventsFrom(job.id, 0).offset);
		seen.set(job.id, job.lastEventId);
	}

	return store.subscribe(() => {
		for (const job of store.getSnapshot().board.jobs.values()) {
			if (seen.get(job.id) === job.lastEventId) {
				continue;
			}

			seen.set(job.id, job.lastEventId);
			const {events, offset} = store.readEventsFrom(job.id, offsets.get(job.id) ?? 0);
			offsets.set(job.id, offset);
			for (const event of events) {
				write(`${describeEvent(event, job.title)}\n`);
			}
		}
	});
}
