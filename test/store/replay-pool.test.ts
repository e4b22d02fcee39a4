/**
 * A cold start replays logs on helper threads once they are many (`replay-pool.ts`, BENCHMARKS B8):
 * the board and its warnings must be exactly those of a replay on one thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {draft} from '../../source/core/decide.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {replayLogs, type ReplayProbe} from '../../source/store/replay-pool.js';
import {createDraft, line, makeTemporary, messageDraft, messageEvent, removeTemporary} from './helpers.js';

let root: string;
const stores: JobStore[] = [];

beforeEach(() => {
	root = path.join(makeTemporary(), '.xsarena');
});

afterEach(async () => {
	await Promise.all(stores.splice(0).map(async (store) => store.close()));
	removeTemporary(path.dirname(root));
});

/** Twelve jobs, some depending on others, with messages, runs, a bad line and a torn tail; no snapshots. */
async function populate(): Promise<string[]> {
	const writer = JobStore.open(root, {watch: false, snapshotMinBytes: Number.POSITIVE_INFINITY});
	const ids = Array.from({length: 12}, () => newJobId());
	for (const [n, id] of ids.entries()) {
		writer.append(id, [createDraft(`job ${n}`, n > 0 ? [ids[n - 1]!] : [])], 'test');
		for (let i = 0; i < 40; i++) {
			writer.append(id, [messageDraft(`${n}:${i}`), draft('job.cost', {tokens: i, usd: 0.01})], 'test');
		}
	}

	await writer.close();
	fs.appendFileSync(writer.paths.eventsFile(ids[3]!), `garbage\n${line(messageEvent(ids[3]!, 'after'))}`);
	fs.appendFileSync(writer.paths.eventsFile(ids[7]!), '{"id":"torn');
	const past = new Date(Date.now() - 60_000);
	fs.utimesSync(writer.paths.eventsFile(ids[7]!), past, past);
	return ids;
}

function open(parallelReplayMinBytes: number): JobStore {
	const store = JobStore.open(root, {
		watch: false,
		snapshotMinBytes: Number.POSITIVE_INFINITY,
		parallelReplayMinBytes,
	});
	stores.push(store);
	return store;
}

test('replaying on helper threads gives the board, warnings and read positions of one thread', async () => {
	const ids = await populate();
	const alone = open(Number.POSITIVE_INFINITY);
	const helped = open(1);
	expect(helped.getSnapshot().board).toEqual(alone.getSnapshot().board);
	expect(helped.getSnapshot().warnings).toEqual(alone.getSnapshot().warnings);
	expect(alone.getSnapshot().warnings.map(({line, message}) => ({line, message}))).toEqual([
		{line: 82, message: expect.stringMatching(/^not JSON/) as string},
		{line: 82, message: expect.stringMatching(/^torn last line/) as string},
	]);
	// Both read on from where the replay stopped: an append (to the logs both read) is folded once by each.
	alone.append(ids[0]!, [messageDraft('next')], 'test');
	helped.append(ids[1]!, [messageDraft('next')], 'test');
	alone.refresh();
	helped.refresh();
	expect(helped.getSnapshot().board).toEqual(alone.getSnapshot().board);
	expect(ids.slice(0, 3).map((id) => alone.getSnapshot().board.jobs.get(id)?.eventCount)).toEqual([
		82, 82, 81,
	]);
});

test('logs replayed by helper threads come back whole, in order', async () => {
	const ids = await populate();
	const paths = JobStore.open(root, {watch: false});
	stores.push(paths);
	const tasks = ids.map((jobId) => ({jobId, file: paths.paths.eventsFile(jobId)}));
	const probe: ReplayProbe = {helperFirst: true};
	const helped = replayLogs(tasks, 1, probe);
	expect(helped).toEqual(replayLogs(tasks, Number.POSITIVE_INFINITY));
	expect(helped.every((replayed) => replayed.ok)).toBe(true);
	expect(probe.helped).toBeGreaterThan(os.availableParallelism() > 1 ? 0 : -1);
}, 60_000);
