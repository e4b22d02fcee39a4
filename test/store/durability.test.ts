/**
 * `store.fsync` (always | batch | never) and a full disk (FAULTS R5).
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {EventLog} from '../../source/store/event-log.js';
import {GroupCommit} from '../../source/store/group-commit.js';
import {JobStore, newJobId, type JobStoreOptions} from '../../source/store/job-store.js';
import {createDraft, makeTemporary, messageDraft, removeTemporary} from './helpers.js';

let root: string;
const stores: JobStore[] = [];

function open(options: JobStoreOptions = {watch: false}): JobStore {
	const store = JobStore.open(root, options);
	stores.push(store);
	return store;
}

beforeEach(() => {
	root = path.join(makeTemporary(), '.xsarena');
});

afterEach(async () => {
	vi.restoreAllMocks();
	await Promise.all(stores.splice(0).map(async (store) => store.close().catch(() => undefined)));
	removeTemporary(path.dirname(root));
});

/** Count `fdatasync` calls, asynchronous (group commit) and synchronous (`always`). */
function countSyncs(): {readonly async: () => number; readonly sync: () => number} {
	const asyncSpy = vi.spyOn(fs, 'fdatasync');
	const syncSpy = vi.spyOn(fs, 'fdatasyncSync');
	return {async: () => asyncSpy.mock.calls.length, sync: () => syncSpy.mock.calls.length};
}

describe('store.fsync', () => {
	test('batch (the default): appends return at once, one fdatasync covers a burst, flushed() tells when', async () => {
		// Given
		const store = open({watch: false, syncDelayMs: 20});
		const syncs = countSyncs();
		const id = newJobId();
		// When 50 appends happen within the delay
		store.append(id, [createDraft('t')], 'cli');
		for (let i = 0; i < 49; i++) {
			store.append(id, [messageDraft(String(i))], 'cli');
		}

		// Then they are folded already, and not yet synced
		expect(store.getSnapshot().board.jobs.get(id)?.eventCount).toBe(50);
		expect(syncs.async()).toBe(0);
		// And one fdatasync makes them all durable
		await store.flushed();
		expect(syncs.async()).toBe(1);
		expect(syncs.sync()).toBe(0);
	});

	test('batch: close() syncs at once, without waiting for the delay', async () => {
		const store = open({watch: false, syncDelayMs: 10_000});
		const syncs = countSyncs();
		store.append(newJobId(), [createDraft('t')], 'cli');
		const started = Date.now();
		await store.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(syncs.async()).toBe(1);
	});

	test('batch: appends made while a group syncs form the next group', async () => {
		const group = new GroupCommit({delayMs: 10_000});
		const file = path.join(path.dirname(root), 'x.jsonl');
		const logs = [
			new EventLog(file, {fsync: 'batch', group}),
			new EventLog(`${file}2`, {fsync: 'batch', group}),
		];
		const syncs = countSyncs();
		logs[0]!.append([event('a')]);
		logs[1]!.append([event('b')]);
		const first = group.flush();
		// The first group's sync is under way in the thread pool: this append starts the next group.
		logs[0]!.append([event('c')]);
		await first;
		expect(group.busy).toBe(true);
		await group.flush();
		expect(group.busy).toBe(false);
		// The first group synced both files (one descriptor each); the second, the one written since.
		expect(syncs.async()).toBe(3);
	});

	test('always: every append syncs before it returns; never: nothing is synced', async () => {
		const syncs = countSyncs();
		const always = open({watch: false, fsync: 'always'});
		const id = newJobId();
		always.append(id, [createDraft('t')], 'cli');
		always.append(id, [messageDraft('m')], 'cli');
		expect(syncs.sync()).toBe(2);
		await always.flushed();
		const never = open({watch: false, fsync: 'never'});
		never.append(id, [messageDraft('m')], 'cli');
		await never.close();
		expect(syncs.sync()).toBe(2);
		expect(syncs.async()).toBe(0);
	});

	test('batch: a failed fdatasync rejects flushed() and close(), and sets the persistent error', async () => {
		vi.spyOn(fs, 'fdatasync').mockImplementation(((_fd: number, callback: (error: Error | null) => void) => {
			callback(Object.assign(new Error('EIO: i/o error, fdatasync'), {code: 'EIO'}));
		}) as typeof fs.fdatasync);
		const store = open({watch: false, syncDelayMs: 1});
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		await expect(store.flushed()).rejects.toThrow(/^could not sync .*events\.jsonl to disk: EIO/);
		expect(store.getSnapshot().error).toMatch(/could not sync/);
		store.append(id, [messageDraft('m')], 'cli');
		await expect(store.close()).rejects.toThrow(/could not sync/);
	});
});

describe('disk full (R5)', () => {
	test('ENOSPC: the append throws a clear error, the board is unchanged, the error persists until an append succeeds', () => {
		// Given a job, and then a disk that refuses every write (/dev/full answers ENOSPC)
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t'), messageDraft('kept')], 'cli');
		const file = store.paths.eventsFile(id);
		const content = fs.readFileSync(file);
		fs.renameSync(file, `${file}.saved`);
		fs.symlinkSync('/dev/full', file);
		const before = store.getSnapshot();
		let calls = 0;
		store.subscribe(() => calls++);
		// When
		expect(() => store.append(id, [messageDraft('lost')], 'cli')).toThrow(
			/^disk full: could not append to .*events\.jsonl: ENOSPC$/,
		);
		// Then the event was not applied, and the error is shown
		const after = store.getSnapshot();
		expect(after.board).toBe(before.board);
		expect(after.error).toMatch(/^cannot append to job \w+: disk full: could not append to .*: ENOSPC$/);
		expect(calls).toBe(1);
		// When the disk has room again
		fs.rmSync(file);
		fs.renameSync(`${file}.saved`, file);
		store.append(id, [messageDraft('after')], 'cli');
		// Then the log holds the old lines and the new one, nothing partial
		expect(store.getSnapshot().error).toBeUndefined();
		expect(fs.readFileSync(file).subarray(0, content.length)).toEqual(content);
		expect(store.readEvents(id).map((e) => (e.data as {text?: string}).text)).toEqual([
			undefined,
			'kept',
			'after',
		]);
		expect(store.getSnapshot().warnings).toEqual([]);
	});

	test('a short write when the disk fills mid-line: the partial line is taken back, a reopened store sees a valid log', () => {
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		const file = store.paths.eventsFile(id);
		const content = fs.readFileSync(file);
		const half = new EventLog(file, {jobId: id, writeSync: (fd, buffer) => fs.writeSync(fd, buffer, 0, 40)});
		const [created] = store.readEvents(id);
		expect(() => half.append([{...created!, id: 'X1'}])).toThrow(/^disk full: .*ENOSPC \(short write: 40 of/);
		expect(fs.readFileSync(file)).toEqual(content);
		const reopened = open();
		expect(reopened.getSnapshot().warnings).toEqual([]);
		expect(reopened.getSnapshot().board.jobs.get(id)?.eventCount).toBe(1);
	});
});

let counter = 0;

function event(text: string) {
	counter++;
	return {
		id: `D${counter}`,
		v: 1,
		type: 'job.message' as const,
		jobId: 'J1',
		at: new Date().toISOString(),
		by: 'test',
		data: {from: 'test', text},
	};
}
