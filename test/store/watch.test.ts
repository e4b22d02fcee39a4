import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {decideClaim, requireJob} from '../../source/core/decide.js';
import {DomainError} from '../../source/core/errors.js';
import {LogTailer} from '../../source/store/log-tailer.js';
import {JobStore, newJobId, type JobStoreOptions} from '../../source/store/job-store.js';
import {
	appenderScript,
	createDraft,
	line,
	makeTemporary,
	messageDraft,
	messageEvent,
	pause,
	removeTemporary,
	runNode,
	waitFor,
} from './helpers.js';

let root: string;
const closers: Array<() => Promise<void>> = [];

async function open(options: JobStoreOptions): Promise<JobStore> {
	const store = JobStore.open(root, options);
	closers.push(async () => store.close());
	await store.ready;
	return store;
}

const eventCount = (store: JobStore, id: string) => store.getSnapshot().board.jobs.get(id)?.eventCount ?? 0;

beforeEach(() => {
	root = path.join(makeTemporary(), '.xsarena');
});

afterEach(async () => {
	await Promise.all(closers.splice(0).map(async (close) => close()));
	removeTemporary(path.dirname(root));
});

describe('a watching store', () => {
	// The backstop poll is pushed out of the way, so these pass only through the watcher and the trailing re-read.
	const watchOnly: JobStoreOptions = {watch: true, pollMs: 60_000};

	test('sees a job created by another store, and two appends 20 ms apart (chokidar drops the second event)', async () => {
		// Given
		const writer = await open({watch: false});
		const reader = await open(watchOnly);
		const id = newJobId();
		// When
		writer.append(id, [createDraft('t')], 'cli');
		await waitFor(() => eventCount(reader, id) === 1, 2000, 'the new job');
		writer.append(id, [messageDraft('one')], 'cli');
		await pause(20);
		writer.append(id, [messageDraft('two')], 'cli');
		// Then
		await waitFor(() => eventCount(reader, id) === 3, 2000, 'both appends');
		expect(
			reader
				.getSnapshot()
				.board.jobs.get(id)
				?.messages.map((message) => message.text),
		).toEqual(['one', 'two']);
	});

	test('sees 200 rapid appends, none missed and none doubled', async () => {
		// Given
		const writer = await open({watch: false});
		const reader = await open(watchOnly);
		const id = newJobId();
		writer.append(id, [createDraft('t')], 'cli');
		// When
		for (let i = 0; i < 200; i++) {
			writer.append(id, [messageDraft(String(i))], 'cli');
			if (i % 20 === 0) {
				await pause(1);
			}
		}

		// Then
		await waitFor(() => eventCount(reader, id) === 201, 3000, '201 events');
		await pause(100); // Room for a late duplicate (trailing re-read) to show up.
		const job = reader.getSnapshot().board.jobs.get(id);
		expect(job?.eventCount).toBe(201);
		expect(job?.messages.map((message) => message.text)).toEqual(
			Array.from({length: 200}, (_, i) => String(i)),
		);
	});

	test('sees lines appended by a child process', async () => {
		// Given
		const reader = await open(watchOnly);
		const id = newJobId();
		reader.append(id, [createDraft('t')], 'cli');
		// When another process appends 100 lines in bursts of 10, 5 ms apart
		const child = await runNode(appenderScript, [reader.paths.eventsFile(id), id, '100', 'child', '5']);
		// Then
		expect(child).toEqual({code: 0, stderr: ''});
		await waitFor(() => eventCount(reader, id) === 101, 3000, 'the child’s 100 events');
		expect(reader.getSnapshot().warnings).toEqual([]);
	});

	test('in poll mode, sees appends and new jobs', async () => {
		const writer = await open({watch: false});
		const reader = await open({watch: 'poll'});
		const id = newJobId();
		writer.append(id, [createDraft('t'), messageDraft('m')], 'cli');
		await waitFor(() => eventCount(reader, id) === 2, 2000, 'the polled job');
	});

	test('picks up a line completed after a torn tail', async () => {
		const reader = await open(watchOnly);
		const id = newJobId();
		reader.append(id, [createDraft('t')], 'cli');
		const text = line(messageEvent(id, 'slow'));
		fs.appendFileSync(reader.paths.eventsFile(id), text.slice(0, 10));
		await pause(100);
		fs.appendFileSync(reader.paths.eventsFile(id), text.slice(10));
		await waitFor(() => eventCount(reader, id) === 2, 2000, 'the completed line');
		expect(reader.getSnapshot().warnings).toEqual([]);
	});
});

describe('LogTailer', () => {
	test('falls back to polling with a notice when the watcher fails (ENOSPC)', async () => {
		// Given
		const jobsDir = path.join(root, 'jobs');
		fs.mkdirSync(jobsDir, {recursive: true});
		const changed: string[] = [];
		const notices: string[] = [];
		const tailer = new LogTailer({
			jobsDir,
			onChange: (id) => changed.push(id),
			onNotice: (message) => notices.push(message),
			pollMs: 60_000,
		});
		closers.push(async () => tailer.close());
		await tailer.ready;
		// When
		tailer.handleWatcherError(
			Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), {code: 'ENOSPC'}),
		);
		fs.mkdirSync(path.join(jobsDir, 'J1'));
		fs.writeFileSync(path.join(jobsDir, 'J1', 'events.jsonl'), 'x\n');
		// Then
		expect(notices).toEqual([expect.stringMatching(/ENOSPC.*inotify.*polling every 250 ms/) as string]);
		await waitFor(() => changed.includes('J1'), 2000, 'the polled change');
	});
});

describe('across processes', () => {
	test('of three processes claiming one job at the same moment, exactly one wins', async () => {
		// Given a job, and two child processes (plus this one) ready to claim it
		const store = await open({watch: false});
		const id = newJobId();
		store.append(id, [createDraft('t')], 'cli');
		const fixture = fileURLToPath(new URL('fixtures/claim.ts', import.meta.url));
		const barrier = path.join(path.dirname(root), 'barrier');
		fs.mkdirSync(barrier);
		const children = ['engine-1', 'engine-2'];
		const exits = children.map(
			async (engine) =>
				new Promise<number | null>((resolve, reject) => {
					const child = spawn(process.execPath, ['--import', 'tsx', fixture, root, id, engine, barrier], {
						stdio: 'inherit',
					});
					child.on('error', reject);
					child.on('close', resolve);
				}),
		);
		await waitFor(() => fs.readdirSync(barrier).length === children.length, 10_000, 'two ready claimers');
		// When all three claim at once
		fs.writeFileSync(path.join(barrier, 'go'), '');
		const own = await store
			.transact(id, (board) => decideClaim(board, requireJob(board, id), 'engine-0', 'shell'), 'engine-0')
			.then(
				() => 0,
				(error: unknown) => (error instanceof DomainError ? 3 : -1),
			);
		const codes = [own, ...(await Promise.all(exits))];
		// Then
		expect(codes.sort()).toEqual([0, 3, 3]);
		store.refresh();
		expect(store.getSnapshot().board.jobs.get(id)).toMatchObject({status: 'in_flight', runs: [{n: 1}]});
	});
});
