/**
 * Log descriptors kept open between appends and reads (`descriptors.ts`): never written through once
 * the path names another file, bounded, and closed when the store closes (after a pending sync).
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {DescriptorCache} from '../../source/store/descriptors.js';
import {EventLog} from '../../source/store/event-log.js';
import {GroupCommit} from '../../source/store/group-commit.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {createDraft, line, makeTemporary, messageDraft, messageEvent, removeTemporary} from './helpers.js';

let folder: string;
let file: string;
let cache: DescriptorCache;

beforeEach(() => {
	folder = makeTemporary();
	file = path.join(folder, 'events.jsonl');
	cache = new DescriptorCache();
});

afterEach(() => {
	cache.close();
	removeTemporary(folder);
});

/** How many of this process's descriptors are open on `target` (deleted files count too). */
function openOn(target: string): number {
	let count = 0;
	for (const fd of fs.readdirSync('/proc/self/fd')) {
		try {
			const link = fs.readlinkSync(`/proc/self/fd/${fd}`);
			if (link === target || link === `${target} (deleted)`) {
				count++;
			}
		} catch {
			// Closed while listing (the listing's own descriptor).
		}
	}

	return count;
}

function texts(events: ReadonlyArray<{data: unknown}>): unknown[] {
	return events.map((event) => (event.data as {text?: string}).text);
}

describe('DescriptorCache with EventLog', () => {
	test('appends and reads share one descriptor, kept between calls and closed with the cache', () => {
		const log = new EventLog(file, {jobId: 'J1', descriptors: cache});
		for (let i = 0; i < 20; i++) {
			log.append([messageEvent('J1', String(i))]);
		}

		expect(log.readFrom(0).events).toHaveLength(20);
		expect(openOn(file)).toBe(1);
		cache.close();
		expect(openOn(file)).toBe(0);
		// A closed cache still works, one call at a time.
		log.append([messageEvent('J1', 'after')]);
		expect(openOn(file)).toBe(0);
		expect(log.readFrom(0).events).toHaveLength(21);
	});

	test('a log renamed away: the next append goes to the path, never to the renamed file', () => {
		const log = new EventLog(file, {jobId: 'J1', descriptors: cache});
		log.append([messageEvent('J1', 'first')]);
		fs.renameSync(file, `${file}.moved`);
		log.append([messageEvent('J1', 'second')]);
		expect(texts(new EventLog(`${file}.moved`).readFrom(0).events)).toEqual(['first']);
		expect(texts(new EventLog(file).readFrom(0).events)).toEqual(['second']);
	});

	test('a log deleted or replaced: the path is opened again; a deleted folder fails the append', () => {
		const log = new EventLog(file, {jobId: 'J1', descriptors: cache});
		log.append([messageEvent('J1', 'a')]);
		fs.rmSync(file);
		log.append([messageEvent('J1', 'b')]);
		expect(texts(log.readFrom(0).events)).toEqual(['b']);
		// Replaced by rename, as a rewrite would: the new file is read and appended to.
		fs.writeFileSync(`${file}.new`, line(messageEvent('J1', 'rewritten')));
		fs.renameSync(`${file}.new`, file);
		log.append([messageEvent('J1', 'c')]);
		expect(texts(new EventLog(file).readFrom(0).events)).toEqual(['rewritten', 'c']);
		expect(openOn(file)).toBe(1);
		fs.rmSync(folder, {recursive: true});
		expect(() => log.append([messageEvent('J1', 'lost')])).toThrow(/cannot append to .*ENOENT/);
		expect(openOn(file)).toBe(0);
	});

	test('a torn tail another writer left after this process appended is still moved aside', () => {
		const log = new EventLog(file, {jobId: 'J1', descriptors: cache, tornAfterMs: 0});
		const a = messageEvent('J1', 'a');
		log.append([a]);
		fs.appendFileSync(file, '{"id":"torn');
		const b = messageEvent('J1', 'b');
		expect(log.append([b]).repaired).toMatchObject({line: 2, bytes: 11});
		expect(fs.readFileSync(file, 'utf8')).toBe(line(a) + line(b));
	});

	test('at most `max` descriptors, the least recently used closed first', () => {
		const small = new DescriptorCache(2);
		const files = ['a', 'b', 'c'].map((name) => path.join(folder, `${name}.jsonl`));
		const logs = files.map((name) => new EventLog(name, {descriptors: small}));
		logs[0]!.append([messageEvent('J1', 'x')]);
		logs[1]!.append([messageEvent('J1', 'x')]);
		logs[0]!.readFrom(0);
		logs[2]!.append([messageEvent('J1', 'x')]);
		expect(files.map((name) => openOn(name))).toEqual([1, 0, 1]);
		expect(small.size).toBe(2);
		small.close();
		expect(files.map((name) => openOn(name))).toEqual([0, 0, 0]);
	});

	test('a descriptor closed while its group commit waits is synced first, then closed', async () => {
		const group = new GroupCommit({delayMs: 10_000});
		const log = new EventLog(file, {fsync: 'batch', group, descriptors: cache});
		log.append([messageEvent('J1', 'a')]);
		cache.close();
		expect(openOn(file)).toBe(1);
		await group.flush();
		expect(openOn(file)).toBe(0);
	});
});

describe('a store', () => {
	test('keeps one descriptor per log it appends to or reads, and closes them when it closes', async () => {
		const root = path.join(folder, '.xsarena');
		const store = JobStore.open(root, {watch: false});
		const ids = [newJobId(), newJobId()];
		for (const id of ids) {
			store.append(id, [createDraft('t')], 'cli');
			for (let i = 0; i < 10; i++) {
				store.append(id, [messageDraft(String(i))], 'cli');
			}
		}

		expect(store.readEventsFrom(ids[0]!, 0).events).toHaveLength(11);
		expect(ids.map((id) => openOn(store.paths.eventsFile(id)))).toEqual([1, 1]);
		await store.close();
		expect(ids.map((id) => openOn(store.paths.eventsFile(id)))).toEqual([0, 0]);
	});
});
