/**
 * The fast path of `parse-line.ts` (`quickEvent`) must agree with core's `checkEvent` on every value:
 * whatever it accepts, `checkEvent` accepts as the very same event. This pins the envelope rules it
 * mirrors, so a change to core's envelope schema that the fast path does not follow fails here.
 */
import {describe, expect, test} from 'vitest';
import {checkEvent, makeEvent} from '../../source/core/events.js';
import {
	parseLine,
	parseText,
	quickEvent,
	serialiseEvent,
	serialiseLine,
} from '../../source/store/parse-line.js';

const good = makeEvent(
	'job.message',
	'J1',
	{from: 'agent', text: 'hello'},
	{id: '01JABCDEFGHJKMNPQRSTVWXYZ0', at: '2026-11-01T10:00:00.000Z', by: 'cli'},
);

/** Every field of the envelope, replaced by values at and around the edges of what it allows. */
const variants: Array<[string, unknown[]]> = [
	['id', ['', 'x', 'x'.repeat(64), 'x'.repeat(65), 7, null, undefined, ['x'], {}]],
	['v', [1, 2, 99, 0, -1, 1.5, 2 ** 53 - 1, 2 ** 53, '1', null, undefined, true]],
	[
		'type',
		[
			'',
			't',
			'x'.repeat(100),
			'x'.repeat(101),
			'job.teleported',
			'__proto__',
			'constructor',
			'toString',
			3,
			null,
		],
	],
	['jobId', ['', 'J1', 'J2', 'x'.repeat(64), 'x'.repeat(65), 1, null, undefined]],
	[
		'at',
		[
			'2026-11-01T10:00:00.000Z',
			'2026-11-01T10:00:00Z',
			'2026-11-01T10:00:00.123456789Z',
			'2026-11-01T10:00:00+02:00',
			'2026-11-01T10:00:00.5-05:30',
			'2026-11-01T10:00Z',
			'2026-11-01T10:00:00',
			'2026-11-01 10:00:00Z',
			'2024-02-29T00:00:00Z',
			'2026-02-29T00:00:00Z',
			'2026-13-01T00:00:00Z',
			'2026-11-01T24:00:00Z',
			'2026-11-01T10:00:00+24:00',
			'2026-11-01T10:00:00.000z',
			' 2026-11-01T10:00:00Z',
			'',
			0,
			null,
		],
	],
	['by', ['', 'cli', 'x'.repeat(200), 'x'.repeat(201), 5, null, undefined]],
	[
		'data',
		[
			{from: 'a', text: 'b'},
			{from: 'a', text: 'b', extra: 1},
			{from: 'a', text: 'b', __proto__: {polluted: true}},
			{from: 'a'},
			{from: 'a', text: 'x'.repeat(100_001)},
			{from: 1, text: 'b'},
			null,
			undefined,
			[],
			'text',
			7,
		],
	],
];

function withField(field: string, value: unknown): Record<string, unknown> {
	const copy: Record<string, unknown> = {...good};
	if (value === undefined) {
		delete copy[field];
	} else {
		copy[field] = value;
	}

	return copy;
}

describe('quickEvent', () => {
	const cases = variants.flatMap(([field, values]) =>
		values.map(
			(value) =>
				[`${field} = ${JSON.stringify(value)?.slice(0, 40) ?? 'missing'}`, withField(field, value)] as const,
		),
	);

	test.each(cases)('agrees with checkEvent: %s', (_name, value) => {
		// Both judge the value as a reader sees it: parsed from its JSON line.
		const parsed: unknown = JSON.parse(JSON.stringify(value));
		const quick = quickEvent(parsed);
		const check = checkEvent(parsed);
		// Accepting what core refuses would let a bad line in; refusing what it accepts only costs time.
		expect(quick !== undefined).toBe(check.ok);
		if (quick !== undefined && check.ok) {
			expect(quick).toStrictEqual(check.event);
			// The same key order, so the JSON written (`show --json`, exports) is the same.
			expect(Object.keys(quick)).toEqual(Object.keys(check.event));
		}
	});

	test('accepts the common case, and events of every shape a store writes (known types with defaults, unknown types)', () => {
		expect(quickEvent(JSON.parse(JSON.stringify(good)))).toStrictEqual(good);
		const created = makeEvent(
			'job.created',
			'J1',
			{
				title: 't',
				description: '',
				kind: 'agent',
				status: 'ready',
				priority: 'medium',
				agent: 'shell',
				blockedBy: [],
				acceptance: [],
			},
			{id: 'C1', at: good.at, by: 'cli'},
		);
		const {description: _description, blockedBy: _blockedBy, ...sparse} = created.data;
		const parsed = quickEvent({...created, data: sparse});
		expect(parsed).toStrictEqual(checkEvent({...created, data: sparse}).ok ? created : undefined);
		const future = {...good, v: 2, type: 'job.teleported', data: {to: 'mars'}};
		expect(quickEvent(future)).toStrictEqual({...future, unknown: true});
	});

	test('never lets a __proto__ key reach a prototype', () => {
		const text = JSON.stringify(good)
			.replace('"data":{', '"data":{"__proto__":{"polluted":true},')
			.replace('{"id"', '{"__proto__":{"polluted":true},"id"');
		const event = quickEvent(JSON.parse(text));
		expect(event).toStrictEqual(good);
		expect(Object.getPrototypeOf(event?.data)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});
});

describe('parseLine and parseText', () => {
	test('a line with a byte order mark reads as without it, as TextDecoder reads it', () => {
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), serialiseEvent(good)]);
		expect(parseLine(bytes)).toEqual({ok: true, event: good});
	});

	test('the refusals keep their wording', () => {
		expect(parseText('{"id": "x", "v": 1')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/^not JSON/) as string,
		});
		expect(parseText('{"a":1}{"b":2}')).toMatchObject({message: expect.stringMatching(/glued/) as string});
		expect(parseText('[1]')).toMatchObject({message: expect.stringMatching(/^not an event/) as string});
		expect(parseText(JSON.stringify(good), 'J2')).toMatchObject({
			message: 'event for job J1 in the log of job J2',
		});
	});
});

describe('serialiseLine', () => {
	test('writes what a reader reads back, and refuses what a reader would refuse', () => {
		expect(parseText(serialiseLine(good))).toEqual({ok: true, event: good});
		expect(serialiseEvent(good).toString('utf8')).toBe(serialiseLine(good));
		expect(() => serialiseLine({...good, data: {from: 'a', text: 'x'.repeat(100_001)}})).toThrow(
			/refusing to write event job\.message/,
		);
		expect(() => serialiseLine(good, 'J2')).toThrow(/in the log of job J2/);
	});

	test('NUL and lone surrogates are escaped by JSON, so the line needs no byte checks', () => {
		const odd = {...good, data: {from: 'a', text: 'nul \u0000 and lone \ud800 surrogate'}};
		const line = serialiseEvent(odd);
		expect(line.includes(0)).toBe(false);
		expect(parseLine(line)).toEqual({ok: true, event: odd});
	});

	test('the line limit counts bytes, not characters', () => {
		const unknown = (text: string) => ({
			...good,
			type: 'job.teleported',
			data: {text},
			unknown: true as const,
		});
		// 600,000 ASCII characters: under 1 MiB, though counted (3 bytes a character could be over).
		expect(() => serialiseLine(unknown('a'.repeat(600_000)))).not.toThrow();
		// 400,000 three-byte characters: under 1 Mi characters, over 1 MiB as UTF-8.
		expect(() => serialiseLine(unknown('€'.repeat(400_000)))).toThrow(/over the 1048576-byte line limit/);
	});
});
