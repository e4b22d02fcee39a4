/**
 * One run, from claim to exit: resolve the agent, start it in a pty, record `run.started`, count its
 * output, and on exit record `run.exited` and move the job on (or, when the engine stops, mark the run
 * interrupted so the job is re-queued).
 */
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'yaml';
import {RunSession} from '../agents/run-session.js';
import type {Config} from '../config/config.js';
import {
	decideExit,
	decideInterrupt,
	draft,
	fillTemplate,
	jobTemplateVars,
	lastRunNumber,
	requireJob,
	type Draft,
	type Job,
} from '../core/index.js';
import type {HomePaths} from '../store/paths.js';
import type {JobStore} from '../store/job-store.js';
import type {TerminalSize} from '../terminal/types.js';
import type {RunRegistry} from './run-registry.js';

/** How often a running job's output counter is recorded as a `run.output` event, in ms. */
const outputEventIntervalMs = 5000;

/** What {@link startRun} needs. */
export type StartRunOptions = {
	readonly job: Job;
	readonly engineId: string;
	readonly store: JobStore;
	readonly config: Config;
	readonly paths: HomePaths;
	readonly projectDir: string;
	readonly size: TerminalSize;
	readonly graceMs: number;
	readonly panes: RunRegistry;
	readonly onOutput?: (jobId: string, data: string) => void;
	readonly onError?: (error: Error) => void;
};

/** A run in progress, as the engine holds it. */
export type ActiveRun = {
	/** Settles once the run's end has been recorded. */
	readonly done: Promise<void>;
	/** Kill the process group because a cancel was requested (the exit is recorded as cancelled). */
	cancel(): void;
	/** Kill the process group because the engine stops; the run is recorded as interrupted. */
	stop(reason: string): Promise<void>;
};

/** Write `runs/<n>/run.yaml`: what was started and how it ended (secrets never appear: argv and ids only). */
function writeRunYaml(file: string, record: Record<string, unknown>): void {
	fs.writeFileSync(file, stringify(record));
}

/**
 * Start the claimed job's latest run. Never throws: a run that cannot start is recorded as failed.
 */
export function startRun(options: StartRunOptions): ActiveRun {
	const {job, store, config, paths, engineId} = options;
	const by = `engine:${engineId}`;
	const n = lastRunNumber(job);
	const agent = config.agents[job.agent];
	const record = async (decide: (job: Job) => Draft[]) => {
		try {
			await store.transact(job.id, (board) => decide(requireJob(board, job.id)), by);
		} catch (error) {
			options.onError?.(error as Error);
		}
	};

	let argv: string[];
	try {
		if (!agent) {
			throw new Error(`unknown agent "${job.agent}"`);
		}

		argv = fillTemplate(agent.command, jobTemplateVars(job, paths.workspace(job.id)), job.agent);
	} catch (error) {
		const reason = `could not start: ${(error as Error).message}`;
		const done = record((current) => [
			...decideInterrupt(current, reason).filter((event) => event.type === 'run.interrupted'),
			draft('job.status_changed', {from: current.status, to: 'blocked', reason}),
		]);
		return {done, cancel() {}, stop: async () => done};
	}

	const runDir = paths.runDir(job.id, n);
	for (const folder of [runDir, paths.workspace(job.id), paths.artifacts(job.id)]) {
		fs.mkdirSync(folder, {recursive: true});
	}

	const [file = 'true', ...args] = argv;
	const session = new RunSession({
		file,
		args,
		cwd: agent.cwd ? path.resolve(options.projectDir, agent.cwd) : options.projectDir,
		env: {
			...(process.env as Record<string, string>),
			...agent.env,
			TERM: 'xterm-256color',
			COLORTERM: 'truecolor',
			XSARENA_HOME: paths.root,
			XSARENA_JOB_ID: job.id,
			XSARENA_RUN: String(n),
			XSARENA_DONE_FILE: path.join(runDir, 'DONE'),
			XSARENA_ARTIFACTS: paths.artifacts(job.id),
			XSARENA_WORKSPACE: paths.workspace(job.id),
		},
		cols: options.size.cols,
		rows: options.size.rows,
		outputLog: paths.outputLog(job.id, n),
		scrollback: config.ui.scrollback,
	});
	const startedAt = new Date().toISOString();
	const base = {
		job: job.id,
		run: n,
		agent: job.agent,
		command: argv,
		pid: session.pid,
		pgid: session.pid,
		startedAt,
	};
	writeRunYaml(paths.runYaml(job.id, n), base);
	options.panes.add({
		jobId: job.id,
		run: n,
		agent: job.agent,
		startedAt,
		screen: session.screen,
		write: (data) => session.write(data),
	});
	if (options.onOutput) {
		session.onData((data) => options.onOutput?.(job.id, data));
	}

	void record(() => [draft('run.started', {run: n, pid: session.pid, agent: job.agent, command: argv})]);
	let reported = 0;
	const timer = setInterval(() => {
		if (session.bytes !== reported) {
			reported = session.bytes;
			void record(() => [draft('run.output', {run: n, bytes: reported})]);
		}
	}, outputEventIntervalMs);
	timer.unref();

	let stopReason: string | undefined;
	let cancelling = false;
	const done = session.exited.then(async ({code, signal}) => {
		clearInterval(timer);
		const endedAt = new Date().toISOString();
		writeRunYaml(paths.runYaml(job.id, n), {...base, endedAt, exitCode: code, signal});
		options.panes.end(job.id, n, endedAt, code);
		const output = draft('run.output', {run: n, bytes: session.bytes});
		await record((current) =>
			stopReason === undefined
				? [output, ...decideExit(current, {run: n, code: code, signal: signal})]
				: [output, ...decideInterrupt(current, stopReason)],
		);
	});
	return {
		done,
		cancel() {
			if (!cancelling) {
				cancelling = true;
				void session.kill(options.graceMs);
			}
		},
		async stop(reason) {
			stopReason = reason;
			await session.kill(options.graceMs);
			await done;
		},
	};
}
