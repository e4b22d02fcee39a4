/**
 * FAULTS S4: hostile event lines in a job's log. The board still loads, and every refused line is a
 * warning naming its file and line. (The fault's 100 MB string is a 2 MB one here: the cap is 1 MiB,
 * so anything over it takes the same path, and the test stays fast.)
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {makeEvent} from '../../source/core/events.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {createDraft, line, makeTemporary, removeTemporary} from './helpers.js';

let root: string;
let store: JobStore | undefined;

beforeEach(() => {
	root = path.join(makeTemporary(), '.xsarena');
});

afterEach(async () => {
	await store?.close();
	removeTemporary(path.dirname(root));
});

test('S4: a 2 MB line, deep nesting, __proto__ keys, an unknown type and a future v: the board loads, warnings name file:line', async () => {
	// Given a job whose log another program filled with hostile lines
	const writer = JobStore.open(root, {watch: false});
	const id = newJobId();
	writer.append(id, [createDraft('survivor')], 'cli');
	await writer.close();
	const file = writer.paths.eventsFile(id);
	const meta = (n: number) => ({id: `H${n}`, at: '2026-11-01T10:00:00.000Z', by: 'hostile'});
	const message = (n: number, text: string) => makeEvent('job.message', id, {from: 'x', text}, meta(n));
	const deep = 200_000;
	const lines = [
		// 2: one 2 MB string (over the 1 MiB line cap: measured, never parsed)
		line(message(2, 'y'.repeat(2_000_000))),
		// 3: 200,000 levels of nesting, as valid JSON
		`${JSON.stringify(message(3, 'deep')).replace('"data":{', `"data":{"deep":${'['.repeat(deep)}${']'.repeat(deep)},`)}\n`,
		// 4: the same nesting in an event of a type this version does not know (kept as is, so refused)
		`${JSON.stringify({...message(4, 'x'), type: 'job.teleported', data: {to: 'x'}}).replace('"data":{', `"data":{"deep":${'['.repeat(deep)}${']'.repeat(deep)},`)}\n`,
		// 5: __proto__ keys at the top and in the payload
		line(message(5, 'proto'))
			.replace('"data":{', '"data":{"__proto__":{"polluted":true},')
			.replace('{"id"', '{"__proto__":{"polluted":true},"id"'),
		// 6: an unknown type from a newer version
		line({...message(6, 'x'), v: 2, type: 'job.teleported', data: {to: 'mars'}}),
		// 7: a known type with a future version number
		line({...message(7, 'from the future'), v: 99}),
		// 8: a payload that breaks its schema
		line({...message(8, 'x'), data: {from: 'x', text: 42}}),
		// 9: 500,000 levels of nesting that is not an event at all (just under the cap)
		`${'['.repeat(500_000)}${']'.repeat(500_000)}\n`,
		// 10: a normal line after all of that
		line(message(10, 'still read')),
	];
	fs.appendFileSync(file, lines.join(''));
	// When a store loads it
	store = JobStore.open(root, {watch: false});
	// Then the job is there with the lines that are events
	const job = store.getSnapshot().board.jobs.get(id);
	expect(job?.title).toBe('survivor');
	expect(job?.messages.map((m) => m.text)).toEqual(['deep', 'proto', 'from the future', 'still read']);
	expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	// And every refused line is a warning naming the file and its line
	const warnings = store.getSnapshot().warnings.map(({file, line, message}) => ({file, line, message}));
	expect(warnings).toEqual([
		{file, line: 2, message: expect.stringMatching(/over the 1048576-byte limit/) as string},
		{file, line: 4, message: expect.stringMatching(/nested deeper than 64 levels/) as string},
		{file, line: 8, message: expect.stringMatching(/^not an event: job\.message/) as string},
		{file, line: 9, message: expect.stringMatching(/^not an event/) as string},
	]);
	// And the unknown events are kept for `show`, marked unknown
	const unknown = store.readEvents(id).filter((event) => 'unknown' in event);
	expect(unknown.map((event) => event.id)).toEqual(['H6']);
	expect(() => JSON.stringify(store?.readEvents(id))).not.toThrow();
});
