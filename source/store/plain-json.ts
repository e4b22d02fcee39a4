/**
 * Whether a value survives `JSON.parse(JSON.stringify(value))` unchanged, as far as a schema can
 * tell: what lets a writer check an event it built itself without parsing its own line back
 * (`serialiseLine`; the parse was ~1 µs of an append's ~3 µs of work, BENCHMARKS B9).
 *
 * Yes for strings, booleans, `null`, finite numbers, and arrays (dense, of such values) and objects
 * (plain or without a prototype, no `toJSON`) of them, up to {@link maxPlainDepth} deep. An object's
 * key whose value is `undefined` is allowed: `JSON.stringify` leaves it out, and to every schema of
 * core/events.ts an optional key given as `undefined` and a missing one are the same. Anything else
 * (a `Date`, `NaN`, a function, a sparse array, a class instance) is "don't know": the caller then
 * checks the line itself.
 */

/** Deeper than this, no: not worth walking (and the reader limits unknown payloads to 64 levels). */
export const maxPlainDepth = 32;

/** See the file comment. */
export function isPlainJson(value: unknown, depth = 0): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean': {
			return true;
		}

		case 'number': {
			return Number.isFinite(value);
		}

		case 'object': {
			return value === null || (depth < maxPlainDepth && isPlainContainer(value, depth + 1));
		}

		default: {
			return false;
		}
	}
}

function isPlainContainer(value: object, depth: number): boolean {
	if (Array.isArray(value)) {
		if (Object.getPrototypeOf(value) !== Array.prototype || 'toJSON' in value) {
			return false;
		}

		// An index loop: a hole is `undefined` here and `null` in the line.
		for (let index = 0; index < value.length; index++) {
			if (!isPlainJson(value[index], depth)) {
				return false;
			}
		}

		return true;
	}

	const prototype: unknown = Object.getPrototypeOf(value);
	if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) {
		return false;
	}

	for (const key in value) {
		if (!Object.hasOwn(value, key)) {
			// Inherited enumerable keys: something patched Object.prototype; not worth reasoning about.
			return false;
		}

		const item: unknown = (value as Record<string, unknown>)[key];
		if (item !== undefined && !isPlainJson(item, depth)) {
			return false;
		}
	}

	return true;
}
