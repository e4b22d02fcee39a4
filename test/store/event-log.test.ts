import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {makeEvent} from '../../source/core/events.js';
import {EventLog} from '../../source/store/event-log.js';
import {line, makeTemporary, messageEvent, removeTemporary} from './helpers.js';

let folder: string;
let file: string;

beforeEach(() => {
	folder = makeTemporary();
	file = path.join(folder, 'events.jsonl');
});

afterEach(() => {
	removeTemporary(folder);
});

describe('EventLog', () => {
	test('appended events read back in order, and a read at the end finds nothing new', () => {
		// Given
		const log = new EventLog(file);
		const events = [messageEvent('J1', 'one'), messageEvent('J1', 'two'), messageEvent('J1', 'ünïcødé ✓')];
		// When
		log.append(events.slice(0, 2));
		log.append(events.slice(2));
		const first = log.readFrom(0);
		// Then
		expect(first).toEqual({events, offset: fs.statSync(file).size, bad: []});
		expect(log.readFrom(first.offset)).toEqual({events: [], offset: first.offset, bad: []});
		expect(fs.readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
	});

	test('a missing file reads as empty', () => {
		expect(new EventLog(file).readFrom(0)).toEqual({events: [], offset: 0, bad: []});
	});

	test('a torn tail is left unconsumed and read once it is completed', () => {
		// Given a whole line and half of the next
		const [a, b] = [messageEvent('J1', 'a'), messageEvent('J1', 'b')];
		const half = line(b).length >> 1;
		fs.writeFileSync(file, line(a) + line(b).slice(0, half));
		const log = new EventLog(file);
		// When
		const first = log.readFrom(0);
		fs.appendFileSync(file, line(b).slice(half));
		const second = log.readFrom(first.offset);
		// Then
		expect(first).toEqual({events: [a], offset: Buffer.byteLength(line(a)), bad: []});
		expect(second).toEqual({events: [b], offset: fs.statSync(file).size, bad: []});
	});

	test('a multibyte character split across the torn tail is not cut', () => {
		const event = messageEvent('J1', '日本語のテキスト');
		const bytes = Buffer.from(line(event));
		const cut = bytes.indexOf(Buffer.from('本')) + 1;
		fs.writeFileSync(file, bytes.subarray(0, cut));
		const log = new EventLog(file);
		expect(log.readFrom(0).events).toEqual([]);
		fs.appendFileSync(file, bytes.subarray(cut));
		expect(log.readFrom(0)).toEqual({events: [event], offset: bytes.length, bad: []});
	});

	test('bad lines in the middle are skipped with their line numbers, and later lines still read', () => {
		// Given
		const [a, b, c] = [messageEvent('J1', 'a'), messageEvent('J1', 'b'), messageEvent('J1', 'c')];
		const glued = line(b).trimEnd() + line(c);
		fs.writeFileSync(
			file,
			Buffer.concat([
				Buffer.from(line(a)),
				Buffer.from('garbage\n'),
				Buffer.from(glued),
				Buffer.from('\n'),
				Buffer.alloc(64),
				Buffer.from('\n{"id": "x", "v": 1\n'),
				Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
				Buffer.from(line({...a, id: 'other-job', jobId: 'J2'})),
				Buffer.from(line({...a, id: 'no-payload', type: 'job.message', data: {}})),
				Buffer.from(line(c)),
			]),
		);
		// When
		const result = new EventLog(file, {jobId: 'J1'}).readFrom(0);
		// Then
		expect(result.events).toEqual([a, c]);
		expect(result.offset).toBe(fs.statSync(file).size);
		expect(result.bad.map(({line}) => line)).toEqual([2, 3, 5, 6, 7, 8, 9]);
		const messages = result.bad.map(({message}) => message);
		expect(messages[0]).toMatch(/^not JSON/);
		expect(messages[1]).toMatch(/glued/);
		expect(messages[2]).toMatch(/NUL/);
		expect(messages[3]).toMatch(/^not JSON/);
		expect(messages[4]).toMatch(/UTF-8/);
		expect(messages[5]).toMatch(/job J2 in the log of job J1/);
		expect(messages[6]).toMatch(/^not an event: job.message/);
	});

	test('line numbers continue across reads, also for a new reader starting mid-file', () => {
		const log = new EventLog(file);
		log.append([messageEvent('J1', 'a'), messageEvent('J1', 'b')]);
		const {offset} = log.readFrom(0);
		fs.appendFileSync(file, 'bad\n');
		expect(log.readFrom(offset).bad).toEqual([
			{line: 3, message: expect.stringMatching(/^not JSON/) as string},
		]);
		expect(new EventLog(file).readFrom(offset).bad[0]?.line).toBe(3);
	});

	test('an append after a torn tail starts a fresh line, so no record is glued to the torn one', () => {
		// Given a crash left half a record
		const [a, b] = [messageEvent('J1', 'a'), messageEvent('J1', 'b')];
		fs.writeFileSync(file, line(a) + line(b).slice(0, 20));
		const log = new EventLog(file);
		// When
		const c = messageEvent('J1', 'c');
		log.append([c]);
		// Then
		const result = log.readFrom(0);
		expect(result.events).toEqual([a, c]);
		expect(result.bad).toEqual([{line: 2, message: expect.stringMatching(/^not JSON/) as string}]);
		expect(fs.readFileSync(file, 'utf8')).not.toContain('}{');
	});

	test('an event over 1 MiB as one line is refused before anything is written', () => {
		const log = new EventLog(file);
		log.append([messageEvent('J1', 'small')]);
		const size = fs.statSync(file).size;
		const huge = messageEvent('J1', 'x'.repeat(1024 * 1024));
		expect(() => {
			log.append([messageEvent('J1', 'fine'), huge]);
		}).toThrow(/over the 1048576-byte line limit/);
		expect(fs.statSync(file).size).toBe(size);
	});

	test('a line over 1 MiB in the file is reported, not parsed', () => {
		const [a, b] = [messageEvent('J1', 'a'), messageEvent('J1', 'b')];
		fs.writeFileSync(
			file,
			line(a) + line({...a, id: 'big', data: {from: 't', text: 'y'.repeat(2_000_000)}}) + line(b),
		);
		const result = new EventLog(file).readFrom(0);
		expect(result.events).toEqual([a, b]);
		expect(result.bad).toEqual([
			{line: 2, message: expect.stringMatching(/over the 1048576-byte limit/) as string},
		]);
	});

	test('lines spanning the 4 MiB read chunks, and an over-long one among them, are read whole', () => {
		// Given ~4 MB of events with a 5 MiB line in the middle: both chunk boundaries fall inside lines
		const events = Array.from({length: 3000}, (_, i) => messageEvent('J1', `${i}:${'z'.repeat(1200)}`));
		const text = events.map((event) => line(event));
		text.splice(1500, 0, `${'{'.repeat(5 * 1024 * 1024)}\n`);
		fs.writeFileSync(file, text.join(''));
		// When
		const result = new EventLog(file).readFrom(0);
		// Then
		expect(result.events).toEqual(events);
		expect(result.bad).toEqual([
			{line: 1501, message: expect.stringMatching(/over the 1048576-byte limit/) as string},
		]);
		expect(result.offset).toBe(fs.statSync(file).size);
	});

	test('an event that would not read back is refused', () => {
		const log = new EventLog(file, {jobId: 'J1'});
		expect(() => {
			log.append([messageEvent('J2', 'elsewhere')]);
		}).toThrow(/refusing to write/);
		expect(fs.existsSync(file)).toBe(false);
	});

	test('an unknown event type from a newer version is kept, marked unknown', () => {
		const future = {
			id: 'F1',
			v: 2,
			type: 'job.teleported',
			jobId: 'J1',
			at: '2026-11-01T10:00:00.000Z',
			by: 'x',
			data: {to: 'mars'},
		};
		fs.writeFileSync(file, line(future));
		expect(new EventLog(file).readFrom(0).events).toEqual([{...future, unknown: true}]);
	});

	test('__proto__ keys in a line do not reach any prototype', () => {
		const event = makeEvent(
			'job.message',
			'J1',
			{from: 'a', text: 'b'},
			{id: 'P1', at: '2026-11-01T10:00:00.000Z', by: 'x'},
		);
		const hostile = line(event)
			.replace('"data":{', '"data":{"__proto__":{"polluted":true},')
			.replace('{"id"', '{"__proto__":{"polluted":true},"id"');
		fs.writeFileSync(file, hostile);
		const [read] = new EventLog(file).readFrom(0).events;
		expect(read).toEqual(event);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
		expect((read?.data as Record<string, unknown>)['polluted']).toBeUndefined();
		expect(Object.getPrototypeOf(read?.data)).toBe(Object.prototype);
	});

	test('a file shorter than the offset asked for reports it was truncated', () => {
		const log = new EventLog(file);
		log.append([messageEvent('J1', 'a')]);
		const {offset} = log.readFrom(0);
		fs.truncateSync(file, 0);
		expect(log.readFrom(offset)).toMatchObject({events: [], truncated: true});
	});

	test('seek accepts only a line boundary inside the file', () => {
		const log = new EventLog(file);
		log.append([messageEvent('J1', 'a'), messageEvent('J1', 'b')]);
		const first = Buffer.byteLength(fs.readFileSync(file, 'utf8').split('\n')[0]!) + 1;
		expect(log.seek({offset: first - 1, lines: 0})).toBe(false);
		expect(log.seek({offset: fs.statSync(file).size + 1, lines: 2})).toBe(false);
		expect(log.seek({offset: first, lines: 1})).toBe(true);
		expect(log.readFrom(first).events).toHaveLength(1);
		expect(log.position).toEqual({offset: fs.statSync(file).size, lines: 2});
	});
});
