import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {EventLog} from '../../source/store/event-log.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {appenderScript, createDraft, makeTemporary, removeTemporary, runNode, waitFor} from './helpers.js';

let folder: string;
let store: JobStore | undefined;

beforeEach(() => {
	folder = makeTemporary();
});

afterEach(async () => {
	await store?.close();
	removeTemporary(folder);
});

test('four processes appending 2,000 lines each to one log: 8,000 whole lines, all seen by a watching store', async () => {
	// Given a job and a store watching it (the backstop poll pushed away: the watcher must keep up alone)
	store = JobStore.open(path.join(folder, '.xsarena'), {watch: true, pollMs: 60_000});
	await store.ready;
	const id = newJobId();
	store.append(id, [createDraft('busy')], 'cli');
	const file = store.paths.eventsFile(id);
	// When four writers append at once, one writeSync of one whole line each, no lock
	const writers = ['w1', 'w2', 'w3', 'w4'].map(async (tag) =>
		runNode(appenderScript, [file, id, '2000', tag, '0']),
	);
	const results = await Promise.all(writers);
	// Then every line is whole and valid, and every id is there once
	expect(results).toEqual(Array.from({length: 4}, () => ({code: 0, stderr: ''})));
	const read = new EventLog(file, {jobId: id}).readFrom(0);
	expect(read.bad).toEqual([]);
	expect(read.events).toHaveLength(8001);
	expect(new Set(read.events.map((event) => event.id)).size).toBe(8001);
	// And the watching store folded each exactly once
	await waitFor(
		() => store?.getSnapshot().board.jobs.get(id)?.eventCount === 8001,
		3000,
		'8,001 events in the store',
	);
	expect(store.getSnapshot().board.jobs.get(id)?.messages).toHaveLength(8000);
});
