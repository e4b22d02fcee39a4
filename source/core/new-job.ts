/** A new job as its `job.created` event describes it: the one place a job's fields start. */
import {startProgress} from './author.js';
import type {KnownEvent} from './events.js';
import type {Job} from './job.js';

/**
 * The job `event` creates, with empty runs, messages, input and cost. Every container in it is new
 * except `blockedBy` and `acceptance`, which are the event's own (callers that change them in place
 * must copy them first, as `replayJob` does).
 */
export function newJob(event: Extract<KnownEvent, {type: 'job.created'}>): Job {
	const d = event.data;
	return {
		id: event.jobId,
		title: d.title,
		description: d.description,
		kind: d.kind,
		status: d.status,
		priority: d.priority,
		complexity: d.complexity,
		agent: d.agent,
		command: d.command,
		prompt: d.prompt,
		blockedBy: d.blockedBy,
		blocks: [],
		acceptance: d.acceptance,
		artifacts: [],
		runs: [],
		messages: [],
		input: [],
		isolation: d.isolation,
		loop: d.loop,
		timeoutMs: d.timeoutMs,
		idleTimeoutMs: d.idleTimeoutMs,
		doneContract: d.doneContract,
		author: d.author && startProgress(d.author),
		restarts: 0,
		stalls: 0,
		cost: {tokens: 0, usd: 0},
		cancelRequested: false,
		dispatchRequested: false,
		createdAt: event.at,
		updatedAt: event.at,
		lastEventId: event.id,
		eventCount: 1,
	};
}
