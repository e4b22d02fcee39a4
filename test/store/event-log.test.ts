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

/** Make `target` look last written a minute ago: a settled tail, not a write in progress. */
function age(target: string): void {
	const past = new Date(Date.now() - 60_000);
	fs.utimesSync(target, past, past);
}

function corruptFiles(): string[] {
	return fs.readdirSync(folder).filter((name) => name.startsWith('events.jsonl.corrupt-'));
}

function corruptPath(): string {
	const [name] = corruptFiles();
	expect(name).toBeDefined();
	return path.join(folder, name!);
}

function escape(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

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

	test('an append after a torn tail moves the torn bytes aside and truncates, under the lock; earlier lines stay byte for byte', () => {
		// Given a crash left half a record, written long enough ago to be settled
		const [a, b] = [messageEvent('J1', 'a'), messageEvent('J1', 'b')];
		const torn = line(b).slice(0, 20);
		fs.writeFileSync(file, line(a) + torn);
		age(file);
		let locks = 0;
		const log = new EventLog(file, {
			lock: (critical) => {
				locks++;
				return critical();
			},
		});
		// When
		const c = messageEvent('J1', 'c');
		const {repaired} = log.append([c]);
		// Then the log is the whole lines before the tear, then the new one
		expect(fs.readFileSync(file, 'utf8')).toBe(line(a) + line(c));
		expect(log.readFrom(0)).toEqual({events: [a, c], offset: fs.statSync(file).size, bad: []});
		// And the torn bytes are kept next to it, once
		expect(locks).toBe(1);
		expect(repaired).toEqual({
			line: 2,
			offset: Buffer.byteLength(line(a)),
			bytes: 20,
			savedTo: expect.stringMatching(/events\.jsonl\.corrupt-\d+$/) as string,
		});
		expect(corruptFiles()).toEqual([path.basename(repaired!.savedTo)]);
		expect(fs.readFileSync(repaired!.savedTo, 'utf8')).toBe(torn);
		// And the next append needs no lock
		log.append([messageEvent('J1', 'd')]);
		expect(locks).toBe(1);
	});

	test('a log that is only a torn record is truncated to empty; NUL runs after a crash count as torn', () => {
		fs.writeFileSync(file, Buffer.concat([Buffer.from('{"id":"x","v":1,'), Buffer.alloc(4096)]));
		age(file);
		const log = new EventLog(file);
		const a = messageEvent('J1', 'a');
		expect(log.append([a]).repaired).toMatchObject({line: 1, offset: 0, bytes: 4096 + 16});
		expect(fs.readFileSync(file, 'utf8')).toBe(line(a));
	});

	test('a torn tail is reported by the reader once it has settled, never while it may be a write in progress', () => {
		const a = messageEvent('J1', 'a');
		fs.writeFileSync(file, `${line(a)}{"id":"half`);
		const log = new EventLog(file, {tornAfterMs: 60_000});
		expect(log.readFrom(0)).toEqual({events: [a], offset: Buffer.byteLength(line(a)), bad: []});
		age(file);
		expect(log.readFrom(0).tornTail).toEqual({line: 2, bytes: 11});
		// A repair waits for a fresh tail to settle first (here: 80 ms) instead of cutting a write in progress
		fs.appendFileSync(file, 'more');
		const patient = new EventLog(file, {tornAfterMs: 80});
		const started = Date.now();
		patient.append([messageEvent('J1', 'b')]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(70);
		expect(fs.readFileSync(corruptPath(), 'utf8')).toBe('{"id":"halfmore');
	});

	test('disk full: the append throws a plain error and leaves the log as it was (/dev/full)', () => {
		fs.symlinkSync('/dev/full', file);
		const log = new EventLog(file);
		expect(() => log.append([messageEvent('J1', 'a')])).toThrow(
			new RegExp(`^disk full: could not append to ${escape(file)}: ENOSPC$`),
		);
	});

	test('disk full after a short write: the partial line is taken back, nothing torn stays', () => {
		const log = new EventLog(file);
		const a = messageEvent('J1', 'a');
		log.append([a]);
		const before = fs.readFileSync(file);
		let locks = 0;
		const full = new EventLog(file, {
			lock: (critical) => {
				locks++;
				return critical();
			},
			writeSync: (fd, buffer) => fs.writeSync(fd, buffer, 0, buffer.length >> 1),
		});
		expect(() => full.append([messageEvent('J1', 'b')])).toThrow(
			/^disk full: could not append to .*events\.jsonl: ENOSPC \(short write: \d+ of \d+ bytes\)$/,
		);
		expect(fs.readFileSync(file)).toEqual(before);
		expect(locks).toBe(1);
		expect(corruptFiles()).toEqual([]);
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
