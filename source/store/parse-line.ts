/**
 * Turning one line of an `events.jsonl` into an event, or into the reason it is not one.
 *
 * Every corruption mode seen in Claude Code's JSONL transcripts has to land here as a refusal, never
 * as an exception: torn records with the next one glued on (anthropics/claude-code#52387), NUL runs
 * after a crash (#49876), spliced records (#81843), plus invalid UTF-8 and hostile payloads (FAULTS S4).
 */
import {checkEvent, type JobEvent} from '../core/events.js';
import {errorMessage} from './fs-errors.js';

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
		return {ok: false, message: 'NUL bytes in line (torn write after a crash?)'};
	}

	let text: string;
	try {
		text = decoder.decode(bytes);
	} catch {
		return {ok: false, message: 'line is not valid UTF-8'};
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		// `}{` means one record was torn and the next glued onto it (claude-code#52387).
		const glued = text.includes('}{') ? ' (two records glued together?)' : '';
		return {ok: false, message: `not JSON${glued}: ${errorMessage(error)}`};
	}

	try {
		const check = checkEvent(value);
		if (!check.ok) {
			return {ok: false, message: `not an event: ${check.error}`};
		}

		if (jobId !== undefined && check.event.jobId !== jobId) {
			return {ok: false, message: `event for job ${check.event.jobId} in the log of job ${jobId}`};
		}

		// Known types are reshaped by their schemas; an unknown one keeps its payload as it is, and a
		// payload nested thousands deep would later break `JSON.stringify` (`show --json`) with a RangeError.
		if ('unknown' in check.event && nestedDeeperThan(check.event.data, maxDepth)) {
			return {
				ok: false,
				message: `not an event: data of ${check.event.type} is nested deeper than ${maxDepth} levels`,
			};
		}

		return check;
	} catch (error) {
		// Deeply nested values can exhaust the stack inside the schema check.
		return {ok: false, message: `not an event: ${errorMessage(error)}`};
	}
}

/** Serialise an event as one line (no `\n`) and prove it reads back as the same kind of event. */
export function serialiseEvent(event: JobEvent, jobId?: string): Buffer {
	const bytes = Buffer.from(JSON.stringify(event), 'utf8');
	if (bytes.length > maxLineBytes) {
		throw new Error(
			`event ${event.type} of job ${event.jobId} is ${bytes.length} bytes as JSON, over the ${maxLineBytes}-byte line limit (store large payloads as artifacts)`,
		);
	}

	// Checking the bytes as a reader will see them means the writer can never produce a line it rejects.
	const check = parseLine(bytes, jobId);
	if (!check.ok) {
		throw new Error(`refusing to write event ${event.type} of job ${event.jobId}: ${check.message}`);
	}

	return bytes;
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
