/**
 * One run of a claimed job: resolve the agent (argv, token, place), start it in a pty, record
 * `run.started`, count its output, deliver input sent to it, watch what it does, and hand back how it
 * ended. The loop around runs (restart, judge, finish) is `job-runner.ts`.
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'yaml';
import {RunSession} from '../agents/run-session.js';
import {agentEnv} from '../config/agent-token.js';
import {compileAgentPattern, type AgentConfig, type Config} from '../config/config.js';
import {
	costIncrease,
	decideActivity,
	draft,
	fillTemplate,
	jobTemplateVars,
	type CostTotals,
	type Draft,
	type Job,
	type RunActivity,
	type RunEnd,
	type Supervision,
} from '../core/index.js';
import type {HomePaths} from '../store/paths.js';
import type {JobStore} from '../store/job-store.js';
import type {TerminalSize} from '../terminal/types.js';
import type {StateNotifier} from './hooks.js';
import {relayInput} from './input-relay.js';
import {prepareRunPlace} from './isolation.js';
import type {RunRegistry} from './run-registry.js';
import {RunWatch, type ExpiryReason} from './run-watch.js';

/** Longest a running job's output counter goes unrecorded (as a `run.output` event) after output, in ms. */
const outputEventIntervalMs = 5000;

/** What a run needs from the engine. */
export type IterationContext = {
	readonly engineId: string;
	readonly store: JobStore;
	readonly config: Config;
	readonly paths: HomePaths;
	readonly projectDir: string;
	readonly size: TerminalSize;
	readonly graceMs: number;
	readonly panes: RunRegistry;
	readonly notifier?: StateNotifier;
	readonly onOutput?: (jobId: string, data: string) => void;
	/** Appends drafts for the job under its lock; never throws (failures go to the engine's onError). */
	readonly record: (decide: (job: Job) => Draft[]) => Promise<void>;
};

/** How one run ended. */
export type IterationResult = {
	readonly end: RunEnd;
	/** Output bytes (after masking). */
	readonly bytes: number;
	/** sha1 of the run's output, to tell a run that printed exactly what the last one did. */
	readonly outputDigest: string;
	/** Working folder the run used. */
	readonly cwd: string;
	readonly usageLimit?: {readonly resetAt: string; readonly message: string};
};

/** A run that started. */
export type Iteration = {
	readonly result: Promise<IterationResult>;
	/** End the run's process group (SIGTERM, grace, SIGKILL); `reason` is recorded as its exit reason. */
	kill(reason?: string): Promise<void>;
};

/** Thrown when a run cannot start (unknown agent, missing token, no git repository…); the message says why. */
export class StartError extends Error {
	override readonly name = 'StartError';
}

function compile(pattern: string | undefined): RegExp | undefined {
	return pattern === undefined ? undefined : compileAgentPattern(pattern);
}

/** A run resolved and ready to launch: where, what argv, which environment. */
export type PreparedRun = {
	readonly n: number;
	readonly agent: AgentConfig;
	readonly argv: string[];
	readonly place: {readonly cwd: string; readonly branch?: string};
	readonly resumed: boolean;
	readonly env: Record<string, string>;
	/** Values to mask in the output (tokens). */
	readonly secrets: string[];
};

/**
 * Resolve run `n` (already claimed) of `job`: its agent, argv (the resume form after an interrupted
 * run, when the agent has one), token, and working folder (created, or a git worktree).
 *
 * @throws {StartError} when the run cannot start.
 */
export async function prepareIteration(
	context: IterationContext,
	job: Job,
	supervision: Supervision,
): Promise<PreparedRun> {
	const {config, paths} = context;
	const n = job.runs.at(-1)?.n ?? 1;
	const agent = config.agents[job.agent];
	if (!agent) {
		throw new StartError(
			`unknown agent "${job.agent}" (configured: ${Object.keys(config.agents).join(', ')})`,
		);
	}

	const previous = job.runs.at(-2);
	const resumed = previous?.state === 'interrupted' && agent.resume !== undefined;
	try {
		const place = await prepareRunPlace({
			isolation: supervision.isolation,
			jobId: job.id,
			projectDir: context.projectDir,
			agentCwd: agent.cwd,
			paths,
		});
		const argv = fillTemplate(
			resumed ? agent.resume! : agent.command,
			jobTemplateVars(job, place.cwd),
			job.agent,
		);
		const extra = agentEnv(job.agent, agent, {env: process.env, projectDir: context.projectDir});
		const runDir = paths.runDir(job.id, n);
		for (const folder of [runDir, paths.artifacts(job.id), place.cwd]) {
			fs.mkdirSync(folder, {recursive: true});
		}

		const env: Record<string, string> = {
			...(process.env as Record<string, string>),
			...extra.env,
			TERM: 'xterm-256color',
			COLORTERM: 'truecolor',
			XSARENA_HOME: paths.root,
			XSARENA_JOB_ID: job.id,
			XSARENA_RUN: String(n),
			XSARENA_AGENT: job.agent,
			XSARENA_DONE_FILE: path.join(runDir, 'DONE'),
			XSARENA_ARTIFACTS: paths.artifacts(job.id),
			XSARENA_WORKSPACE: place.cwd,
			...(previous?.restartReason ? {XSARENA_RESTART_REASON: previous.restartReason} : {}),
		};
		return {n, agent, argv, place, resumed, env, secrets: extra.secrets};
	} catch (error) {
		throw new StartError((error as Error).message);
	}
}

/**
 * Launch a prepared run in a pty and watch it.
 *
 * @throws {StartError} when the pty cannot be started; nothing is left running then.
 */
export function launchIteration(
	context: IterationContext,
	job: Job,
	prepared: PreparedRun,
	supervision: Supervision,
): Iteration {
	const [file = 'true', ...args] = prepared.argv;
	let session: RunSession;
	try {
		session = new RunSession({
			file,
			args,
			cwd: prepared.place.cwd,
			env: prepared.env,
			cols: context.size.cols,
			rows: context.size.rows,
			outputLog: context.paths.outputLog(job.id, prepared.n),
			scrollback: context.config.ui.scrollback,
			mask: prepared.secrets,
		});
	} catch (error) {
		throw new StartError((error as Error).message);
	}

	return watchIteration(context, job, prepared.n, {...prepared, session, supervision});
}

type Started = PreparedRun & {readonly session: RunSession; readonly supervision: Supervision};

function watchIteration(context: IterationContext, job: Job, n: number, started: Started): Iteration {
	const {session, agent, argv, place, resumed} = started;
	const {paths, record} = context;
	const startedAt = new Date().toISOString();
	const base = {
		job: job.id,
		run: n,
		agent: job.agent,
		command: argv,
		cwd: place.cwd,
		branch: place.branch,
		resumed,
		pid: session.pid,
		pgid: session.pid,
		startedAt,
	};
	writeRunYaml(paths.runYaml(job.id, n), base);
	context.panes.add({
		jobId: job.id,
		run: n,
		agent: job.agent,
		startedAt,
		screen: session.view,
		write: (data) => session.write(data),
	});
	const digest = createHash('sha1');
	session.onData((data) => {
		digest.update(data);
		context.onOutput?.(job.id, data);
	});
	void record(() => [
		draft('run.started', {
			run: n,
			pid: session.pid,
			agent: job.agent,
			command: argv,
			cwd: place.cwd,
			branch: place.branch,
			resumed: resumed || undefined,
		}),
	]);

	// Armed by output, not ticking: a run waiting for a person costs no wake-ups (B10).
	let counter: NodeJS.Timeout | undefined;
	const stopCounting = session.onBytes(() => {
		counter ??= setTimeout(() => {
			counter = undefined;
			void record(() => [draft('run.output', {run: n, bytes: session.bytes})]);
		}, outputEventIntervalMs).unref();
	});

	const stopRelay = relayInput(context.store, job.id, n, (data) => session.write(data));
	let endReason: string | undefined;
	let usageLimit: IterationResult['usageLimit'];
	// One stop ladder per run, however many times a cancel or an expiry asks for it.
	let killing: Promise<void> | undefined;
	const kill = async (reason?: string) => {
		endReason ??= reason;
		killing ??= session.kill(context.graceMs);
		await killing;
	};

	const changed = (from: RunActivity, to: RunActivity) => {
		void record((current) => decideActivity(current, n, to));
		context.notifier?.notify({jobId: job.id, title: job.title, run: n, from, to});
	};

	// What the agent's screen said it had spent, as recorded so far (cost lines show running totals).
	let costReported: CostTotals = {tokens: 0, usd: 0};
	const watch = new RunWatch(
		session,
		{
			patterns: {
				ready: compile(agent.readyPattern),
				busy: compile(agent.busyPattern),
				waiting: compile(agent.waitingPattern),
			},
			usageLimit: compile(agent.usageLimitPattern),
			cost: compile(agent.costPattern),
			timeoutMs: started.supervision.timeoutMs,
			idleTimeoutMs: started.supervision.idleTimeoutMs,
		},
		{
			onActivity: changed,
			onCost(seen) {
				const increase = costIncrease(costReported, seen);
				if (increase) {
					costReported = seen;
					void record(() => [draft('job.cost', increase)]);
				}
			},
			onExpire(reason: ExpiryReason, limit) {
				if (limit) {
					usageLimit = {resetAt: limit.resetAt.toISOString(), message: limit.message};
				}

				void kill(reason);
			},
		},
	);

	const result = session.exited.then(({code, signal}): IterationResult => {
		watch.stop();
		stopRelay();
		stopCounting();
		clearTimeout(counter);
		const endedAt = new Date().toISOString();
		writeRunYaml(paths.runYaml(job.id, n), {...base, endedAt, exitCode: code, signal, reason: endReason});
		context.panes.end(job.id, n, endedAt, code);
		context.notifier?.notify({jobId: job.id, title: job.title, run: n, from: watch.activity, to: 'exited'});
		return {
			end: {run: n, code, signal, reason: endReason},
			bytes: session.bytes,
			outputDigest: digest.digest('hex'),
			cwd: place.cwd,
			usageLimit,
		};
	});
	return {result, kill};
}

/** `runs/<n>/run.yaml`: what was started and how it ended (argv and ids only: secrets never appear). */
function writeRunYaml(file: string, record: Record<string, unknown>): void {
	fs.writeFileSync(file, stringify(record));
}
