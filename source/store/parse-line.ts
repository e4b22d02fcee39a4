/**
 * Turning one line of an `events.jsonl` into an event, or into the reason it is not one.
 *
 * Every corruption mode seen in Claude Code's JSONL transcripts has to land here as a refusal, never
 * as an exception: torn records with the next one glued on (anthropics/claude-code#52387), NUL runs
 * after a crash (#49876), spliced records (#81843), plus invalid UTF-8 and hostile payloads (FAULTS S4).
 *
 * Speed (BENCHMARKS B8, B9): core's `checkEvent` costs ~5 µs an event here, most of it in copying the
 * envelope with an object rest and spread; a valid line takes {@link quickEvent} instead (~0.5 µs): the
 * envelope checked by hand, exactly as core's envelope schema checks it, and the payload by hand for
 * the types that fill most logs (`quick-payload.ts`), else by its type's zod schema. Anything that
 * check does not pass goes to `checkEvent`, which decides and words the error.
 */
import {z} from 'zod';
import {
	checkEvent,
	eventDataSchemas,
	type EventType,
	type JobEvent,
	type KnownEvent,
} from '../core/events.js';
import {errorMessage} from './fs-errors.js';
import {isPlainJson} from './plain-json.js';
import {quickPayload} from './quick-payload.js';

/** Longest line, in bytes without its `\n`, that is written or parsed (FAULTS R9, S4): 1 MiB. */
export const maxLineBytes = 1024 * 1024;

/** Deepest nesting of arrays and objects kept in the payload of an event of an unknown type (FAULTS S4). */
export const maxDepth = 64;

/** One line's verdict. */
export type LineResult = {ok: true; event: JobEvent} | {ok: false; message: string};

// `fatal` makes invalid UTF-8 a refusal instead of silently becoming U+FFFD inside a string.
const decoder = new TextDecoder('utf-8', {fatal: true});

/**
 * Parse the bytes of one whole line (without its `\n`). `jobId`, when given, is the job whose log the
 * line is in: an event naming another job is refused, so a misplaced line never creates a second job.
 */
export function parseLine(bytes: Uint8Array, jobId?: string): LineResult {
	if (bytes.length > maxLineBytes) {
		return {ok: false, message: `line of ${bytes.length} bytes is over the ${maxLineBytes}-byte limit`};
	}

	if (bytes.includes(0)) {
		return {ok: false, message: nulMessage};
	}

	let text: string;
	try {
		text = decoder.decode(bytes);
	} catch {
		return {ok: false, message: utf8Message};
	}

	return parseText(text, jobId);
}

/** Why a line with a NUL byte is refused. */
export const nulMessage = 'NUL bytes in line (torn write after a crash?)';
/** Why a line that is not UTF-8 is refused. */
export const utf8Message = 'line is not valid UTF-8';

/**
 * Parse one line already decoded from valid UTF-8 without NUL bytes and within {@link maxLineBytes}
 * (the caller checked the bytes, see {@link parseLine}).
 */
export function parseText(text: string, jobId?: string): LineResult {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		// `}{` means one record was torn and the next glued onto it (claude-code#52387).
		const glued = text.includes('}{') ? ' (two records glued together?)' : '';
		return {ok: false, message: `not JSON${glued}: ${errorMessage(error)}`};
	}

	return checkValue(value, jobId);
}

/** Judge a parsed line: schemas, the job it names, the nesting of an unknown payload. */
function checkValue(value: unknown, jobId: string | undefined): LineResult {
	let event = quickEvent(value);
	if (event === undefined) {
		try {
			const check = checkEvent(value);
			if (!check.ok) {
				return {ok: false, message: `not an event: ${check.error}`};
			}

			event = check.event;
		} catch (error) {
			// Deeply nested values can exhaust the stack inside the schema check.
			return {ok: false, message: `not an event: ${errorMessage(error)}`};
		}
	}

	if (jobId !== undefined && event.jobId !== jobId) {
		return {ok: false, message: `event for job ${event.jobId} in the log of job ${jobId}`};
	}

	// Known types are reshaped by their schemas; an unknown one keeps its payload as it is, and a
	// payload nested thousands deep would later break `JSON.stringify` (`show --json`) with a RangeError.
	if ('unknown' in event && nestedDeeperThan(event.data, maxDepth)) {
		return {
			ok: false,
			message: `not an event: data of ${event.type} is nested deeper than ${maxDepth} levels`,
		};
	}

	return {ok: true, event};
}

/**
 * Serialise an event as one line (no `\n`) and prove it reads back as the same kind of event: an
 * event of plain data that the fast path accepts needs no more (see `readsBackAsIs`); any other is
 * parsed and checked exactly as a reader parses the line (`JSON.stringify` escapes NUL and lone
 * surrogates, so its UTF-8 never holds a NUL byte and always decodes back to the same text).
 *
 * @throws Error when the line would be over {@link maxLineBytes} or would not read back as valid.
 */
export function serialiseLine(event: JobEvent, jobId?: string): string {
	const text = JSON.stringify(event);
	// A UTF-16 unit is at most 3 bytes of UTF-8: short lines need no count.
	const bytes = text.length * 3 <= maxLineBytes ? text.length : Buffer.byteLength(text, 'utf8');
	if (bytes > maxLineBytes) {
		throw new Error(
			`event ${event.type} of job ${event.jobId} is ${bytes} bytes as JSON, over the ${maxLineBytes}-byte line limit (store large payloads as artifacts)`,
		);
	}

	if (readsBackAsIs(event, jobId)) {
		return text;
	}

	// Checking the line as a reader will see it means the writer can never produce a line it rejects.
	const check = parseText(text, jobId);
	if (!check.ok) {
		throw new Error(`refusing to write event ${event.type} of job ${event.jobId}: ${check.message}`);
	}

	return text;
}

/**
 * Whether a reader will take the line of `event` as the very same event, judged on the object: plain
 * JSON data (`plain-json.ts`, so the line parses back to an equal value) that the fast path accepts
 * as an event of a known type, of job `jobId`. False means "don't know": parse the line and see.
 */
function readsBackAsIs(event: JobEvent, jobId: string | undefined): boolean {
	// A `data` key given as `undefined` is left out of the line, and a line without one is refused.
	if (event.data === undefined || !isPlainJson(event)) {
		return false;
	}

	const read = quickEvent(event);
	return read !== undefined && !('unknown' in read) && (jobId === undefined || read.jobId === jobId);
}

/** {@link serialiseLine}, as the bytes of the line. */
export function serialiseEvent(event: JobEvent, jobId?: string): Buffer {
	return Buffer.from(serialiseLine(event, jobId), 'utf8');
}

// What core's envelope schema (`envelopeSchema` in core/events.ts) allows; test/store/parse-line.test.ts
// holds the two to the same verdicts.
const maxIdLength = 64;
const maxTypeLength = 100;
const maxByLength = 200;
/** The very pattern zod checks `z.iso.datetime({offset: true})` against (its check is that regex alone). */
const dateTimeSchema = z.iso.datetime({offset: true});
const dateTimePattern: unknown = dateTimeSchema._zod.def.pattern;
const isDateTime: (value: string) => boolean =
	dateTimePattern instanceof RegExp && !dateTimePattern.global && !dateTimePattern.sticky
		? (value) => dateTimePattern.test(value)
		: (value) => dateTimeSchema.safeParse(value).success;

/**
 * The event `value` is, when it certainly is one: an envelope that core's envelope schema accepts and
 * a known payload its schema accepts (or an unknown type). `undefined` for anything else, which
 * `checkEvent` then judges. Builds the same object `checkEvent` returns, with the same key order,
 * from fresh literals (prototype-safe: nothing is copied from `value` but the checked fields).
 */
export function quickEvent(value: unknown): JobEvent | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return undefined;
	}

	const {id, v, type, jobId, at, by, data} = value as Record<string, unknown>;
	if (
		!isId(id) ||
		typeof v !== 'number' ||
		!Number.isSafeInteger(v) ||
		v <= 0 ||
		typeof type !== 'string' ||
		type.length === 0 ||
		type.length > maxTypeLength ||
		!isId(jobId) ||
		typeof at !== 'string' ||
		!isDateTime(at) ||
		typeof by !== 'string' ||
		by.length > maxByLength ||
		// zod requires the key, whatever its value.
		!('data' in value)
	) {
		return undefined;
	}

	if (!Object.hasOwn(eventDataSchemas, type)) {
		return {id, v, jobId, at, by, type, data, unknown: true};
	}

	const quick = quickPayload(type, data ?? {});
	if (quick !== undefined) {
		return {id, v, jobId, at, by, type, data: quick} as KnownEvent;
	}

	const payload = eventDataSchemas[type as EventType].safeParse(data ?? {});
	return payload.success ? ({id, v, jobId, at, by, type, data: payload.data} as KnownEvent) : undefined;
}

function isId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= maxIdLength;
}

/** Whether `value` has arrays or objects nested more than `limit` deep; iterative, so any depth is safe. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (typeof item !== 'object' || item === null) {
			continue;
		}

		if (depth >= limit) {
			return true;
		}

		for (const child of Object.values(item)) {
			stack.push([child, depth + 1]);
		}
	}

	return false;
}
