/**
 * `xsarena dispatch` from a shell when no engine runs: start the job here, print its output as it
 * comes, and wait for it to end. Takes the engine lock like any engine, so a dashboard started
 * meanwhile becomes a viewer instead of running the job twice.
 */
import type {Config} from '../config/config.js';
import type {Job} from '../core/index.js';
import type {HomePaths} from '../store/paths.js';
import type {JobStore} from '../store/job-store.js';
import {Engine} from './engine.js';

/** How often a foreground dispatch reads other processes' appends, in ms. */
const foregroundPollMs = 200;

/** What a foreground dispatch needs. */
export type ForegroundOptions = {
	readonly store: JobStore;
	readonly config: Config;
	readonly paths: HomePaths;
	readonly projectDir: string;
	/** The job to run; the next ready job when absent. */
	readonly jobId?: string;
	/** Receives the run's output as it comes. */
	readonly write: (text: string) => void;
	readonly signal?: AbortSignal;
};

/**
 * Run one job in this process and wait for it.
 *
 * @returns the job as it ended, or `undefined` when there was nothing to run.
 * @throws {Error} when another engine holds the lock (the caller should have checked).
 */
export async function dispatchInForeground(options: ForegroundOptions): Promise<Job | undefined> {
	let chosen = options.jobId;
	const engine = new Engine({
		...options,
		config: {...options.config, scheduler: {...options.config.scheduler, concurrency: 1}},
		initialSize: () => ({cols: process.stdout.columns || 120, rows: process.stdout.rows || 40}),
		only(job) {
			chosen ??= job.id;
			return job.id === chosen;
		},
		onOutput: (_jobId, data) => options.write(data),
	});
	if ((await engine.start()) !== 'running') {
		throw new Error('another xsarena engine is running; it will start the job');
	}

	const abort = () => void engine.stop('interrupted from the shell');
	options.signal?.addEventListener('abort', abort, {once: true});
	// A one-shot CLI store does not watch: read other processes' appends (a cancel, input sent with
	// `send`, a message) on a short poll while the job runs.
	const poll = setInterval(() => {
		options.store.refresh();
	}, foregroundPollMs);
	try {
		await engine.whenIdle();
	} finally {
		clearInterval(poll);
		options.signal?.removeEventListener('abort', abort);
		await engine.stop();
	}

	return chosen === undefined ? undefined : options.store.getSnapshot().board.jobs.get(chosen);
}
