import fs from 'node:fs';
import {DomainError, requireJob, type Job} from '../core/index.js';
import {resolveBookPath} from '../engine/author/book-file.js';
import type {CommandContext} from './types.js';

/** Largest book read by `split` and `stats`, in bytes. */
const maxBookBytes = 64 * 1024 * 1024;

/**
 * An author job's text, as far as its completed chunks go (bytes past the last commit point are a
 * chunk being written or one a crash left unrecorded).
 *
 * @throws {DomainError} for an unknown id, a job that is not an author job, or a book not started.
 */
export function readBook(context: CommandContext, id: string): {job: Job; file: string; text: string} {
	const job = requireJob(context.store.getSnapshot().board, id);
	if (!job.author) {
		throw new DomainError('invalid', `job ${job.id} is not an author job`);
	}

	const file = resolveBookPath(job.author.spec.out, context.projectDir, context.paths.jobDir(job.id));
	if (job.author.endOffset === 0 || !fs.existsSync(file)) {
		throw new DomainError('invalid', `job ${job.id} has not written a chunk yet`);
	}

	const bytes = Math.min(job.author.endOffset, maxBookBytes);
	const buffer = Buffer.alloc(bytes);
	const fd = fs.openSync(file, 'r');
	try {
		const read = fs.readSync(fd, buffer, 0, bytes, 0);
		return {job, file, text: buffer.subarray(0, read).toString('utf8')};
	} finally {
		fs.closeSync(fd);
	}
}
