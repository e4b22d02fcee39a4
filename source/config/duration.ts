/**
 * Durations people write in `config.yml`, `board.yml` and on the command line: a number of
 * milliseconds, or a string such as `90s`, `30m`, `1.5h` or `2 days` (parsed by `ms`).
 */
import ms from 'ms';
import {z} from 'zod';

/** Longest duration accepted, in ms (30 days): anything longer is a typo, and `setTimeout` caps at ~24.8 days anyway. */
export const maxDurationMs = 30 * 24 * 3_600_000;

/**
 * Parse a duration into whole milliseconds.
 *
 * @param value ms as a number, or a string for `ms` (`500`, `90s`, `30m`, `2h`, `1d`).
 * @returns a positive integer number of ms (fractions are rounded).
 * @throws Error naming the value when it is not a duration, not positive, or over {@link maxDurationMs}.
 */
export function parseDuration(value: string | number): number {
	// `ms` returns undefined for text it does not know and throws on an empty string.
	const parsed: unknown =
		typeof value === 'number' ? value : value.trim() === '' ? undefined : ms(value as ms.StringValue);
	if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
		throw new Error(`"${String(value)}" is not a duration (use ms, or e.g. 90s, 30m, 2h)`);
	}

	const rounded = Math.round(parsed);
	if (rounded <= 0) {
		throw new Error(`duration "${String(value)}" must be positive`);
	}

	if (rounded > maxDurationMs) {
		throw new Error(`duration "${String(value)}" is over the 30-day limit`);
	}

	return rounded;
}

/** A zod schema for a duration field: a number (ms) or a string, giving whole ms; see {@link parseDuration}. */
export const durationSchema = z.union([z.number(), z.string()]).transform((value, context) => {
	try {
		return parseDuration(value);
	} catch (error) {
		context.issues.push({code: 'custom', message: (error as Error).message, input: value});
		return z.NEVER;
	}
});
