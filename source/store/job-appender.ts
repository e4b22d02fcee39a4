/**
 * The appending half of a `JobStore` (`append`, `appendSoon`, `appendStamped`, `transact`): the
 * checks before a write, the one write, the refusal or error after a failed one, and folding the log
 * back in.
 */
import fs from 'node:fs';
import type {Draft} from '../core/decide.js';
import type {JobEvent} from '../core/events.js';
import type {Board} from '../core/reduce.js';
import {errorMessage, isIoError} from './fs-errors.js';
import {stampDrafts} from './ids.js';
import type {TailRepair} from './event-log.js';
import type {JobFiles} from './job-files.js';
import {withJobLock} from './job-lock.js';
import type {HomePaths} from './paths.js';

/** What the appender needs of its store. */
export type AppenderHooks = {
	/** Throw when the store is closed. */
	readonly assertOpen: () => void;
	/** Whether the store is still open. */
	readonly isOpen: () => boolean;
	/** Set (or clear, `undefined`) the store's persistent I/O error, without publishing. */
	readonly setError: (message: string | undefined) => void;
	/** Publish what changed. */
	readonly commit: () => void;
};

/** See the file comment; the methods are documented on `JobStore`. */
export class JobAppender {
	readonly #paths: HomePaths;
	readonly #files: JobFiles;
	readonly #hooks: AppenderHooks;
	/** Jobs whose `appendSoon` writes are done and not folded yet. */
	readonly #toPump = new Set<string>();
	#pumping: Promise<void> | undefined;

	constructor(paths: HomePaths, files: JobFiles, hooks: AppenderHooks) {
		this.#paths = paths;
		this.#files = files;
		this.#hooks = hooks;
	}

	append(jobId: string, drafts: readonly Draft[], by: string): JobEvent[] {
		this.#hooks.assertOpen();
		if (drafts.length === 0) {
			return [];
		}

		this.#checkTarget(jobId, drafts[0]!.type === 'job.created');
		const events = stampDrafts(jobId, drafts, by);
		this.#write(jobId, events, drafts[0]!.type === 'job.created');
		return events;
	}

	appendStamped(jobId: string, events: readonly JobEvent[]): void {
		this.#hooks.assertOpen();
		if (events.length === 0) {
			return;
		}

		this.#checkTarget(jobId, events[0]!.type === 'job.created');
		this.#write(jobId, events, events[0]!.type === 'job.created');
	}

	async transact(jobId: string, decide: (board: Board) => Draft[], by: string): Promise<JobEvent[]> {
		this.#hooks.assertOpen();
		const events = await withJobLock(this.#paths.jobDir(jobId), this.#paths.jobLock(jobId), () => {
			this.#hooks.assertOpen();
			this.#files.pump(jobId);
			this.#hooks.commit();
			return this.append(jobId, decide(this.#files.board), by);
		});
		return [...events];
	}

	/** Refuse an append to a job that does not exist, unless it creates one. */
	#checkTarget(jobId: string, creates: boolean): void {
		const dir = this.#paths.jobDir(jobId);
		// A job on the board has its folder (if it was deleted since, the log's open fails and says so).
		if (!this.#files.board.jobs.has(jobId) && !creates && !fs.existsSync(dir)) {
			throw new Error(`no job ${jobId}: its folder ${dir} does not exist`);
		}
	}

	async appendSoon(jobId: string, drafts: readonly Draft[], by: string): Promise<JobEvent[]> {
		this.#hooks.assertOpen();
		if (drafts.length === 0) {
			return [];
		}

		const creates = drafts[0]!.type === 'job.created';
		this.#checkTarget(jobId, creates);
		const events = stampDrafts(jobId, drafts, by);
		const known = this.#prepare(jobId, creates);
		let repaired;
		try {
			({repaired} = await this.#files.log(jobId).appendSoon(events));
		} catch (error) {
			throw this.#failed(jobId, known, error);
		}

		this.#written(jobId, repaired);
		await this.#pumpSoon(jobId);
		return events;
	}

	#write(jobId: string, events: readonly JobEvent[], creates: boolean): void {
		const known = this.#prepare(jobId, creates);
		let repaired;
		try {
			repaired = this.#files.log(jobId).append(events).repaired;
		} catch (error) {
			throw this.#failed(jobId, known, error);
		}

		this.#written(jobId, repaired);
		this.#files.pump(jobId);
		this.#hooks.commit();
	}

	/** Make the job's folder when the job is new; whether the job was on the board before. */
	#prepare(jobId: string, creates: boolean): boolean {
		const known = this.#files.board.jobs.has(jobId);
		if (!known || creates) {
			try {
				fs.mkdirSync(this.#paths.jobDir(jobId), {recursive: true});
			} catch (error) {
				throw this.#failed(jobId, known, error);
			}
		}

		return known;
	}

	/** The error a failed append throws, noted as the store's error when it is the disk's. */
	#failed(jobId: string, known: boolean, error: unknown): Error {
		const dir = this.#paths.jobDir(jobId);
		if (known && !fs.existsSync(dir)) {
			// Deleted by another process since it was folded: a refusal, not a disk problem.
			return new Error(`no job ${jobId}: its folder ${dir} does not exist`, {cause: error});
		}

		// The log's own errors name the file; a failed mkdir is just as clear (`EACCES: …, mkdir '<dir>'`).
		if (isIoError(error)) {
			this.#hooks.setError(`cannot append to job ${jobId}: ${errorMessage(error)}`);
			this.#hooks.commit();
		}

		return error instanceof Error ? error : new Error(String(error));
	}

	#written(jobId: string, repaired: TailRepair | undefined): void {
		this.#hooks.setError(undefined);
		if (repaired) {
			this.#files.noteRepair(jobId, repaired);
		}
	}

	/**
	 * Fold `jobId`'s log once the appends written with this one have all come here: one read and one
	 * publish for the whole write (their continuations run one after another in the same turn).
	 */
	async #pumpSoon(jobId: string): Promise<void> {
		this.#toPump.add(jobId);
		this.#pumping ??= Promise.resolve().then(() => {
			this.#pumping = undefined;
			const jobIds = [...this.#toPump];
			this.#toPump.clear();
			if (this.#hooks.isOpen()) {
				this.#files.pumpSome(jobIds);
				this.#hooks.commit();
			}
		});
		await this.#pumping;
	}
}
