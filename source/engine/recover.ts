/**
 * What an engine does before its first pass: runs left `running` by an engine that is gone (crash,
 * kill -9, a machine restart) are ended and their jobs re-queued; blocked jobs whose `until` passed are
 * woken. Both act through the core's decisions, appended by the caller under each job's lock.
 */
import {isRunProcess, killProcessGroup} from '../agents/process-group.js';
import {
	activeRun,
	decideInterrupt,
	decideWake,
	type Board,
	type Draft,
	type Job,
	type Run,
} from '../core/index.js';

/** Appends what `decide` says about job `jobId` under its lock; never throws. */
export type Recorder = (jobId: string, decide: (job: Job) => Draft[]) => Promise<void>;

/** Which runs {@link recoverStaleRuns} takes over, and in whose name. */
export type TakeOver = {
	/** True for an engine id that is gone (no live lease). */
	readonly isOrphan: (engine: string) => boolean;
	/** The engine taking over, named in the event. */
	readonly takenBy: string;
};

/**
 * The run an engine owns on `job`: the one going on, or, while the job is in flight between two runs
 * of a loop (its backoff), the last one, whose engine starts the next. Only such runs can be orphaned.
 */
export function ownedRun(job: Job): Run | undefined {
	return activeRun(job) ?? (job.status === 'in_flight' ? job.runs.at(-1) : undefined);
}

/**
 * Interrupt every run on `board` still marked running by an engine that is gone, and re-queue its
 * job. A run's process group that survived its engine (an agent ignoring the hangup) is killed first,
 * when `/proc` shows it is still that run's process, so it cannot work beside the rerun.
 *
 * @param graceMs between SIGTERM and SIGKILL, in ms.
 */
export async function recoverStaleRuns(
	board: Board,
	graceMs: number,
	record: Recorder,
	takeOver: TakeOver,
): Promise<void> {
	for (const job of board.jobs.values()) {
		const run = ownedRun(job);
		if (!run || !takeOver.isOrphan(run.engine)) {
			continue;
		}

		if (run.state === 'running' && run.pid !== undefined && isRunProcess(run.pid, job.id, run.n)) {
			await killProcessGroup(run.pid, {graceMs});
		}

		const reason = `interrupted: engine ${run.engine} is gone; taken over by ${takeOver.takenBy}`;
		await record(job.id, (current) =>
			current.runs.at(-1)?.n === run.n ? decideInterrupt(current, reason) : [],
		);
	}
}

/**
 * Put `blocked` jobs whose `until` has passed (a usage limit reset) back in `ready`.
 *
 * @param now ms since the epoch.
 * @returns ms until the next `until` still ahead, or `undefined` when there is none.
 */
export async function wakeDueJobs(board: Board, now: number, record: Recorder): Promise<number | undefined> {
	let next = Infinity;
	for (const job of board.jobs.values()) {
		if (job.status !== 'blocked' || job.until === undefined) {
			continue;
		}

		const at = Date.parse(job.until);
		if (at <= now) {
			await record(job.id, (current) => decideWake(current, new Date(now).toISOString()));
		} else {
			next = Math.min(next, at);
		}
	}

	return next === Infinity ? undefined : next - now;
}
