/**
 * Decisions people make about a job while it works: pause and resume (any job), and steering an author
 * job's next chunk. Pure, like `decide.ts`.
 */
import {draft, decideCancel, type Draft} from './decide.js';
import {DomainError} from './errors.js';
import {activeRun, type Job} from './job.js';

/** The reason a paused job carries in `blocked`. */
export const pausedReason = 'paused';

/**
 * Pause a job: a running one is asked to stop (its engine ends the run and blocks the job as
 * `paused`; an author job keeps every completed chunk); a waiting one is blocked as `paused` at once.
 *
 * @throws {DomainError} `conflict` for a job that is done, already blocked or already stopping.
 */
export function decidePause(job: Job): Draft[] {
	return decideCancel(job, pausedReason);
}

/**
 * Resume a blocked job (paused, cancelled, failed): back to `ready`, where the scheduler picks it up.
 * An author job continues at its last completed chunk + 1.
 *
 * @throws {DomainError} `conflict` for a job that is not blocked, or whose run has not ended yet.
 */
export function decideResume(job: Job): Draft[] {
	if (job.status !== 'blocked') {
		throw new DomainError('conflict', `job ${job.id} is ${job.status}, not blocked; nothing to resume`);
	}

	if (activeRun(job)) {
		throw new DomainError('conflict', `job ${job.id} is still stopping; resume it once its run has ended`);
	}

	return [
		draft('job.status_changed', {
			from: 'blocked',
			to: 'ready',
			reason: `resumed (was ${job.reason ?? 'blocked'})`,
		}),
	];
}

/**
 * Queue a person's direction for an author job's next chunk (`next <id> "<hint>"`). It wins over the
 * model's own `NEXT:` hint and leaves the queue with the chunk that follows it.
 *
 * @throws {DomainError} `invalid` for a job that is not an author job, an empty hint, or a finished book.
 */
export function decideHint(job: Job, text: string): Draft[] {
	if (!job.author) {
		throw new DomainError('invalid', `job ${job.id} is not an author job; send text to an agent with send`);
	}

	if (text.trim() === '') {
		throw new DomainError('invalid', 'a hint needs text');
	}

	if (job.author.chunks >= job.author.spec.chunks) {
		throw new DomainError('invalid', `job ${job.id} has written all ${job.author.spec.chunks} chunks`);
	}

	return [draft('job.hint', {text: text.trim()})];
}
