/**
 * Hand-written checks of the payloads that fill most logs (`run.output`, `run.state_changed`,
 * `job.cost`, `chunk.completed`, `job.message`): after `JSON.parse`, their zod schemas were the
 * largest cost of reading a line (BENCHMARKS B8: ~0.4 µs of ~2 µs an event). Each check says yes
 * only to a value its schema in core/events.ts accepts, and then builds what zod would return (the
 * schema's keys in its order, an optional key given as `undefined` kept as `undefined`); for
 * anything else it says "don't know" and zod decides. test/store/quick-payload.test.ts holds every
 * check to its schema over generated values, so a schema change that a check does not follow fails.
 */
import {runActivities} from '../core/supervision.js';

type Fields = Record<string, unknown>;

/**
 * What the payload schema of `type` makes of `data` when it certainly accepts it; `undefined` when
 * `type` has no hand-written check or the value is not plainly valid (zod must decide).
 */
export function quickPayload(type: string, data: unknown): object | undefined {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return undefined;
	}

	const d = data as Fields;
	switch (type) {
		case 'run.output': {
			return isPositive(d['run']) && isCount(d['bytes']) ? {run: d['run'], bytes: d['bytes']} : undefined;
		}

		case 'run.state_changed': {
			const {run, from, to} = d;
			return isPositive(run) && isActivity(from) && isActivity(to) ? {run, from, to} : undefined;
		}

		case 'job.cost': {
			const {tokens, usd} = d;
			return isCount(tokens) && typeof usd === 'number' && Number.isFinite(usd) && usd >= 0
				? {tokens, usd}
				: undefined;
		}

		case 'job.message': {
			const {from, text} = d;
			return isText(from, 200) && isText(text, 100_000) ? {from, text} : undefined;
		}

		case 'chunk.completed': {
			return chunkCompleted(d);
		}

		default: {
			return undefined;
		}
	}
}

function chunkCompleted(d: Fields): object | undefined {
	const {run, n, chars, tokens, endOffset, next, hints, estimated} = d;
	const valid =
		(run === undefined || isPositive(run)) &&
		isCount(n) &&
		Number.isSafeInteger(chars) &&
		Number.isSafeInteger(tokens) &&
		(endOffset === undefined || isCount(endOffset)) &&
		(next === undefined || isText(next, 4000)) &&
		(hints === undefined || areIds(hints)) &&
		(estimated === undefined || typeof estimated === 'boolean');
	if (!valid) {
		return undefined;
	}

	// zod's output: the schema's keys in its order, each optional one only when the input has the key.
	const out: Fields = {};
	if ('run' in d) {
		out['run'] = run;
	}

	out['n'] = n;
	out['chars'] = chars;
	out['tokens'] = tokens;
	for (const key of ['endOffset', 'next', 'hints', 'estimated'] as const) {
		if (key in d) {
			out[key] = key === 'hints' && hints !== undefined ? [...(hints as string[])] : d[key];
		}
	}

	return out;
}

function isPositive(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) > 0;
}

function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isText(value: unknown, max: number): value is string {
	return typeof value === 'string' && value.length <= max;
}

function isActivity(value: unknown): boolean {
	return typeof value === 'string' && (runActivities as readonly string[]).includes(value);
}

function areIds(value: unknown): boolean {
	if (!Array.isArray(value) || value.length > 1000) {
		return false;
	}

	// An index loop, not `every`: a hole in a sparse array is `undefined` to zod, and refused.
	for (let index = 0; index < value.length; index++) {
		const id: unknown = value[index];
		if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
			return false;
		}
	}

	return true;
}
