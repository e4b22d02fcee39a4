/**
 * Decisions about runs: how a run's end moves its job, the loop's restarts and finishes, wake-ups after
 * a usage limit, activity changes and interruptions. Pure, like `decide.ts`.
 */
import {draft, type Draft} from './decide.js';
import {DomainError} from './errors.js';
import {activeRun, type Job, type JobStatus} from './job.js';
import type {RunActivity} from './supervision.js';

/** Where a job goes after its run exited: `done`, `review` (it has acceptance criteria) or `blocked`. */
export function statusAfterExit(
	job: Job,
	code: number | null,
	signal: string | number | null,
	cancelled: boolean,
): {to: JobStatus; reason?: string} {
	if (cancelled) {
		return {to: 'blocked', reason: job.cancelReason ?? 'cancelled'};
	}

	if (code === 0) {
		return job.acceptance.length > 0 ? {to: 'review'} : {to: 'done'};
	}

	return {to: 'blocked', reason: code === null ? `killed by ${String(signal)}` : `exit code ${code}`};
}

/** How a run ended, as the engine saw it. */
export type RunEnd = {
	readonly run: number;
	readonly code: number | null;
	readonly signal: string | number | null;
	/** Why the engine stopped it (`timed_out`, `idle timeout`, `usage limit`), if it did. */
	readonly reason?: string;
};

/**
 * Record the end of a run and move the job on: by {@link statusAfterExit}, or to `outcome` when the
 * supervisor decided (a loop's verdict, a timeout, a usage limit), or nowhere when `outcome` is
 * `'stay'` (the loop will restart it: the job stays `in_flight`).
 */
export function decideExit(
	job: Job,
	end: RunEnd,
	outcome?: {to: JobStatus; reason?: string; until?: string} | 'stay',
): Draft[] {
	const {run, code, signal, reason} = end;
	const drafts: Draft[] = [draft('run.exited', {run, code, signal, reason})];
	// A late exit of an older run must not move a job whose newer run is going on.
	if (job.status === 'in_flight' && activeRun(job)?.n === run && outcome !== 'stay') {
		const next =
			job.cancelRequested || outcome === undefined
				? statusAfterExit(job, code, signal, job.cancelRequested)
				: outcome;
		drafts.push(draft('job.status_changed', {from: job.status, ...next}));
	}

	return drafts;
}

/**
 * Start the next iteration of a job's loop: record why run `run` is followed by another, and claim it.
 * Refuses when the job left `in_flight` (cancelled or moved by hand), was asked to stop, or its run
 * `run` is not the last one or still going on.
 */
export function decideRestart(
	job: Job,
	run: number,
	engine: string,
	reason: string,
	stalled: boolean,
): Draft[] {
	const last = job.runs.at(-1);
	if (job.status !== 'in_flight' || job.cancelRequested) {
		throw new DomainError('conflict', `job ${job.id} is no longer in flight; not restarting it`);
	}

	if (last?.n !== run || last.state === 'running') {
		throw new DomainError('conflict', `run ${run} of job ${job.id} is not the last finished run`);
	}

	return [
		draft('run.restarted', {run, reason, stalled}),
		draft('job.claimed', {run: run + 1, by: engine, agent: job.agent}),
	];
}

/** A job still `in_flight` whose loop will not restart it after all: move it on (`blocked`, `done`, …). */
export function decideFinish(job: Job, to: JobStatus, reason?: string): Draft[] {
	if (job.status !== 'in_flight' || activeRun(job)) {
		return [];
	}

	return [
		draft('job.status_changed', {
			from: 'in_flight',
			to: job.cancelRequested ? 'blocked' : to,
			reason: job.cancelRequested ? (job.cancelReason ?? 'cancelled') : reason,
		}),
	];
}

/**
 * A `blocked` job whose `until` has passed goes back to `ready`. `now` is an ISO time (the core
 * reads no clock). Gives no events for any other job.
 */
export function decideWake(job: Job, now: string): Draft[] {
	if (job.status !== 'blocked' || job.until === undefined || Date.parse(job.until) > Date.parse(now)) {
		return [];
	}

	return [
		draft('job.status_changed', {
			from: 'blocked',
			to: 'ready',
			reason: `${job.reason ?? 'blocked'} (reset at ${job.until})`,
		}),
	];
}

/** Record what a run is doing now; no event when it is already so or the run is over. */
export function decideActivity(job: Job, run: number, to: RunActivity): Draft[] {
	const current = job.runs.find((candidate) => candidate.n === run);
	if (!current || current.state !== 'running' || current.activity === to) {
		return [];
	}

	return [draft('run.state_changed', {run, from: current.activity, to})];
}

/**
 * A run whose engine is gone (crash, kill -9): mark it interrupted and put the job back in `ready`
 * so the planner picks it up again. The policy (re-queue, not restart in place) is the README's.
 */
export function decideInterrupt(job: Job, reason: string): Draft[] {
	const run = activeRun(job);
	const drafts: Draft[] = [];
	if (run) {
		drafts.push(draft('run.interrupted', {run: run.n, reason}));
	}

	if (job.status === 'in_flight') {
		const to: JobStatus = job.cancelRequested ? 'blocked' : 'ready';
		drafts.push(
			draft('job.status_changed', {
				from: 'in_flight',
				to,
				reason: job.cancelRequested ? (job.cancelReason ?? 'cancelled') : reason,
			}),
		);
	}

	return drafts;
}
