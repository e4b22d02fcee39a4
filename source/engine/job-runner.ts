/**
 * A claimed job from its first run to its verdict: run the agent, judge the iteration (core's
 * `judgeIteration`: exit code, DONE file, stalls, usage limit), and either move the job on or restart it
 * after a backoff (the Ralph loop). A person's cancel is final; an engine stop re-queues the job.
 */
import fs from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {checkDone} from '../core/done-contract.js';
import {
	decideExit,
	decideFinish,
	decideInterrupt,
	decideRestart,
	draft,
	DomainError,
	judgeIteration,
	requireJob,
	supervisionFor,
	type Draft,
	type IterationFacts,
	type Job,
	type Supervision,
} from '../core/index.js';
import {listArtifacts} from './artifacts.js';
import {
	launchIteration,
	prepareIteration,
	StartError,
	type Iteration,
	type IterationContext,
	type IterationResult,
} from './run-iteration.js';
import {probeWorkspace, workspaceChanged, type WorkspaceProbe} from './workspace-probe.js';

/** Largest DONE file read, in bytes; the contract check reports anything longer. */
const maxDoneBytes = 1024 * 1024;

/** A job being worked on, as the engine holds it. */
export type ActiveRun = {
	/** Settles once the job's verdict (or interruption) has been recorded. */
	readonly done: Promise<void>;
	/** A person cancelled: stop the run (or the wait before a restart); the job is never restarted. */
	cancel(): void;
	/** The engine stops: kill the run and re-queue the job as interrupted. */
	stop(reason: string): Promise<void>;
};

/** What {@link runJob} needs beyond the iteration context. */
export type JobRunnerContext = IterationContext & {
	/** Told about failures that are not the job's own (the store refused a write). */
	readonly onError?: (error: Error) => void;
};

/** Work on `job`, which this engine has just claimed (its last run is the one to start). Never throws. */
export function runJob(context: JobRunnerContext, claimed: Job): ActiveRun {
	const agent = context.config.agents[claimed.agent];
	const supervision = supervisionFor(claimed, agent);
	const controller = new AbortController();
	let current: Iteration | undefined;
	let stopReason: string | undefined;

	const latest = (): Job => requireJob(context.store.getSnapshot().board, claimed.id);
	const loop = async (): Promise<void> => {
		let job = claimed;
		let previousDigest: string | undefined;
		for (;;) {
			let before: WorkspaceProbe | undefined;
			try {
				const prepared = await prepareIteration(context, job, supervision);
				before = supervision.loop
					? await probeWorkspace(prepared.place.cwd).catch(() => undefined)
					: undefined;
				current = launchIteration(context, job, prepared, supervision);
			} catch (error) {
				if (!(error instanceof StartError)) {
					throw error;
				}

				const reason = `could not start: ${error.message}`;
				await context.record((now) => [
					...decideInterrupt(now, reason).filter((event) => event.type === 'run.interrupted'),
					draft('job.status_changed', {from: now.status, to: 'blocked', reason}),
				]);
				return;
			}

			if (stopReason !== undefined || controller.signal.aborted) {
				await current.kill(stopReason ?? 'cancelled');
			}

			const result = await current.result;
			current = undefined;
			if (stopReason !== undefined) {
				const reason = stopReason;
				await context.record((now) => [output(result), ...decideInterrupt(now, reason)]);
				return;
			}

			const facts = await gather(context, latest(), supervision, result, before, previousDigest);
			const verdict = judgeIteration(latest(), supervision, facts);
			const artifacts = await listArtifacts(context.paths, job.id).catch(() => undefined);
			await context.record((now) => [
				output(result),
				...decideExit(now, result.end, verdict.kind === 'finish' ? verdict : 'stay'),
				...artifactsUpdate(now, artifacts),
			]);
			if (verdict.kind === 'finish') {
				return;
			}

			await delay(verdict.delayMs, undefined, {signal: controller.signal}).catch(() => undefined);
			if (stopReason !== undefined) {
				const reason = stopReason;
				await context.record((now) => decideInterrupt(now, reason));
				return;
			}

			if (controller.signal.aborted || latest().cancelRequested) {
				await context.record((now) => decideFinish(now, 'blocked', 'cancelled'));
				return;
			}

			try {
				await context.store.transact(
					job.id,
					(board) =>
						decideRestart(
							requireJob(board, job.id),
							result.end.run,
							context.engineId,
							verdict.reason,
							verdict.stalled,
						),
					`engine:${context.engineId}`,
				);
			} catch (error) {
				if (!(error instanceof DomainError)) {
					context.onError?.(error as Error);
				}

				return; // Moved or cancelled meanwhile: a person decided; do not restart.
			}

			previousDigest = result.outputDigest;
			job = latest();
		}
	};

	const done = loop().catch((error: unknown) => {
		context.onError?.(error as Error);
	});
	return {
		done,
		cancel() {
			controller.abort();
			void current?.kill('cancelled');
		},
		async stop(reason) {
			stopReason = reason;
			controller.abort();
			await current?.kill();
			await done;
		},
	};
}

function output(result: IterationResult): Draft {
	return draft('run.output', {run: result.end.run, bytes: result.bytes});
}

function artifactsUpdate(job: Job, artifacts: string[] | undefined): Draft[] {
	if (artifacts === undefined || artifacts.join('\n') === job.artifacts.join('\n')) {
		return [];
	}

	return [draft('job.updated', {artifacts})];
}

/** What the verdict needs to know about a finished iteration. */
async function gather(
	context: IterationContext,
	job: Job,
	supervision: Supervision,
	result: IterationResult,
	before: WorkspaceProbe | undefined,
	previousDigest: string | undefined,
): Promise<IterationFacts> {
	if (!supervision.loop) {
		return {end: result.end, progressed: true, usageLimit: result.usageLimit};
	}

	const doneFile = `${context.paths.runDir(job.id, result.end.run)}/DONE`;
	const content = readCapped(doneFile);
	const verdict = checkDone(content, supervision.doneContract, job.acceptance);
	const after = await probeWorkspace(result.cwd).catch(() => undefined);
	const run = job.runs.find((candidate) => candidate.n === result.end.run);
	const messaged = job.messages.some(
		(message) => run?.claimedAt !== undefined && message.at >= run.claimedAt,
	);
	const filesChanged = before === undefined || after === undefined || workspaceChanged(before, after);
	const newOutput = previousDigest === undefined || previousDigest !== result.outputDigest;
	return {
		end: result.end,
		done: {exists: content !== undefined, ok: verdict.ok, problem: verdict.ok ? undefined : verdict.problem},
		progressed: filesChanged || messaged || newOutput,
		usageLimit: result.usageLimit,
	};
}

function readCapped(file: string): string | undefined {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch {
		return undefined;
	}

	try {
		const buffer = Buffer.alloc(maxDoneBytes + 1);
		const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
		return buffer.subarray(0, length).toString('utf8');
	} finally {
		fs.closeSync(fd);
	}
}
