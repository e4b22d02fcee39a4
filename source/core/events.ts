/**
 * The event union: every change to a job is one of these, appended as one JSON line to
 * `.xsarena/jobs/<jobId>/events.jsonl` (format: `../shared/DESIGN.md`, "Events").
 *
 * Envelopes and known payloads are validated with zod when read, so a hostile or hand-edited line is
 * refused instead of corrupting the fold. Unknown `type`s pass the envelope check and are ignored by
 * the reducer, so an older dashboard can read a newer log.
 */
import {z} from 'zod';
import {authorSpecSchema} from './author.js';
import {complexities, jobKinds, jobStatuses, priorities} from './job.js';
import {doneContracts, isolations, loopSchema, runActivities} from './supervision.js';

/** Current version of the event format, written into `v`. */
export const eventVersion = 1;

const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(64);
const status = z.enum(jobStatuses);
const runNumber = z.number().int().positive();
const ms = z.number().int().positive();

/** Supervision settings a job may carry; what it leaves out comes from its agent's config. */
const supervisionFields = {
	isolation: z.enum(isolations).optional(),
	loop: loopSchema.optional(),
	/** Wall-clock limit of one run, in ms. */
	timeoutMs: ms.optional(),
	/** Longest a run may go without output, in ms. */
	idleTimeoutMs: ms.optional(),
	doneContract: z.enum(doneContracts).optional(),
};

/** Payload schemas of the event types this version knows. */
export const eventDataSchemas = {
	'job.created': z.object({
		title: text(500).min(1),
		description: text(100_000).default(''),
		kind: z.enum(jobKinds).default('agent'),
		status,
		priority: z.enum(priorities),
		complexity: z.enum(complexities).optional(),
		agent: text(100),
		command: text(100_000).optional(),
		prompt: text(1_000_000).optional(),
		blockedBy: z.array(id).max(1000).default([]),
		acceptance: z.array(text(10_000)).max(1000).default([]),
		/** What an `author` job writes. */
		author: authorSpecSchema.optional(),
		...supervisionFields,
	}),
	'job.updated': z.object({
		title: text(500).min(1).optional(),
		description: text(100_000).optional(),
		priority: z.enum(priorities).optional(),
		complexity: z.enum(complexities).optional(),
		agent: text(100).optional(),
		command: text(100_000).optional(),
		prompt: text(1_000_000).optional(),
		blockedBy: z.array(id).max(1000).optional(),
		acceptance: z.array(text(10_000)).max(1000).optional(),
		artifacts: z.array(text(4096)).max(10_000).optional(),
		...supervisionFields,
	}),
	'job.status_changed': z.object({
		from: status,
		to: status,
		reason: text(10_000).optional(),
		/** For `blocked`: ISO time after which the engine puts the job back in `ready` (a usage limit's reset). */
		until: z.iso.datetime({offset: true}).optional(),
	}),
	'job.claimed': z.object({run: runNumber, by: text(200), agent: text(100)}),
	'run.started': z.object({
		run: runNumber,
		pid: z.number().int().positive(),
		agent: text(100),
		command: z.array(text(100_000)).max(10_000),
		/** Working folder of the run. */
		cwd: text(4096).optional(),
		/** Git branch of a `worktree` run. */
		branch: text(500).optional(),
		/** Started with the agent's resume form (continuing an interrupted conversation). */
		resumed: z.boolean().optional(),
	}),
	'run.state_changed': z.object({
		run: runNumber,
		from: z.enum(runActivities),
		to: z.enum(runActivities),
	}),
	'run.output': z.object({run: runNumber, bytes: z.number().int().nonnegative()}),
	'run.exited': z.object({
		run: runNumber,
		code: z.number().int().nullable(),
		signal: z.union([z.string().max(20), z.number().int()]).nullable(),
		/** Why the engine ended it (`timed_out`, `idle timeout`, `usage limit`), when it did. */
		reason: text(10_000).optional(),
	}),
	'run.interrupted': z.object({run: runNumber, reason: text(10_000)}),
	/** Run `run` ended without an acceptable DONE file; the loop starts run `run + 1` (claimed alongside). */
	'run.restarted': z.object({
		run: runNumber,
		reason: text(10_000),
		/** The iteration changed nothing (no file, message or new output). */
		stalled: z.boolean().default(false),
	}),
	/** Stop the job's run; `reason` (`cancelled`, `paused`) becomes the blocked job's reason. */
	'job.cancel_requested': z.object({reason: text(10_000).optional()}),
	'job.dispatch_requested': z.object({}),
	'job.message': z.object({from: text(200), text: text(100_000)}),
	/** Input for the job's running agent (`send`), delivered to its pty by the engine that runs it. */
	'job.input': z.object({run: runNumber, text: text(100_000), enter: z.boolean().default(false)}),
	/** Chunk `n` of an author job is in its output file (fsynced) up to byte `endOffset`. */
	'chunk.completed': z.object({
		run: runNumber.optional(),
		n: z.number().int().nonnegative(),
		chars: z.number().int(),
		tokens: z.number().int(),
		/** Size of the output file after this chunk, in bytes: the point a resume truncates back to. */
		endOffset: z.number().int().nonnegative().optional(),
		/** The model's `NEXT:` hint for the following chunk. */
		next: text(4000).optional(),
		/** Ids of the `job.hint` events this chunk followed (they leave the queue). */
		hints: z.array(id).max(1000).optional(),
		/** `tokens` is an estimate (the endpoint reported no usage). */
		estimated: z.boolean().optional(),
	}),
	/** The repetition guard found chunk `n` too close to the recent text. */
	'chunk.repetition': z.object({
		run: runNumber,
		n: z.number().int().positive(),
		/** Jaccard similarity of word 3-grams, 0–1. */
		similarity: z.number().min(0).max(1),
		/** `retried`: asked once more to move on; `continued`/`paused`: what followed a failed retry. */
		action: z.enum(['retried', 'continued', 'paused']),
	}),
	/** A person's direction for an author job's next chunk (`next`); it wins over the model's own. */
	'job.hint': z.object({text: text(10_000).min(1)}),
	/** The outline an author job's `--plan` asked the model for: one entry per chunk. */
	'author.outlined': z.object({sections: z.array(text(2000)).min(1).max(1000)}),
	'job.cost': z.object({tokens: z.number().int().nonnegative(), usd: z.number().nonnegative()}),
} as const;

/** A known event type. */
export type EventType = keyof typeof eventDataSchemas;

/** The payload of a known event type. */
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

/** Fields every event carries. */
type Envelope = {
	/** ULID: unique, and sortable by time within a process. */
	readonly id: string;
	/** Format version of the event ({@link eventVersion} when written by this version). */
	readonly v: number;
	readonly jobId: string;
	/** ISO 8601 time of the change. */
	readonly at: string;
	/** Who made the change: `cli`, `repl`, `engine:<id>`, an agent name. */
	readonly by: string;
};

/** A known event, discriminated on `type`. */
export type KnownEvent = {
	[T in EventType]: Envelope & {readonly type: T; readonly data: EventData<T>};
}[EventType];

/** An event of a type this version does not know: kept in the log, ignored by the fold. */
export type UnknownEvent = Envelope & {readonly type: string; readonly data: unknown; readonly unknown: true};

/** Anything read from a log. */
export type JobEvent = KnownEvent | UnknownEvent;

const envelopeSchema = z.object({
	id,
	v: z.number().int().positive(),
	type: z.string().min(1).max(100),
	jobId: id,
	at: z.iso.datetime({offset: true}),
	by: text(200),
	data: z.unknown(),
});

/** The result of checking one parsed JSON value against the event schemas. */
export type EventCheck = {ok: true; event: JobEvent} | {ok: false; error: string};

/**
 * Validate a parsed JSON value as an event.
 *
 * Known types get their payload checked; unknown types are accepted as {@link UnknownEvent}.
 * Payloads are re-created by zod, so `__proto__` keys in a line never reach an object's prototype.
 */
export function checkEvent(value: unknown): EventCheck {
	const envelope = envelopeSchema.safeParse(value);
	if (!envelope.success) {
		return {ok: false, error: z.prettifyError(envelope.error).replaceAll('\n', '; ')};
	}

	const {type, data, ...rest} = envelope.data;
	if (!Object.hasOwn(eventDataSchemas, type)) {
		return {ok: true, event: {...rest, type, data, unknown: true}};
	}

	const schema = eventDataSchemas[type as EventType];
	const payload = schema.safeParse(data ?? {});
	if (!payload.success) {
		return {ok: false, error: `${type}: ${z.prettifyError(payload.error).replaceAll('\n', '; ')}`};
	}

	return {ok: true, event: {...rest, type, data: payload.data} as KnownEvent};
}

/** What the caller supplies to build an event; ids and times come in as data (the core never reads a clock). */
export type EventMeta = {readonly id: string; readonly at: string; readonly by: string};

/** Build a known event from its parts. */
export function makeEvent<T extends EventType>(
	type: T,
	jobId: string,
	data: EventData<T>,
	meta: EventMeta,
): Extract<KnownEvent, {type: T}> {
	return {id: meta.id, v: eventVersion, type, jobId, at: meta.at, by: meta.by, data} as Extract<
		KnownEvent,
		{type: T}
	>;
}

/** True for an event this version folds. */
export function isKnownEvent(event: JobEvent): event is KnownEvent {
	return !('unknown' in event);
}
