/**
 * `quickPayload` may only ever say yes where the payload's zod schema says yes, and must then give
 * exactly what zod gives (same keys, same order, same values). Checked over every combination of
 * field values at and around the edges of each schema (a random sample of them for `chunk.completed`).
 */
import {describe, expect, test} from 'vitest';
import {eventDataSchemas, type EventType} from '../../source/core/events.js';
import {quickPayload} from '../../source/store/quick-payload.js';

const absent = Symbol('absent');
const ints = [
	1,
	0,
	-0,
	-1,
	2,
	1.5,
	2 ** 53 - 1,
	2 ** 53,
	Infinity,
	Number.NaN,
	'1',
	null,
	true,
	undefined,
	absent,
];
const floats = [0, -0, 0.0042, 1e308, -1e-9, Infinity, Number.NaN, '0.1', null, undefined, absent];
const texts = (max: number) => [
	'',
	'a',
	'x'.repeat(max),
	'x'.repeat(max + 1),
	3,
	null,
	undefined,
	absent,
	['a'],
];
const activities = ['starting', 'busy', 'waiting', 'idle', 'exited', 'sleeping', '', 1, undefined, absent];

/** Every combination of the values given per key (`absent`: the key is left out). */
function* combinations(fields: Record<string, readonly unknown[]>): Generator<Record<string, unknown>> {
	const keys = Object.keys(fields);
	const counts = keys.map((key) => fields[key]!.length);
	const total = counts.reduce((product, count) => product * count, 1);
	for (let n = 0; n < total; n++) {
		const value: Record<string, unknown> = {};
		let rest = n;
		for (const [index, key] of keys.entries()) {
			const choice = fields[key]![rest % counts[index]!];
			rest = Math.floor(rest / counts[index]!);
			if (choice !== absent) {
				value[key] = choice;
			}
		}

		yield value;
	}
}

/**
 * `count` values with each key's value picked at random (deterministically): from its valid values
 * (the first list) nine times in ten, so that many values pass and the optional keys vary among them.
 */
function* picks(
	fields: Record<string, readonly [readonly unknown[], readonly unknown[]]>,
	count: number,
): Generator<Record<string, unknown>> {
	let state = 12_345;
	const next = (n: number) => {
		// mulberry32: well spread, and the same picks every run.
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
	};

	for (let n = 0; n < count; n++) {
		const value: Record<string, unknown> = {};
		for (const [key, [valid, invalid]] of Object.entries(fields)) {
			const choices = next(10) === 0 ? invalid : valid;
			const choice = choices[next(choices.length)];
			if (choice !== absent) {
				value[key] = choice;
			}
		}

		yield value;
	}
}

function agreesWithZod(type: EventType, data: unknown): boolean {
	const quick = quickPayload(type, data);
	const zod = eventDataSchemas[type].safeParse(data);
	if (quick === undefined) {
		return false;
	}

	expect({data, zodAccepts: zod.success}).toEqual({data, zodAccepts: true});
	expect(quick).toStrictEqual(zod.data);
	expect(Object.keys(quick)).toEqual(Object.keys(zod.data as object));
	return true;
}

describe('quickPayload', () => {
	const cases: Array<[EventType, Iterable<Record<string, unknown>>]> = [
		['run.output', combinations({run: ints, bytes: ints})],
		['run.state_changed', combinations({run: ints, from: activities, to: activities})],
		['job.cost', combinations({tokens: ints, usd: floats})],
		['job.message', combinations({from: texts(200), text: texts(100_000)})],
		[
			'chunk.completed',
			picks(
				{
					n: [
						[0, 1, -0, 2 ** 53 - 1],
						[-1, 1.5, 2 ** 53, Infinity, '1', null, undefined, absent],
					],
					run: [
						[1, 7, undefined, absent],
						[0, -0, 1.5, 2 ** 53, null, '1'],
					],
					chars: [
						[0, -5, 2 ** 53 - 1],
						[1.5, null, absent],
					],
					tokens: [
						[3, -3],
						[2 ** 53, Number.NaN, absent],
					],
					endOffset: [
						[0, 9, undefined, absent],
						[-1, 0.5, null],
					],
					next: [
						['', 'go on', 'x'.repeat(4000), undefined, absent],
						['x'.repeat(4001), 3, null],
					],
					hints: [
						[[], ['h1'], ['h1', 'x'.repeat(64)], undefined, absent],
						// eslint-disable-next-line no-sparse-arrays
						[['x'.repeat(65)], [''], [1], [, 'h1'], Array.from({length: 1001}, () => 'h'), 'h1', null],
					],
					estimated: [
						[true, false, undefined, absent],
						['true', 0, null],
					],
				},
				20_000,
			),
		],
	];

	test.each(cases)('%s: accepts only what zod accepts, as zod gives it', (type, values) => {
		let accepted = 0;
		let tried = 0;
		for (const data of values) {
			tried++;
			if (agreesWithZod(type, data)) {
				accepted++;
			}
		}

		// The fast path is taken (for the valid values), not just harmless.
		expect(accepted).toBeGreaterThan(0);
		expect(accepted).toBeLessThan(tried);
	});

	test('extra keys are dropped, as zod drops them', () => {
		expect(agreesWithZod('job.message', {from: 'a', text: 'b', extra: 1})).toBe(true);
		expect(agreesWithZod('run.output', JSON.parse('{"run":1,"bytes":2,"__proto__":{"x":1}}'))).toBe(true);
	});

	test('values that are not objects, and types without a hand-written check, are left to zod', () => {
		for (const data of [null, undefined, [], 'x', 3]) {
			expect(quickPayload('job.message', data)).toBeUndefined();
		}

		expect(quickPayload('job.claimed', {run: 1, by: 'e', agent: 'shell'})).toBeUndefined();
		expect(quickPayload('job.teleported', {})).toBeUndefined();
	});
});
