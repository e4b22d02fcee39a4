/**
 * FAULTS R3: several processes append to one job's log at once through the real `JobStore.append`
 * (one `write()` of whole lines on an `O_APPEND` descriptor each, no lock), while a store watches.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeEach, expect, test} from 'vitest';
import {EventLog} from '../../source/store/event-log.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {
	bundleFixture,
	createDraft,
	makeTemporary,
	removeBundles,
	removeTemporary,
	waitFor,
} from './helpers.js';

const writers = 4;
const perWriter = 10_000;

let folder: string;
let store: JobStore | undefined;

beforeEach(() => {
	folder = makeTemporary();
});

afterEach(async () => {
	await store?.close();
	removeTemporary(folder);
});

afterAll(() => {
	removeBundles();
});

test.each(['append', 'appendSoon'])(
	`${writers} processes appending ${perWriter.toLocaleString('en')} events each to one log with %s: exactly ${(writers * perWriter).toLocaleString('en')} whole lines, ids unique, all seen by a watching store`,
	async (api) => {
		// Given a job and a store watching it (the backstop poll pushed away: the watcher must keep up alone)
		const root = path.join(folder, '.xsarena');
		store = JobStore.open(root, {watch: true, pollMs: 60_000});
		await store.ready;
		const id = newJobId();
		store.append(id, [createDraft('busy')], 'cli');
		const file = store.paths.eventsFile(id);
		const bundle = await bundleFixture('append-writer');
		const barrier = path.join(folder, 'barrier');
		fs.mkdirSync(barrier);
		// When four writer processes start together, each appending through its own JobStore
		const tags = Array.from({length: writers}, (_, i) => `w${i + 1}`);
		const exits = tags.map(
			async (tag) =>
				new Promise<number | null>((resolve, reject) => {
					const child = spawn(process.execPath, [bundle, root, id, String(perWriter), tag, barrier, api], {
						stdio: 'inherit',
					});
					child.on('error', reject);
					child.on('close', resolve);
				}),
		);
		await waitFor(() => fs.readdirSync(barrier).length === writers, 10_000, 'all writers loaded');
		fs.writeFileSync(path.join(barrier, 'go'), '');
		expect(await Promise.all(exits)).toEqual(tags.map(() => 0));
		// Then the file is exactly the created line plus 40,000 whole, valid lines, none interleaved
		const text = fs.readFileSync(file, 'utf8');
		expect(text.endsWith('\n')).toBe(true);
		expect(text.split('\n')).toHaveLength(writers * perWriter + 2);
		expect(text.includes('}{')).toBe(false);
		const read = new EventLog(file, {jobId: id}).readFrom(0);
		expect(read.bad).toEqual([]);
		expect(read.events).toHaveLength(writers * perWriter + 1);
		expect(new Set(read.events.map((event) => event.id)).size).toBe(writers * perWriter + 1);
		// And each writer's events are all there, in the order it wrote them
		for (const tag of tags) {
			const numbers = read.events
				.filter((event) => event.by === tag)
				.map((event) => (event.data as {tokens: number}).tokens);
			expect(numbers).toEqual(Array.from({length: perWriter}, (_, i) => i));
		}

		// And the watching store folded each exactly once
		await waitFor(
			() => store?.getSnapshot().board.jobs.get(id)?.eventCount === writers * perWriter + 1,
			5000,
			`${writers * perWriter + 1} events in the store`,
		);
		expect(store.getSnapshot().board.jobs.get(id)?.cost.tokens).toBe(
			(writers * perWriter * (perWriter - 1)) / 2,
		);
		expect(store.getSnapshot().warnings).toEqual([]);
	},
);

test('two processes meeting the same torn tail: one repairs it under the lock, the other appends after; nothing lost, one .corrupt file', async () => {
	// Given a job whose last line was torn a while ago
	const root = path.join(folder, '.xsarena');
	const setup = JobStore.open(root, {watch: false});
	const id = newJobId();
	setup.append(id, [createDraft('torn')], 'cli');
	await setup.close();
	const file = setup.paths.eventsFile(id);
	const whole = fs.readFileSync(file);
	fs.appendFileSync(file, '{"id":"half a rec');
	const past = new Date(Date.now() - 60_000);
	fs.utimesSync(file, past, past);
	const bundle = await bundleFixture('append-writer');
	const barrier = path.join(folder, 'barrier');
	fs.mkdirSync(barrier);
	// When two writers start appending at the same moment
	const exits = ['a', 'b'].map(
		async (tag) =>
			new Promise<number | null>((resolve, reject) => {
				const child = spawn(process.execPath, [bundle, root, id, '50', tag, barrier], {stdio: 'inherit'});
				child.on('error', reject);
				child.on('close', resolve);
			}),
	);
	await waitFor(() => fs.readdirSync(barrier).length === 2, 10_000, 'both writers loaded');
	fs.writeFileSync(path.join(barrier, 'go'), '');
	expect(await Promise.all(exits)).toEqual([0, 0]);
	// Then the torn bytes were moved aside once, and every event of both is in a valid log
	const saved = fs.readdirSync(path.dirname(file)).filter((name) => name.startsWith('events.jsonl.corrupt-'));
	expect(saved).toHaveLength(1);
	expect(fs.readFileSync(path.join(path.dirname(file), saved[0]!), 'utf8')).toBe('{"id":"half a rec');
	const after = fs.readFileSync(file);
	expect(after.subarray(0, whole.length).equals(whole)).toBe(true);
	const read = new EventLog(file, {jobId: id}).readFrom(0);
	expect(read.bad).toEqual([]);
	expect(read.offset).toBe(after.length);
	expect(read.events.filter((event) => event.by === 'a')).toHaveLength(50);
	expect(read.events.filter((event) => event.by === 'b')).toHaveLength(50);
	expect(fs.existsSync(setup.paths.jobLock(id))).toBe(false);
});
