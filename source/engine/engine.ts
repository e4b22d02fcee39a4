/**
 * The engine: claims ready jobs up to the concurrency limit, runs them, records what happened, and
 * re-queues runs whose engine died. One per `.xsarena/` (see `engine-lock.ts`); it reacts to the
 * store, so a job added or cancelled by another process is acted on within one watcher delay.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import {monotonicFactory} from 'ulid';
import type {Config} from '../config/config.js';
import {
	activeRun,
	decideClaim,
	decideSend,
	DomainError,
	requireJob,
	boardBudget,
	type Board,
	type BudgetState,
	type Draft,
	type Gate,
	type Job,
	type SchedulerPolicy,
} from '../core/index.js';
import type {EngineHandle} from '../commands/types.js';
import type {HomePaths} from '../store/paths.js';
import type {JobStore} from '../store/job-store.js';
import type {TerminalSize} from '../terminal/types.js';
import {acquireEngineLock, type EngineLock} from './engine-lock.js';
import {EngineLease, liveLeases} from './engine-leases.js';
import {StateNotifier} from './hooks.js';
import {defaultDirectiveRoots, loadDirectives} from '../config/directives.js';
import {createTransports, type Transports} from '../llm/transports.js';
import {runAuthorJob} from './author/author-runner.js';
import type {AuthorServices} from './author/prepare-book.js';
import {runJob, type ActiveRun} from './job-runner.js';
import {ownedRun, recoverStaleRuns, wakeDueJobs} from './recover.js';
import {gateNotice, planPass, policyFromConfig, type Plan} from './schedule.js';
import {RemoteRuns} from './remote-runs.js';
import {RunRegistry} from './run-registry.js';

/** How the engine is set up. */
export type EngineOptions = {
	readonly store: JobStore;
	readonly config: Config;
	readonly paths: HomePaths;
	/** Default working folder of agents (the folder holding `.xsarena/`). */
	readonly projectDir: string;
	/** Size of a new run's pty before the UI lays its pane out, in cells. */
	readonly initialSize?: () => TerminalSize;
	/** Only these jobs may be started (a foreground `dispatch` from a shell). */
	readonly only?: (job: Job) => boolean;
	/** Receives every output chunk of every run (a foreground `dispatch` prints them). */
	readonly onOutput?: (jobId: string, data: string) => void;
	/** Grace between SIGTERM and SIGKILL when stopping a run, in ms; default `scheduler.graceMs`. */
	readonly graceMs?: number;
	/**
	 * `exclusive` (default: a dashboard, a foreground dispatch): holds the engine lock, and is a viewer
	 * when another exclusive engine or any headless one runs. `shared` (`run --headless`): runs beside
	 * any other engine; claims and limits are kept by the claims lock.
	 */
	readonly mode?: 'exclusive' | 'shared';
	/** The clock the scheduler reads (quiet hours, aging); tests set it. Default: the real time. */
	readonly now?: () => Date;
	/** Told when the board's spending reaches the budget's `warnAt` fraction. */
	readonly onBudgetWarning?: (state: BudgetState) => void;
	/** Told when no run may start (quiet hours, budget) and when runs may start again. */
	readonly onGate?: (gate: Gate) => void;
	/** Rings the terminal bell (the dashboard writes BEL); only called when `notify.bell` is on. */
	readonly ringBell?: () => void;
	/** Told about failures that are not any one job's (the UI shows them). */
	readonly onError?: (error: Error) => void;
	/** Transports of author jobs; default: the ones `config.yml` configures (tests pass their own). */
	readonly transports?: Transports;
};

const newId = monotonicFactory();

/** Longest the engine waits for running hooks when it stops, in ms (then they are killed). */
const hookDrainMs = 1000;

/**
 * How often leases are looked at while other engines have runs on the board, in ms: a same-host
 * engine that died (kill -9) is noticed by its pid this soon, one elsewhere once its lease expired.
 */
const orphanCheckMs = 2000;

/** Added to time-based deadlines, in ms: timers may fire a little before the clock reaches them. */
const timerSlackMs = 10;

const minuteMs = 60_000;

/** Whether `board` has a run another engine owns ({@link ownedRun}): only such runs can become orphans. */
function hasForeignRuns(board: Board, engineId: string): boolean {
	for (const job of board.jobs.values()) {
		const run = ownedRun(job);
		if (run && run.engine !== engineId) {
			return true;
		}
	}

	return false;
}

/** The runtime loop. */
export class Engine implements EngineHandle {
	/** `host:pid:ulid`, recorded in claims and the lock. */
	readonly id = `${os.hostname()}:${process.pid}:${newId()}`;
	/** The panes of runs started here. */
	readonly panes: RunRegistry;
	readonly #options: EngineOptions;
	readonly #runs = new Map<string, ActiveRun>();
	readonly #idleWaiters = new Set<() => void>();
	#state: EngineHandle['state'] = 'stopped';
	#lock: EngineLock | undefined;
	#unsubscribe: (() => void) | undefined;
	#remote: RemoteRuns | undefined;
	#scheduled = false;
	#ticking = false;
	#again = false;
	#wakeTimer: NodeJS.Timeout | undefined;
	#clockTimer: NodeJS.Timeout | undefined;
	#lease: EngineLease | undefined;
	#lastTakeOver = 0;
	#gateTimer: NodeJS.Timeout | undefined;
	#gateNotice: string | undefined;
	#budgetWarned = false;
	readonly #pausing = new Set<string>();
	readonly #policy: SchedulerPolicy;
	readonly #leaseDir: string;
	readonly #notifier: StateNotifier;
	#author: AuthorServices | undefined;

	constructor(options: EngineOptions) {
		this.#options = options;
		this.#leaseDir = path.join(options.paths.root, 'engines');
		this.panes = new RunRegistry(options.config.ui.keepFinishedPanes);
		this.#policy = policyFromConfig(options.config);
		this.#notifier = new StateNotifier(
			{onStateChange: options.config.hooks.onStateChange, notify: options.config.notify},
			{cwd: options.projectDir, ringBell: options.ringBell, onError: options.onError},
		);
	}

	get state(): EngineHandle['state'] {
		return this.#state;
	}

	get limit(): number {
		return this.#options.config.scheduler.concurrency;
	}

	get active(): number {
		return this.#runs.size;
	}

	/**
	 * Take the engine lock and start dispatching. Without the lock (another live process holds it) the
	 * engine stays a `viewer` and never starts runs.
	 *
	 * @returns the state reached.
	 */
	async start(): Promise<EngineHandle['state']> {
		const shared = this.#options.mode === 'shared';
		this.#lock = shared ? undefined : acquireEngineLock(this.#options.paths.engineLock, this.id);
		if (!this.#options.only) {
			// Runs of other processes (a foreground dispatch, a headless engine, or the engine when this one is a viewer).
			this.#remote = new RemoteRuns({
				store: this.#options.store,
				paths: this.#options.paths,
				panes: this.panes,
				isLocal: (job) => activeRun(job)?.engine === this.id,
				scrollback: this.#options.config.ui.scrollback,
				// Typing into another process's run travels as events; its engine delivers them.
				send: (jobId, data) => this.#record(jobId, (job) => decideSend(job, data, false)),
			});
		}

		// A dashboard defers to a headless engine that is already running: it shows, it does not run.
		const headless = [...liveLeases(this.#leaseDir).values()].some((lease) => lease.mode === 'shared');
		if (!shared && (!this.#lock || headless)) {
			this.#lock?.release();
			this.#lock = undefined;
			this.#state = 'viewer';
			return this.#state;
		}

		this.#lease = new EngineLease(this.#leaseDir, this.id, shared ? 'shared' : 'exclusive');
		this.#state = 'running';
		await this.#takeOverOrphans(true);
		this.#unsubscribe = this.#options.store.subscribe(() => this.poke());
		this.poke();
		return this.#state;
	}

	/** Schedule a pass (coalesced: many pokes in one turn of the event loop make one pass). */
	poke(): void {
		if (this.#state !== 'running' || this.#scheduled) {
			return;
		}

		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			void this.#tick();
		});
	}

	/** Resolves when no run is going on and no ready job is left that this engine may start. */
	async whenIdle(): Promise<void> {
		if (this.#isIdle()) {
			return;
		}

		await new Promise<void>((resolve) => this.#idleWaiters.add(resolve));
	}

	/**
	 * Stop: kill every run's process group, record the runs as interrupted (their jobs go back to
	 * `ready`), release the lock. Idempotent.
	 */
	async stop(reason = 'the dashboard quit'): Promise<void> {
		if (this.#state === 'stopped') {
			return;
		}

		const wasRunning = this.#state === 'running';
		this.#state = 'stopped';
		clearTimeout(this.#wakeTimer);
		clearTimeout(this.#gateTimer);
		clearTimeout(this.#clockTimer);
		this.#unsubscribe?.();
		this.#remote?.close();
		if (wasRunning) {
			await Promise.all([...this.#runs.values()].map(async (run) => run.stop(reason)));
		}

		this.#lock?.release();
		this.#lease?.release();
		this.panes.clear();
		if (!this.#options.transports) {
			this.#author?.transports.shutdown(); // Ours: stop the breakers' timers.
		}

		this.#author = undefined;
		// The last changes (runs exiting) get their hooks, but a hook never holds up quitting for long.
		await Promise.race([this.#notifier.idle(), delay(hookDrainMs)]);
		await this.#notifier.close();
	}

	/**
	 * Runs whose engine is gone (no live lease: it died without stopping them) are ended and their jobs
	 * re-queued, saying who took them over; runs of live engines are never touched. Checked at start
	 * and then at most once per {@link orphanCheckMs}, and only while the board has runs of other
	 * engines (see {@link hasForeignRuns}).
	 */
	async #takeOverOrphans(now = false): Promise<void> {
		// The slack: a timer may fire a little before `performance.now()` reaches its deadline.
		if (!now && performance.now() - this.#lastTakeOver < orphanCheckMs - timerSlackMs) {
			return;
		}

		if (!now && !hasForeignRuns(this.#options.store.getSnapshot().board, this.id)) {
			return;
		}

		this.#lastTakeOver = performance.now();
		const graceMs = this.#options.graceMs ?? this.#options.config.scheduler.graceMs;
		const alive = liveLeases(this.#leaseDir);
		await recoverStaleRuns(this.#options.store.getSnapshot().board, graceMs, this.#record, {
			isOrphan: (engine) => engine !== this.id && !alive.has(engine),
			takenBy: this.id,
		});
	}

	async #tick(): Promise<void> {
		if (this.#ticking) {
			this.#again = true;
			return;
		}

		this.#ticking = true;
		try {
			do {
				this.#again = false;
				await this.#pass();
			} while (this.#again && this.#state === 'running');
		} finally {
			this.#ticking = false;
		}

		if (this.#isIdle()) {
			for (const resolve of this.#idleWaiters) {
				resolve();
			}

			this.#idleWaiters.clear();
		}
	}

	async #pass(): Promise<void> {
		const {store} = this.#options;
		const {board} = store.getSnapshot();
		for (const [jobId, run] of this.#runs) {
			if (board.jobs.get(jobId)?.cancelRequested) {
				run.cancel();
			}
		}

		await this.#takeOverOrphans();
		await this.#wake(board);
		const {gate, start} = this.#plan(board);
		this.#watchGate(gate);
		this.#watchBudget(board);
		if (
			!gate.open &&
			gate.cause === 'quiet' &&
			this.#options.config.scheduler.quietHoursRunning === 'pause'
		) {
			this.#pauseRuns(gate.reason);
		}

		this.#armClock(board, gate);
		if (start.length === 0 || this.#state !== 'running') {
			return;
		}

		// Claims of every engine on this board go one at a time, each against the board as it is on
		// disk, so the global and per-agent limits hold across processes, not only within one.
		await this.#withClaimLock(async () => {
			store.refresh();
			for (const job of this.#plan(store.getSnapshot().board).start) {
				if (this.#state !== 'running') {
					return;
				}

				await this.#claimAndStart(job);
			}
		});
	}

	async #withClaimLock(critical: () => Promise<void>): Promise<void> {
		let release: (() => Promise<void>) | undefined;
		try {
			fs.mkdirSync(this.#leaseDir, {recursive: true});
			release = await lockfile.lock(this.#leaseDir, {
				lockfilePath: path.join(this.#leaseDir, 'claims.lock'),
				realpath: false,
				stale: 5000,
				retries: {retries: 50, minTimeout: 10, maxTimeout: 100},
			});
		} catch (error) {
			this.#options.onError?.(new Error(`cannot take the claims lock: ${(error as Error).message}`));
			return;
		}

		try {
			await critical();
		} finally {
			await release().catch(() => undefined);
		}
	}

	async #claimAndStart(job: Job): Promise<void> {
		const {store, config} = this.#options;
		let claimed: Job;
		try {
			await store.transact(
				job.id,
				(board) => decideClaim(board, requireJob(board, job.id), this.id, job.agent),
				`engine:${this.id}`,
			);
			claimed = requireJob(store.getSnapshot().board, job.id);
		} catch (error) {
			if (error instanceof DomainError) {
				return; // Someone else claimed it, or it changed under us: the next pass sees the new state.
			}

			this.#options.onError?.(error as Error);
			return;
		}

		const runner = claimed.kind === 'author' ? runAuthorJob : runJob;
		const run = runner(
			{
				author: this.#authorServices(),
				engineId: this.id,
				store,
				config,
				paths: this.#options.paths,
				projectDir: this.#options.projectDir,
				size: this.#options.initialSize?.() ?? {cols: 80, rows: 24},
				graceMs: this.#options.graceMs ?? config.scheduler.graceMs,
				panes: this.panes,
				notifier: this.#notifier,
				onOutput: this.#options.onOutput,
				onError: this.#options.onError,
				record: async (decide) => this.#record(claimed.id, decide),
			},
			claimed,
		);
		this.#runs.set(claimed.id, run);
		void run.done.finally(() => {
			this.#runs.delete(claimed.id);
			this.poke();
		});
	}

	/** Transports (one circuit breaker each, shared by every author run) and directives, made once. */
	#authorServices(): AuthorServices {
		const {config, paths, projectDir} = this.#options;
		this.#author ??= {
			transports:
				this.#options.transports ?? createTransports(config.transports, {env: process.env, projectDir}),
			transportsConfig: config.transports,
			directives: () => loadDirectives(defaultDirectiveRoots(paths.root)),
		};
		return this.#author;
	}

	/**
	 * A pass follows every change of the store; between changes, only time can make one worth doing.
	 * While other engines have runs on the board, their leases may expire (or a same-host owner die):
	 * look again every {@link orphanCheckMs}. While quiet hours are configured and the gate is open,
	 * they may begin (windows are whole minutes): look again at the next minute. Otherwise sleep: an
	 * idle board costs no wake-ups (B10). Blocked jobs' `until` and a closed gate have their own timers.
	 */
	#armClock(board: Board, gate: Gate): void {
		clearTimeout(this.#clockTimer);
		this.#clockTimer = undefined;
		if (this.#state !== 'running') {
			return;
		}

		const now = Date.now();
		let wait = Infinity;
		if (hasForeignRuns(board, this.id)) {
			wait = Math.max(0, this.#lastTakeOver + orphanCheckMs - performance.now());
		}

		if (gate.open && this.#policy.quietHours.length > 0) {
			wait = Math.min(wait, minuteMs - (now % minuteMs));
		}

		if (wait !== Infinity) {
			this.#clockTimer = setTimeout(() => this.poke(), wait + timerSlackMs);
			this.#clockTimer.unref();
		}
	}

	/** Wake blocked jobs whose `until` passed, and arm a timer for the next one. */
	async #wake(board: Board): Promise<void> {
		clearTimeout(this.#wakeTimer);
		const next = await wakeDueJobs(board, Date.now(), this.#record);
		if (next !== undefined && this.#state === 'running') {
			// Capped so a far reset is re-checked daily rather than overflowing setTimeout's 2^31 ms.
			this.#wakeTimer = setTimeout(() => this.poke(), Math.min(next + 10, 86_400_000));
			this.#wakeTimer.unref();
		}
	}

	/** Append what `decide` says about job `jobId`, under its lock; failures go to `onError`. */
	readonly #record = async (jobId: string, decide: (job: Job) => Draft[]): Promise<void> => {
		await this.#safely(async () =>
			this.#options.store.transact(jobId, (board) => decide(requireJob(board, jobId)), `engine:${this.id}`),
		);
	};

	/** Runnable jobs this engine may start, in dispatch order. */
	#plan(board: Board): Plan {
		return planPass(board, this.#policy, this.#options.now?.() ?? new Date(), {
			engineId: this.id,
			ownRuns: this.#runs.size,
			only: this.#options.only,
		});
	}

	/** Tell of a gate that closed or opened, and poke when a quiet-hours gate is due to open. */
	#watchGate(gate: Gate): void {
		const notice = gateNotice(gate);
		if (notice !== this.#gateNotice) {
			this.#gateNotice = notice;
			this.#options.onGate?.(gate);
		}

		clearTimeout(this.#gateTimer);
		if (!gate.open && gate.until && this.#state === 'running') {
			this.#gateTimer = setTimeout(
				() => this.poke(),
				Math.min(gate.until.getTime() - Date.now() + 10, 86_400_000),
			);
			this.#gateTimer.unref();
		}
	}

	/**
	 * Quiet hours with `quietHoursRunning: pause`: stop every run of this engine and re-queue its job
	 * (interrupted, so the next run uses the agent's resume form when the gate opens). Not awaited: a
	 * pass never waits out a stop ladder.
	 */
	#pauseRuns(reason: string): void {
		for (const [jobId, run] of this.#runs) {
			if (!this.#pausing.has(jobId)) {
				this.#pausing.add(jobId);
				void run.stop(`paused: ${reason}`).finally(() => this.#pausing.delete(jobId));
			}
		}
	}

	/** Tell once when the board's spending crosses the warning threshold (and again if it drops back). */
	#watchBudget(board: Board): void {
		const state = boardBudget(board, this.#policy.budget);
		const warning = state.level === 'warn';
		if (warning !== this.#budgetWarned) {
			this.#budgetWarned = warning;
			if (warning) {
				this.#options.onBudgetWarning?.(state);
			}
		}
	}

	#isIdle(): boolean {
		if (this.#runs.size > 0) {
			return false;
		}

		if (this.#state !== 'running') {
			return true;
		}

		return this.#plan(this.#options.store.getSnapshot().board).start.length === 0;
	}

	async #safely(action: () => Promise<unknown>): Promise<void> {
		try {
			await action();
		} catch (error) {
			if (!(error instanceof DomainError)) {
				this.#options.onError?.(error as Error);
			}
		}
	}
}
