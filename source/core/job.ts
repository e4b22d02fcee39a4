/**
 * The job model: what one card on the board is, as folded from its events.
 *
 * Everything here is plain data (no classes, no I/O), so a snapshot can be written as JSON and read back.
 */
import type {AuthorProgress} from './author.js';
import type {DoneContract, Isolation, LoopPolicy, RunActivity} from './supervision.js';

/** Board columns, in the order they are drawn. `blocked` is reachable from any status (with a reason). */
export const jobStatuses = ['inbox', 'planning', 'ready', 'in_flight', 'review', 'done', 'blocked'] as const;
/** One board column. */
export type JobStatus = (typeof jobStatuses)[number];

/** Priorities, lowest first; the planner prefers the highest. */
export const priorities = ['low', 'medium', 'high', 'urgent'] as const;
/** A job's priority. */
export type Priority = (typeof priorities)[number];

/** T-shirt sizes of a job's expected effort. */
export const complexities = ['xs', 's', 'm', 'l', 'xl'] as const;
/** A job's complexity. */
export type Complexity = (typeof complexities)[number];

/** `agent`: run an agent program on the job; `author`: long-form writing through a chat endpoint. */
export const jobKinds = ['agent', 'author'] as const;
/** The kind of work a job is. */
export type JobKind = (typeof jobKinds)[number];

/** Lifecycle of one run (one attempt at a job). */
export type RunState = 'running' | 'exited' | 'interrupted';

/** One attempt at a job: one agent process. Runs are numbered 1..n per job. */
export type Run = {
	/** Run number, 1-based. */
	readonly n: number;
	/** Id of the engine that claimed the job for this run (`host:pid:ulid`). */
	readonly engine: string;
	/** Agent name from config (`shell`, `claude`, …). */
	readonly agent: string;
	/** The argv the agent was started with, for display (secrets never appear here). */
	readonly command: readonly string[];
	/** Process id of the agent (also its process-group id: a pty child leads its own session). */
	readonly pid?: number;
	/** ISO 8601 time the run was claimed. */
	readonly claimedAt: string;
	/** ISO 8601 time the process started. */
	readonly startedAt?: string;
	/** ISO 8601 time the process exited or the run was found interrupted. */
	readonly endedAt?: string;
	/** Exit code, `null` when killed by a signal. */
	readonly exitCode?: number | null;
	/** Signal name or number that ended the process, if any. */
	readonly signal?: string | null;
	/** Output bytes counted so far (the bytes themselves are in `runs/<n>/output.log`). */
	readonly bytes: number;
	readonly state: RunState;
	/** Why the run ended abnormally (interrupted, cancelled, timed out, failed to start). */
	readonly reason?: string;
	/** What the agent is doing, as the engine running it last reported (`run.state_changed`). */
	readonly activity: RunActivity;
	/** Working folder of the run. */
	readonly cwd?: string;
	/** Git branch of a `worktree` run. */
	readonly branch?: string;
	/** Started with the agent's resume form. */
	readonly resumed?: boolean;
	/** Why the loop restarted after this run, when it did. */
	readonly restartReason?: string;
};

/** Text sent to a job's running agent (`send`), waiting for the engine that runs it to deliver it. */
export type JobInput = {
	/** Id of the `job.input` event: the engine delivers each id once. */
	readonly id: string;
	/** The run it was meant for; input for an older run is dropped. */
	readonly run: number;
	readonly text: string;
	/** Press Enter after the text. */
	readonly enter: boolean;
};

/** A message posted to a job's bus by an agent or a person. */
export type JobMessage = {
	readonly id: string;
	readonly at: string;
	readonly from: string;
	readonly text: string;
};

/** The folded state of one job. */
export type Job = {
	/** ULID, also the name of its folder under `.xsarena/jobs/`. */
	readonly id: string;
	readonly title: string;
	readonly description: string;
	readonly kind: JobKind;
	readonly status: JobStatus;
	/** Why the job is in its status (set for `blocked`, interruptions, cancellations). */
	readonly reason?: string;
	/** For a `blocked` job: ISO time when the engine puts it back in `ready` (a usage limit resets). */
	readonly until?: string;
	readonly priority: Priority;
	readonly complexity?: Complexity;
	/** Agent name from config; `shell` when the job has a `command`. */
	readonly agent: string;
	/** Shell command line for the `shell` agent. */
	readonly command?: string;
	/** Prompt for agents whose template uses `{prompt}`. */
	readonly prompt?: string;
	/** Ids of jobs that must be `done` before this one may run. */
	readonly blockedBy: readonly string[];
	/** Ids of jobs that name this one in their `blockedBy` (kept consistent by the board fold). */
	readonly blocks: readonly string[];
	/** Acceptance criteria; a job with any goes to `review` instead of `done`. */
	readonly acceptance: readonly string[];
	/** Paths of artifacts, relative to the job's folder. */
	readonly artifacts: readonly string[];
	readonly runs: readonly Run[];
	readonly messages: readonly JobMessage[];
	/** Input sent to the current run (cleared at each claim from another column). */
	readonly input: readonly JobInput[];
	/** Where runs work; `undefined` takes the agent's setting (default `shared`). */
	readonly isolation?: Isolation;
	/** The Ralph loop, when the job has one (else the agent's, else none: one run). */
	readonly loop?: LoopPolicy;
	/** Wall-clock limit of one run, in ms. */
	readonly timeoutMs?: number;
	/** Longest a run may go without output, in ms. */
	readonly idleTimeoutMs?: number;
	/** What the `DONE` file must hold. */
	readonly doneContract?: DoneContract;
	/** Loop restarts since the job was last claimed from another column. */
	readonly restarts: number;
	/** Iterations in a row that changed nothing. */
	readonly stalls: number;
	/** Tokens and dollars spent, summed from `job.cost` events. */
	readonly cost: {readonly tokens: number; readonly usd: number};
	/** A cancel was requested and the run has not ended yet. */
	readonly cancelRequested: boolean;
	/** Why the stop was asked for (`cancelled`, `paused`): the blocked job's reason once the run ends. */
	readonly cancelReason?: string;
	/** An `author` job's request and progress. */
	readonly author?: AuthorProgress;
	/** A start-now was requested (by `dispatch` from another process) and not yet honoured. */
	readonly dispatchRequested: boolean;
	readonly createdAt: string;
	readonly updatedAt: string;
	/** Id of the last event folded into this state. */
	readonly lastEventId: string;
	/** Number of events folded. */
	readonly eventCount: number;
};

/** The run that is going on now, if any. */
export function activeRun(job: Job): Run | undefined {
	const last = job.runs.at(-1);
	return last?.state === 'running' ? last : undefined;
}

/** The highest run number so far (0 when the job never ran). */
export function lastRunNumber(job: Job): number {
	return job.runs.at(-1)?.n ?? 0;
}
