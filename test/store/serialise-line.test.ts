/**
 * `serialiseLine` skips parsing its own line back when the event is plain data (`plain-json.ts`):
 * its verdict must stay the reader's verdict on that line, for every event, plain or not.
 */
import {describe, expect, test} from 'vitest';
import {makeEvent, type JobEvent} from '../../source/core/events.js';
import {parseText, serialiseLine} from '../../source/store/parse-line.js';
import {isPlainJson} from '../../source/store/plain-json.js';

const meta = {id: '01JABCDEFGHJKMNPQRSTVWXYZ0', at: '2026-11-01T10:00:00.000Z', by: 'cli'};
const message = makeEvent('job.message', 'J1', {from: 'agent', text: 'hello'}, meta);

class Payload {
	from = 'agent';
	text = 'hello';
}

/** Events as a buggy or hostile caller might build them: each differs from `message` in one way. */
const events: Array<[string, unknown]> = [
	['plain', message],
	['another job', {...message, jobId: 'J2'}],
	['a Date as its time', {...message, at: new Date(meta.at)}],
	['a toJSON on the event', {...message, toJSON: () => ({...message, by: 'x'.repeat(300)})}],
	['a toJSON on the payload', {...message, data: {from: 'a', text: 'b', toJSON: () => ({from: 1})}}],
	['a class instance as payload', {...message, data: new Payload()}],
	['no data key', {id: meta.id, v: 1, type: 'job.message', jobId: 'J1', at: meta.at, by: 'cli'}],
	['data undefined', {...message, data: undefined}],
	[
		'an optional key undefined',
		makeEvent('run.exited', 'J1', {run: 1, code: 0, signal: null, reason: undefined}, meta),
	],
	['NaN in the payload', makeEvent('job.cost', 'J1', {tokens: 1, usd: Number.NaN}, meta)],
	['Infinity in the payload', makeEvent('job.cost', 'J1', {tokens: 1, usd: Infinity}, meta)],
	['-0 in the payload', makeEvent('run.output', 'J1', {run: 1, bytes: -0}, meta)],
	[
		'a hole in an array',
		makeEvent(
			'chunk.completed',
			'J1',
			{n: 1, chars: 1, tokens: 1, hints: Array.from({length: 2}) as string[]},
			meta,
		),
	],
	['a lone surrogate', makeEvent('job.message', 'J1', {from: 'a', text: 'x\uD800y'}, meta)],
	['a NUL character', makeEvent('job.message', 'J1', {from: 'a', text: 'x\u0000y'}, meta)],
	['a function in the payload', {...message, data: {from: 'a', text: 'b', f: () => 1}}],
	[
		'a payload without a prototype',
		{...message, data: Object.assign(Object.create(null) as object, {from: 'a', text: 'b'})},
	],
	[
		'a __proto__ key',
		{...message, data: JSON.parse('{"from":"a","text":"b","__proto__":{"x":1}}') as unknown},
	],
	['an unknown type', {...message, type: 'job.teleported', data: {to: 'mars'}}],
	['a known type whose payload fails', makeEvent('run.output', 'J1', {run: 0, bytes: 1}, meta)],
	[
		'a claim (no hand-written payload check)',
		makeEvent('job.claimed', 'J1', {run: 1, by: 'e', agent: 'shell'}, meta),
	],
	[
		'an author job created',
		makeEvent(
			'job.created',
			'J1',
			{
				title: 't',
				description: '',
				kind: 'agent',
				status: 'ready',
				priority: 'low',
				agent: 'shell',
				blockedBy: [],
				acceptance: [],
				loop: {until: 'done-file', maxRestarts: 1, backoffMs: 0, backoffMaxMs: 0, maxStalls: 1},
			},
			meta,
		),
	],
];

function readerAccepts(event: unknown, jobId: string): boolean {
	const text = JSON.stringify(event);
	return text !== undefined && parseText(text, jobId).ok;
}

describe('serialiseLine without reading its line back', () => {
	test.each(events)('%s: refused exactly when a reader would refuse the line', (_name, event) => {
		const writes = (() => {
			try {
				serialiseLine(event as JobEvent, 'J1');
				return true;
			} catch {
				return false;
			}
		})();
		expect(writes).toBe(readerAccepts(event, 'J1'));
	});

	test('plain data parses back to an equal value; anything else is not called plain', () => {
		const plain = [message, {a: [1, 'x', null, true, {b: 1.5}]}, [], {}, 'x', 0, null, {a: undefined}];
		for (const value of plain) {
			expect(isPlainJson(value)).toBe(true);
			expect(JSON.parse(JSON.stringify(value))).toEqual(value);
		}

		const notPlain = [
			undefined,
			Number.NaN,
			Infinity,
			new Date(),
			new Payload(),
			[undefined],
			Array.from({length: 1}),
			() => 1,
			1n,
			Symbol('s'),
			{toJSON: () => 1},
			new Map(),
		];
		for (const value of notPlain) {
			expect(isPlainJson(value)).toBe(false);
		}

		let deep: unknown = 'leaf';
		for (let n = 0; n < 40; n++) {
			deep = [deep];
		}

		expect(isPlainJson(deep)).toBe(false);
	});
});
