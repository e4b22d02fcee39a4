import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {decideClaim, draft, requireJob} from '../../source/core/decide.js';
import {DomainError} from '../../source/core/errors.js';
import {JobStore, newJobId, type JobStoreOptions} from '../../source/store/job-store.js';
import {
	createDraft,
	line,
	makeTemporary,
	messageDraft,
	messageEvent,
	removeTemporary,
	waitFor,
} from './helpers.js';

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
	await Promise.all(stores.splice(0).map(async (store) => store.close()));
	removeTemporary(path.dirname(root));
});

/** Three jobs with dependencies, a claim, messages and a status change: enough to exercise the fold. */
function populate(store: JobStore): void {
	const [a, b, c] = [newJobId(), newJobId(), newJobId()];
	store.append(a, [createDraft('first')], 'test');
	store.append(b, [createDraft('second', [a])], 'test');
	store.append(c, [createDraft('third', [a, b])], 'test');
	store.append(
		a,
		decideClaim(store.getSnapshot().board, requireJob(store.getSnapshot().board, a), 'engine:1', 'shell'),
		'test',
	);
	store.append(
		b,
		[messageDraft('hello'), draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'why not'})],
		'test',
	);
}

describe('JobStore', () => {
	test('an append is folded before it returns, and listeners hear of it once', () => {
		// Given
		const store = open();
		const before = store.getSnapshot();
		let calls = 0;
		store.subscribe(() => calls++);
		// When
		const id = newJobId();
		const events = store.append(id, [createDraft('write the docs')], 'cli');
		// Then
		expect(events).toMatchObject([{type: 'job.created', jobId: id, by: 'cli', v: 1}]);
		expect(store.getSnapshot()).not.toBe(before);
		expect(store.getSnapshot().board.jobs.get(id)).toMatchObject({title: 'write the docs', eventCount: 1});
		expect(calls).toBe(1);
		expect(fs.existsSync(store.paths.eventsFile(id))).toBe(true);
	});

	test('readEventsFrom reads on from where the last read stopped', () => {
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('first'), messageDraft('one')], 'test');
		const first = store.readEventsFrom(id, 0);
		store.append(id, [messageDraft('two')], 'test');
		const next = store.readEventsFrom(id, first.offset);

		expect(first.events.map((event) => event.type)).toEqual(['job.created', 'job.message']);
		expect(next.events.map((event) => (event.data as {text: string}).text)).toEqual(['two']);
		expect(store.readEventsFrom(id, next.offset).events).toEqual([]);
		expect(store.readEvents(id)).toEqual([...first.events, ...next.events]);
	});

	test('the snapshot keeps its identity while nothing changes', () => {
		const store = open();
		store.append(newJobId(), [createDraft('x')], 'cli');
		const snapshot = store.getSnapshot();
		store.refresh();
		expect(store.getSnapshot()).toBe(snapshot);
	});

	test('event ids are unique and increasing', () => {
		const store = open();
		const id = newJobId();
		const ids = [
			...store.append(id, [createDraft('x'), messageDraft('1')], 'cli'),
			...store.append(id, [messageDraft('2'), messageDraft('3')], 'cli'),
		].map((event) => event.id);
		expect([...ids].sort()).toEqual(ids);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('refuses invalid job ids and appends to jobs that do not exist', () => {
		const store = open();
		expect(() => store.append('../escape', [createDraft('x')], 'cli')).toThrow(/invalid job id/);
		expect(() => store.append('a/b', [createDraft('x')], 'cli')).toThrow(/invalid job id/);
		expect(() => store.append('NOSUCHJOB', [messageDraft('x')], 'cli')).toThrow(/no job NOSUCHJOB/);
		expect(fs.readdirSync(store.paths.jobsDir)).toEqual([]);
	});

	test('replay after reopening equals the live state, with and without snapshots', async () => {
		// Given
		const live = open({watch: false, snapshotMinBytes: 0});
		populate(live);
		const board = live.getSnapshot().board;
		await live.close();
		// When reopened with snapshots, then without
		const withSnapshots = open();
		expect([...board.jobs.keys()].every((id) => fs.existsSync(withSnapshots.paths.snapshotFile(id)))).toBe(
			true,
		);
		const fromSnapshots = withSnapshots.getSnapshot().board;
		for (const id of board.jobs.keys()) {
			fs.rmSync(withSnapshots.paths.snapshotFile(id));
		}

		const fromLogs = open().getSnapshot().board;
		// Then
		expect(fromSnapshots).toEqual(board);
		expect(fromLogs).toEqual(board);
		expect([...board.jobs.values()].map((job) => job.blocks.length)).toEqual([2, 1, 0]);
	});

	test('a valid snapshot is used; a corrupt, missing or misplaced one is rebuilt from the log', async () => {
		// Given a job with a snapshot
		const first = open({watch: false, snapshotMinBytes: 0});
		const id = newJobId();
		first.append(id, [createDraft('real title'), messageDraft('m')], 'cli');
		await first.close();
		const file = first.paths.snapshotFile(id);
		const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as {offset: number; job: {title: string}};
		expect(snapshot.offset).toBe(fs.statSync(first.paths.eventsFile(id)).size);
		const titleOnReopen = () => open().getSnapshot().board.jobs.get(id)?.title;

		// When the snapshot says something else, the store believes it (so it was used)
		fs.writeFileSync(file, JSON.stringify({...snapshot, job: {...snapshot.job, title: 'from snapshot'}}));
		expect(titleOnReopen()).toBe('from snapshot');
		// When it is garbage, missing, or its offset is not a line boundary, the log wins
		fs.writeFileSync(file, '{"v": 1, "offs');
		expect(titleOnReopen()).toBe('real title');
		fs.rmSync(file);
		expect(titleOnReopen()).toBe('real title');
		fs.writeFileSync(
			file,
			JSON.stringify({...snapshot, offset: snapshot.offset - 3, job: {...snapshot.job, title: 'bad'}}),
		);
		expect(titleOnReopen()).toBe('real title');
		fs.writeFileSync(
			file,
			JSON.stringify({...snapshot, offset: snapshot.offset + 100, job: {...snapshot.job, title: 'bad'}}),
		);
		expect(titleOnReopen()).toBe('real title');
	});

	test('a snapshot is written after the debounce delay, once the log grew enough', async () => {
		const store = open({watch: false, snapshotMinBytes: 0, snapshotDelayMs: 10});
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		await waitFor(() => fs.existsSync(store.paths.snapshotFile(id)), 2000, 'job.json');
		const lazy = open({watch: false, snapshotDelayMs: 10});
		const small = newJobId();
		lazy.append(small, [createDraft('t')], 'cli');
		await lazy.close();
		// A log under 8 KiB replays faster than a snapshot's fsync costs, so none is written.
		expect(fs.existsSync(lazy.paths.snapshotFile(small))).toBe(false);
	});

	test('events after the snapshot are folded on top of it', async () => {
		const first = open({watch: false, snapshotMinBytes: 0});
		const id = newJobId();
		first.append(id, [createDraft('t')], 'cli');
		await first.close();
		fs.appendFileSync(first.paths.eventsFile(id), line(messageEvent(id, 'late')));
		const job = open().getSnapshot().board.jobs.get(id);
		expect(job?.messages.map((message) => message.text)).toEqual(['late']);
		expect(job?.eventCount).toBe(2);
	});

	test('bad lines become warnings with file, line and job, each reported once', () => {
		// Given
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		// When another writer leaves garbage and then a good line
		fs.appendFileSync(store.paths.eventsFile(id), `{"torn": \n${line(messageEvent(id, 'after'))}`);
		store.refresh();
		store.refresh();
		// Then
		const {warnings, board} = store.getSnapshot();
		expect(warnings).toEqual([
			{
				jobId: id,
				file: store.paths.eventsFile(id),
				line: 2,
				message: expect.stringMatching(/^not JSON/) as string,
			},
		]);
		expect(board.jobs.get(id)?.eventCount).toBe(2);
		// And a reopened store reports it again (from the log or the snapshot), once
		expect(open().getSnapshot().warnings).toHaveLength(1);
	});

	test('a failed write leaves the state unchanged, sets the error, and a later append clears it', () => {
		// Given
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		const before = store.getSnapshot();
		const file = store.paths.eventsFile(id);
		fs.renameSync(file, `${file}.saved`);
		fs.mkdirSync(file);
		// When
		expect(() => store.append(id, [messageDraft('lost')], 'cli')).toThrow(
			/cannot append to .*events\.jsonl: .*EISDIR/,
		);
		// Then
		const after = store.getSnapshot();
		expect(after.board).toBe(before.board);
		expect(after.error).toMatch(/cannot append to job/);
		// When the disk is fine again
		fs.rmdirSync(file);
		fs.renameSync(`${file}.saved`, file);
		store.append(id, [messageDraft('kept')], 'cli');
		expect(store.getSnapshot().error).toBeUndefined();
		expect(store.getSnapshot().board.jobs.get(id)?.messages).toHaveLength(1);
	});

	test('a truncated or deleted log is folded again from the start', () => {
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t'), messageDraft('a'), messageDraft('b')], 'cli');
		const file = store.paths.eventsFile(id);
		const [created] = fs.readFileSync(file, 'utf8').split('\n');
		fs.writeFileSync(file, `${created}\n`);
		store.refresh();
		expect(store.getSnapshot().board.jobs.get(id)?.eventCount).toBe(1);
		fs.rmSync(path.dirname(file), {recursive: true});
		// An append before the store noticed is refused, and does not bring the folder back
		expect(() => store.append(id, [messageDraft('late')], 'cli')).toThrow(
			/no job \w+: its folder .* does not exist/,
		);
		expect(fs.existsSync(path.dirname(file))).toBe(false);
		expect(store.getSnapshot().error).toBeUndefined();
		store.refresh();
		expect(store.getSnapshot().board.jobs.has(id)).toBe(false);
	});

	test('after a crash left a torn tail: one warning at load, and the next append moves it aside', () => {
		// Given a writer died mid-line, a while ago
		const first = open();
		const id = newJobId();
		first.append(id, [createDraft('t')], 'cli');
		const file = first.paths.eventsFile(id);
		const whole = fs.readFileSync(file, 'utf8');
		const torn = line(messageEvent(id, 'torn')).slice(0, 30);
		fs.appendFileSync(file, torn);
		const past = new Date(Date.now() - 60_000);
		fs.utimesSync(file, past, past);
		// When a restarted store loads, and refreshes again
		const second = open();
		second.refresh();
		// Then the torn line is one warning
		expect(second.getSnapshot().warnings).toEqual([
			{jobId: id, file, line: 2, message: expect.stringMatching(/^torn last line of 30 bytes/) as string},
		]);
		// When it appends
		second.append(id, [messageDraft('after restart')], 'cli');
		// Then the log is whole, its first line untouched, the torn bytes kept, and the warning says where
		const {board, warnings} = second.getSnapshot();
		expect(board.jobs.get(id)?.messages.map((message) => message.text)).toEqual(['after restart']);
		const text = fs.readFileSync(file, 'utf8');
		expect(text.startsWith(whole)).toBe(true);
		expect(text).not.toContain('}{');
		expect(second.readEvents(id)).toHaveLength(2);
		const saved = fs
			.readdirSync(path.dirname(file))
			.filter((name) => name.startsWith('events.jsonl.corrupt-'));
		expect(saved).toHaveLength(1);
		expect(fs.readFileSync(path.join(path.dirname(file), saved[0]!), 'utf8')).toBe(torn);
		expect(warnings).toEqual([
			{
				jobId: id,
				file,
				line: 2,
				message: `torn last line of 30 bytes (a writer crashed mid-write) moved to ${saved[0]!}`,
			},
		]);
		// And the lock is released
		expect(fs.existsSync(second.paths.jobLock(id))).toBe(false);
	});

	test('a torn tail is repaired only under the job lock: while another process holds it, the append waits, then fails cleanly', async () => {
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		const file = store.paths.eventsFile(id);
		fs.appendFileSync(file, '{"torn":');
		const past = new Date(Date.now() - 60_000);
		fs.utimesSync(file, past, past);
		const size = fs.statSync(file).size;
		// Given another process holds the lock (proper-lockfile's lock is a fresh folder)
		fs.mkdirSync(store.paths.jobLock(id));
		// When
		expect(() => store.append(id, [messageDraft('m')], 'cli')).toThrow(/locked by another process/);
		// Then nothing was repaired or written
		expect(fs.statSync(file).size).toBe(size);
		// (A busy lock is transient, not a persistent error of the store.)
		expect(store.getSnapshot().error).toBeUndefined();
		// When the lock is free, inside a transaction of this process (the lock is re-entered)
		fs.rmdirSync(store.paths.jobLock(id));
		await store.transact(id, () => [messageDraft('in a transaction')], 'cli');
		expect(store.getSnapshot().board.jobs.get(id)?.messages).toHaveLength(1);
		expect(store.getSnapshot().error).toBeUndefined();
		expect(fs.readFileSync(file, 'utf8')).not.toContain('{"torn":');
	});

	test('readEvents returns a job log from the start', () => {
		const store = open();
		const id = newJobId();
		store.append(id, [createDraft('t'), messageDraft('a')], 'cli');
		expect(store.readEvents(id).map((event) => event.type)).toEqual(['job.created', 'job.message']);
	});

	describe('transact', () => {
		test('refuses when decide throws, and writes nothing', async () => {
			const store = open();
			const id = newJobId();
			store.append(id, [createDraft('t')], 'cli');
			const size = fs.statSync(store.paths.eventsFile(id)).size;
			const refuse = () => {
				throw new DomainError('conflict', 'no');
			};

			await expect(store.transact(id, refuse, 'cli')).rejects.toThrow(DomainError);
			expect(fs.statSync(store.paths.eventsFile(id)).size).toBe(size);
			expect(fs.readdirSync(store.paths.jobDir(id))).toEqual(['events.jsonl']);
			// A refused creation leaves no folder behind
			const other = newJobId();
			await expect(store.transact(other, refuse, 'cli')).rejects.toThrow('no');
			expect(fs.existsSync(store.paths.jobDir(other))).toBe(false);
		});

		test('decide sees what another store appended, so only one of two claims wins', async () => {
			// Given two stores on one folder, neither watching: only the transaction's own read can tell
			const [one, two] = [open(), open()];
			const id = newJobId();
			one.append(id, [createDraft('t')], 'cli');
			const claim = (store: JobStore, engine: string) =>
				store.transact(id, (board) => decideClaim(board, requireJob(board, id), engine, 'shell'), engine);
			// When
			const results = await Promise.allSettled([claim(one, 'engine:1'), claim(two, 'engine:2')]);
			// Then
			expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
			two.refresh();
			expect(two.getSnapshot().board.jobs.get(id)?.runs).toHaveLength(1);
		});
	});
});
