/**
 * An author job from its claim to its verdict: set up the run (pane, output log, composed prompt,
 * manifest, the book file cut back to its last commit point), run the chunk loop, and record how it
 * ended: `done` (or `review`), `blocked` (paused, cancelled, a transport that failed, a circuit that is
 * open until a given time), or back to `ready` when the engine stops. The counterpart of
 * `job-runner.ts` for agents.
 */
import {setTimeout as delay} from 'node:timers/promises';
import {
	boardBudget,
	decideActivity,
	decideExit,
	decideInterrupt,
	draft,
	jobBudget,
	requireJob,
	resumePoint,
	type AuthorProgress,
	type Draft,
	type Job,
	type PromptMessage,
} from '../../core/index.js';
import type {Completion} from '../../llm/transport.js';
import {TransportError} from '../../llm/transport.js';
import type {ActiveRun, JobRunnerContext} from '../job-runner.js';
import {budgetsFromConfig} from '../schedule.js';
import {AuthorPane} from './author-pane.js';
import {fileSize, resolveBookPath, truncateBook} from './book-file.js';
import {prepareBook, type AuthorServices} from './prepare-book.js';
import {writeBook, type BookEnd} from './write-book.js';

/** Failures a later attempt may not meet (the transport already retried 429 and 5xx before giving up). */
const healing = new Set<TransportError['kind']>(['cut', 'network', 'timeout', 'server', 'rate_limited']);

/** How a run ended: the chunk loop's end, or a failure (with the time an open circuit lets it try again). */
type RunOutcome = BookEnd | {readonly kind: 'failed'; readonly reason: string; readonly until?: string};

/** What {@link runAuthorJob} needs beyond the agent runner's context. */
export type AuthorRunnerContext = JobRunnerContext & {readonly author: AuthorServices};

/** Work on author job `claimed`, just claimed by this engine. Never throws. */
export function runAuthorJob(context: AuthorRunnerContext, claimed: Job): ActiveRun {
	const controller = new AbortController();
	let stopReason: string | undefined;
	const n = claimed.runs.at(-1)?.n ?? 1;
	const latest = (): Job => requireJob(context.store.getSnapshot().board, claimed.id);
	const progress = (): AuthorProgress => latest().author!;

	let pane: AuthorPane | undefined;
	const loop = async (): Promise<void> => {
		const startedAt = new Date().toISOString();
		let end: RunOutcome;
		try {
			pane = new AuthorPane(
				context.paths.outputLog(claimed.id, n),
				context.size,
				context.config.ui.scrollback,
				(data) => context.onOutput?.(claimed.id, data),
			);
			context.panes.add({jobId: claimed.id, run: n, agent: claimed.agent, startedAt, screen: pane.screen});
			const spec = progress().spec;
			const book = prepareBook(context, claimed, spec);
			await context.record((now) => [
				draft('run.started', {
					run: n,
					pid: process.pid,
					agent: claimed.agent,
					command: ['author', spec.template, spec.subject],
					cwd: context.projectDir,
				}),
				...decideActivity(now, n, 'busy'),
			]);
			const file = resolveBookPath(spec.out, context.projectDir, context.paths.jobDir(claimed.id));
			const ours = claimed.runs.some((run) => run.n < n && run.startedAt !== undefined);
			if (progress().chunks === 0 && !ours && fileSize(file) > 0) {
				// Bytes no run of this job wrote: a person's file, which a resume's truncation would destroy.
				throw new Error(`${file} already exists and is not this job's; move it away or choose another --out`);
			}

			const point = resumePoint({
				completedChunks: progress().chunks,
				recordedBytes: progress().endOffset,
				fileBytes: fileSize(file),
			});
			if (point.kind === 'diverged') {
				throw new Error(point.message);
			}

			if (point.kind === 'truncate') {
				pane.note(`── the book has bytes past chunk ${progress().chunks}; cutting them back ──`);
				truncateBook(file, point.toBytes);
			}

			if (progress().chunks > 0) {
				pane.note(`── resuming at chunk ${progress().chunks + 1} of ${spec.chunks} ──`);
			}

			const transport = book.transport;
			end = await writeBook({
				spec,
				transport,
				system: book.system,
				roles: book.roles,
				file,
				pane,
				run: n,
				signal: controller.signal,
				progress,
				record: async (drafts) => context.record(() => drafts),
				price: (completion: Completion) => book.price(completion),
				overBudget: () => overBudget(context, latest()),
				ask: async (messages, onToken) => ask(messages, onToken),
			});
		} catch (error) {
			end = failure(error, controller.signal);
		} finally {
			pane?.close();
		}

		const endedAt = new Date().toISOString();
		const output = pane && pane.bytes > 0 ? [draft('run.output', {run: n, bytes: pane.bytes})] : [];
		context.panes.end(claimed.id, n, endedAt, end.kind === 'finished' ? 0 : 1);
		if (stopReason !== undefined) {
			const reason = stopReason;
			await context.record((now) => [...output, ...decideInterrupt(now, reason)]);
			return;
		}

		await context.record((now) => [...output, ...verdict(now, n, end)]);
	};

	/**
	 * One request, retried with backoff (`authoring.attempts`, `retryDelay`) while the failure may heal;
	 * a failure that leaves the transport's circuit open becomes an `open` error (the job waits for the
	 * half-open try instead of burning attempts).
	 */
	const ask = async (
		messages: readonly PromptMessage[],
		onToken: (text: string) => void,
	): Promise<Completion> => {
		const {attempts, retryDelay} = context.config.authoring;
		const transport = context.author.transports.get(transportName(claimed));
		for (let attempt = 1; ; attempt++) {
			try {
				return await transport.complete(
					{messages, model: progress().spec.model},
					{signal: controller.signal, onToken},
				);
			} catch (error) {
				if (transport.state === 'open' && !controller.signal.aborted) {
					throw new TransportError('open', `${transport.name}: ${(error as Error).message}`, {
						transport: transport.name,
						nextTryAt: transport.nextTryAt,
						cause: error,
					});
				}

				const healable = error instanceof TransportError && healing.has(error.kind);
				if (!healable || attempt >= attempts || controller.signal.aborted) {
					throw error;
				}

				pane?.note(`── ${(error as Error).message}; trying again (${attempt + 1} of ${attempts}) ──`);
				await delay(retryDelay * 2 ** (attempt - 1), undefined, {signal: controller.signal}).catch(
					() => undefined,
				);
			}
		}
	};

	const done = loop().catch((error: unknown) => {
		context.onError?.(error as Error);
	});
	return {
		done,
		cancel() {
			controller.abort();
		},
		async stop(reason) {
			stopReason = reason;
			controller.abort();
			await done;
		},
	};
}

/** How the run's end moves the job (the run is recorded as exited in every case). */
function verdict(now: Job, n: number, end: RunOutcome): Draft[] {
	switch (end.kind) {
		case 'finished': {
			return decideExit(now, {run: n, code: 0, signal: null});
		}

		case 'stopped': {
			// Cancelled or paused: the job's cancel reason says which, and it goes to `blocked`.
			return decideExit(now, {run: n, code: null, signal: null, reason: now.cancelReason ?? 'cancelled'});
		}

		case 'paused': {
			return decideExit(
				now,
				{run: n, code: null, signal: null, reason: end.reason},
				{to: 'blocked', reason: end.reason},
			);
		}

		case 'failed': {
			return decideExit(
				now,
				{run: n, code: 1, signal: null, reason: end.reason},
				{to: 'blocked', reason: end.reason, until: end.until},
			);
		}

		default: {
			const unreachable: never = end;
			return unreachable;
		}
	}
}

/** The exhausted budget (the board's, else the job's own) that stops an author job, if any. */
function overBudget(context: AuthorRunnerContext, job: Job): string | undefined {
	const {budget, jobBudget: perJob} = budgetsFromConfig(context.config);
	const board = boardBudget(context.store.getSnapshot().board, budget);
	const own = jobBudget(job, perJob);
	return [board, own].find((state) => state.level === 'exhausted')?.reason;
}

/** The transport an author job uses: its own, recorded when it was added. */
export function transportName(job: Job): string {
	return job.author?.spec.transport ?? job.agent;
}

/** How a failure ends the run: aborts are stops; an open circuit blocks the job until its next try. */
function failure(
	error: unknown,
	signal: AbortSignal,
): BookEnd | {kind: 'failed'; reason: string; until?: string} {
	if (signal.aborted) {
		return {kind: 'stopped'};
	}

	if (error instanceof TransportError && error.kind === 'open') {
		const until = error.nextTryAt?.toISOString();
		return {kind: 'failed', reason: `transport circuit open: ${error.message}`, until};
	}

	return {kind: 'failed', reason: (error as Error).message};
}
