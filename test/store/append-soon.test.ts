/**
 * `appendSoon`: appends of one turn share one `write()`, and none is acknowledged before its bytes
 * were written (BENCHMARKS B9). The crash guarantees under kill -9 and concurrent writers are
 * checked with real processes in crash-kill.test.ts and concurrent-writers.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {maxBatchBytes} from '../../source/store/append-batch.js';
import {EventLog} from '../../source/store/event-log.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {createDraft, makeTemporary, messageDraft, messageEvent, removeTemporary} from './helpers.js';

let folder: string;
let file: string;

beforeEach(() => {
	folder = makeTemporary();
	file = path.join(folder, 'events.jsonl');
});

afterEach(() => {
	removeTemporary(folder);
});

/** A log whose writes are counted (and can be made to fail). */
function countingLog(fail?: () => boolean): {log: EventLog; writes: Buffer[]} {
	const writes: Buffer[] = [];
	const log = new EventLog(file, {
		jobId: 'J1',
		writeSync(fd, buffer) {
			if (fail?.()) {
				throw Object.assign(new Error('EIO: i/o error, write'), {code: 'EIO'});
			}

			writes.push(Buffer.from(buffer));
			return fs.writeSync(fd, buffer);
		},
	});
	return {log, writes};
}

function texts(): string[] {
	return new EventLog(file, {jobId: 'J1'})
		.readFrom(0)
		.events.map((event) => (event.data as {text: string}).text);
}

describe('EventLog.appendSoon', () => {
	test('appends of one turn go out in one write, and each resolves only once its bytes are in the file', async () => {
		const {log, writes} = countingLog();
		const settled: string[] = [];
		const appends = ['a', 'b', 'c'].map(async (text) => {
			await log.appendSoon([messageEvent('J1', text)]);
			// Acknowledged: the line is readable by anyone now.
			expect(texts()).toContain(text);
			settled.push(text);
		});
		expect(fs.existsSync(file)).toBe(false);
		await Promise.all(appends);
		expect(writes).toHaveLength(1);
		expect(texts()).toEqual(['a', 'b', 'c']);
		expect(settled).toEqual(['a', 'b', 'c']);
	});

	test('a plain append meanwhile writes the waiting lines first, in one write, keeping the order of the calls', async () => {
		const {log, writes} = countingLog();
		const first = log.appendSoon([messageEvent('J1', 'soon')]);
		log.append([messageEvent('J1', 'now')]);
		expect(texts()).toEqual(['soon', 'now']);
		await first;
		expect(writes).toHaveLength(1);
	});

	test('a failed write rejects every append in it, and the next turn writes again', async () => {
		let failing = true;
		const {log} = countingLog(() => failing);
		const results = await Promise.allSettled([
			log.appendSoon([messageEvent('J1', 'a')]),
			log.appendSoon([messageEvent('J1', 'b')]),
		]);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(
			/^Error: cannot append to .*events\.jsonl: EIO/,
		);
		failing = false;
		await log.appendSoon([messageEvent('J1', 'c')]);
		expect(texts()).toEqual(['c']);
	});

	test('an event refused before writing rejects alone; the others of the turn are written', async () => {
		const {log} = countingLog();
		const huge = messageEvent('J1', 'x'.repeat(1024 * 1024));
		const results = await Promise.allSettled([
			log.appendSoon([messageEvent('J1', 'a')]),
			log.appendSoon([huge]),
			log.appendSoon([messageEvent('J1', 'b')]),
		]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(texts()).toEqual(['a', 'b']);
	});

	test('past the batch size the waiting lines are written before the call returns', async () => {
		const {log, writes} = countingLog();
		const text = 'x'.repeat(4096);
		const appends = [];
		for (let bytes = 0; bytes < maxBatchBytes; bytes += text.length) {
			appends.push(log.appendSoon([messageEvent('J1', text)]));
		}

		expect(writes).toHaveLength(1);
		appends.push(log.appendSoon([messageEvent('J1', 'last')]));
		await Promise.all(appends);
		expect(writes).toHaveLength(2);
		expect(texts()).toHaveLength(appends.length);
	});

	test('a torn tail is moved aside before the shared write, and reported to its first append', async () => {
		fs.writeFileSync(file, `${JSON.stringify(messageEvent('J1', 'old'))}\n{"id":"torn`);
		const past = new Date(Date.now() - 60_000);
		fs.utimesSync(file, past, past);
		const {log} = countingLog();
		const [first, second] = await Promise.all([
			log.appendSoon([messageEvent('J1', 'a')]),
			log.appendSoon([messageEvent('J1', 'b')]),
		]);
		expect(first.repaired).toMatchObject({line: 2, bytes: Buffer.byteLength(`{"id":"torn`)});
		expect(second).toEqual({});
		expect(texts()).toEqual(['old', 'a', 'b']);
	});
});

describe('JobStore.appendSoon', () => {
	test('the events of one turn are written together, folded with one publish, and in the snapshot when the promises resolve', async () => {
		const store = JobStore.open(path.join(folder, '.xsarena'), {watch: false, fsync: 'never'});
		const id = newJobId();
		store.append(id, [createDraft('busy')], 'cli');
		let commits = 0;
		store.subscribe(() => {
			commits++;
		});
		const written = await Promise.all(
			Array.from({length: 50}, async (_, n) => store.appendSoon(id, [messageDraft(`m${n}`)], 'cli')),
		);
		expect(commits).toBe(1);
		const job = store.getSnapshot().board.jobs.get(id);
		expect(job?.messages.map((message) => message.text)).toEqual(Array.from({length: 50}, (_, n) => `m${n}`));
		expect(job?.lastEventId).toBe(written.at(-1)?.[0]?.id);
		await store.close();
	});

	test('close writes what is still waiting; the appends resolve', async () => {
		const root = path.join(folder, '.xsarena');
		const store = JobStore.open(root, {watch: false});
		const id = newJobId();
		store.append(id, [createDraft('busy')], 'cli');
		const pending = store.appendSoon(id, [messageDraft('late')], 'cli');
		await store.close();
		await pending;
		const reopened = JobStore.open(root, {watch: false});
		expect(
			reopened
				.getSnapshot()
				.board.jobs.get(id)
				?.messages.map((message) => message.text),
		).toEqual(['late']);
		await reopened.close();
	});

	test('a job that does not exist is refused at once, nothing written', async () => {
		const store = JobStore.open(path.join(folder, '.xsarena'), {watch: false});
		await expect(store.appendSoon(newJobId(), [messageDraft('x')], 'cli')).rejects.toThrow(/^no job /);
		await store.close();
	});
});
