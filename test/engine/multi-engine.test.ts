/**
 * Many engines, one board: headless engines run side by side and every job runs exactly once within
 * the global limit; a run whose engine is alive is never taken over, one whose engine's lease expired
 * is, with an event that says so; a dashboard defers to a headless engine.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {configSchema} from '../../source/config/config.js';
import {decideClaim, requireJob, type Job} from '../../source/core/index.js';
import {leaseTtlMs, type Lease} from '../../source/engine/engine-leases.js';
import {processStartTime} from '../../source/engine/engine-lock.js';
import {Engine} from '../../source/engine/engine.js';
import {homePaths} from '../../source/store/paths.js';
import {JobStore} from '../../source/store/job-store.js';
import {waitFor} from '../helpers/wait-for.js';
import {addJob} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

function board() {
	return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-engines-')), '.xsarena');
}

function engineOn(home: string, mode: 'exclusive' | 'shared', concurrency = 4) {
	const store = JobStore.open(home, {watch: true, pollMs: 100});
	const engine = new Engine({
		store,
		mode,
		config: configSchema.parse({scheduler: {concurrency, graceMs: 300}}),
		paths: homePaths(home),
		projectDir: path.dirname(home),
	});
	cleanups.push(
		async () => store.close(),
		async () => engine.stop(),
	);
	return {store, engine};
}

/** A shared engine on a new board with one job, claimed by the engine `ghost` (which has no run yet). */
async function claimedByGhost() {
	const home = board();
	const {store, engine} = engineOn(home, 'shared', 2);
	const [id] = addJobs(store, 1, 'echo rerun');
	await store.transact(
		id!,
		(current) => decideClaim(current, requireJob(current, id!), 'ghost', 'shell'),
		'ghost',
	);
	return {home, store, engine, id: id!};
}

function addJobs(store: JobStore, count: number, command: string): string[] {
	return Array.from({length: count}, (_, index) => addJob(store, {title: `job ${index}`, command}));
}

function writeLease(home: string, lease: Lease): void {
	fs.mkdirSync(path.join(home, 'engines'), {recursive: true});
	fs.writeFileSync(path.join(home, 'engines', 'ghost.json'), JSON.stringify(lease));
}

describe('many engines on one board', () => {
	it(
		'two headless engines run each of 50 jobs exactly once, never above the global limit',
		{timeout: 60_000},
		async () => {
			const home = board();
			const first = engineOn(home, 'shared', 4);
			const second = engineOn(home, 'shared', 4);
			const ids = addJobs(first.store, 50, 'sleep 0.05');
			const observer = JobStore.open(home, {watch: true, pollMs: 50});
			cleanups.push(async () => observer.close());
			let most = 0;
			observer.subscribe(() => {
				const jobs = [...observer.getSnapshot().board.jobs.values()];
				most = Math.max(most, jobs.filter((job) => job.status === 'in_flight').length);
			});
			expect(await first.engine.start()).toBe('running');
			expect(await second.engine.start()).toBe('running');
			const job = (id: string): Job => requireJob(first.store.getSnapshot().board, id);
			await waitFor(
				() => ids.every((id) => job(id).status === 'done'),
				45_000,
				() => ids.map((id) => job(id).status).join(','),
			);

			expect(ids.map((id) => job(id).runs.length)).toEqual(ids.map(() => 1));
			const engines = new Set(ids.map((id) => job(id).runs[0]!.engine));
			expect(engines).toEqual(new Set([first.engine.id, second.engine.id]));
			expect(most).toBeLessThanOrEqual(4);
		},
	);

	it(
		'leaves a run of a live engine alone, and takes it over once that engine’s lease expired',
		{timeout: 30_000},
		async () => {
			const {home, store, engine, id} = await claimedByGhost();
			const lease: Lease = {
				engine: 'ghost',
				pid: process.pid,
				host: os.hostname(),
				start: processStartTime(process.pid),
				mode: 'shared',
				renewedAt: new Date().toISOString(),
			};
			writeLease(home, lease);
			await engine.start();
			await new Promise((resolve) => setTimeout(resolve, 2500));
			expect(requireJob(store.getSnapshot().board, id)).toMatchObject({status: 'in_flight'});

			writeLease(home, {...lease, renewedAt: new Date(Date.now() - leaseTtlMs - 1000).toISOString()});
			await waitFor(() => requireJob(store.getSnapshot().board, id).status === 'done', 10_000);
			const runs = requireJob(store.getSnapshot().board, id).runs;
			expect(runs[0]).toMatchObject({state: 'interrupted', engine: 'ghost'});
			expect(runs[0]!.reason).toBe(`interrupted: engine ghost is gone; taken over by ${engine.id}`);
			expect(runs[1]!.engine).toBe(engine.id);
		},
	);

	it(
		'takes over a run of a same-host engine soon after its process dies, with nothing appended meanwhile',
		{timeout: 30_000},
		async () => {
			const {home, store, engine, id} = await claimedByGhost();
			// The ghost engine is a live process with a fresh lease, until it is killed.
			const ghost = spawn('sleep', ['60'], {stdio: 'ignore'});
			cleanups.push(async () => {
				ghost.kill('SIGKILL');
			});
			writeLease(home, {
				engine: 'ghost',
				pid: ghost.pid!,
				host: os.hostname(),
				start: processStartTime(ghost.pid!),
				mode: 'shared',
				renewedAt: new Date().toISOString(),
			});
			await engine.start();
			await new Promise((resolve) => setTimeout(resolve, 500));
			expect(requireJob(store.getSnapshot().board, id)).toMatchObject({status: 'in_flight'});

			ghost.kill('SIGKILL');
			await new Promise((resolve) => ghost.once('exit', resolve));
			// Well within the lease's time to live: the dead pid is what tells.
			await waitFor(() => requireJob(store.getSnapshot().board, id).status === 'done', leaseTtlMs / 2);
			const runs = requireJob(store.getSnapshot().board, id).runs;
			expect(runs[0]!.reason).toBe(`interrupted: engine ghost is gone; taken over by ${engine.id}`);
		},
	);

	it('a dashboard started while a headless engine runs is a viewer', {timeout: 20_000}, async () => {
		const home = board();
		const headless = engineOn(home, 'shared');
		const dashboard = engineOn(home, 'exclusive');
		expect(await headless.engine.start()).toBe('running');
		expect(await dashboard.engine.start()).toBe('viewer');
	});
});
