import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {configSchema} from '../../source/config/config.js';
import {decideCancel, decideClaim, decideCreate, requireJob, type Job} from '../../source/core/index.js';
import {isGroupAlive} from '../../source/agents/process-group.js';
import {Engine} from '../../source/engine/engine.js';
import {homePaths} from '../../source/store/paths.js';
import {JobStore, newJobId} from '../../source/store/job-store.js';
import {waitFor} from '../helpers/wait-for.js';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

function setup(concurrency = 2) {
	const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-engine-')), '.xsarena');
	const store = JobStore.open(root, {watch: false});
	const config = configSchema.parse({scheduler: {concurrency}});
	const engine = new Engine({
		store,
		config,
		paths: homePaths(root),
		projectDir: path.dirname(root),
		graceMs: 300,
	});
	cleanups.push(
		async () => store.close(),
		async () => engine.stop(),
	);
	const add = (title: string, command: string, extra: {blockedBy?: string[]; acceptance?: string[]} = {}) => {
		const id = newJobId();
		store.append(
			id,
			decideCreate(store.getSnapshot().board, {
				title,
				description: '',
				kind: 'agent',
				status: 'ready',
				priority: 'medium',
				agent: 'shell',
				command,
				blockedBy: extra.blockedBy ?? [],
				acceptance: extra.acceptance ?? [],
			}),
			'test',
		);
		return id;
	};

	const job = (id: string): Job => requireJob(store.getSnapshot().board, id);
	return {root, store, engine, add, job};
}

describe('Engine', () => {
	it(
		'runs ready jobs within the concurrency limit and records how each ended',
		{timeout: 30_000},
		async () => {
			const {engine, add, job, store, root} = setup(2);
			const ok = add('ok', 'sleep 0.4; echo fine');
			const reviewed = add('reviewed', 'sleep 0.4', {acceptance: ['looks right']});
			const failing = add('failing', 'sleep 0.4; exit 3');
			const after = add('after', 'echo after', {blockedBy: [ok]});
			let most = 0;
			store.subscribe(() => {
				most = Math.max(
					most,
					[...store.getSnapshot().board.jobs.values()].filter((j) => j.status === 'in_flight').length,
				);
			});
			expect(await engine.start()).toBe('running');
			await waitFor(
				() =>
					[ok, reviewed, failing, after].every(
						(id) => job(id).status !== 'ready' && job(id).status !== 'in_flight',
					),
				20_000,
			);
			expect(most).toBe(2);
			expect(job(ok)).toMatchObject({status: 'done'});
			expect(job(reviewed).status).toBe('review');
			expect(job(failing)).toMatchObject({status: 'blocked', reason: 'exit code 3'});
			expect(job(after).status).toBe('done');
			expect(job(after).runs[0]!.claimedAt > job(ok).runs[0]!.endedAt!).toBe(true);
			const log = fs.readFileSync(path.join(root, 'jobs', ok, 'runs', '1', 'output.log'), 'utf8');
			expect(log).toContain('fine');
			expect(fs.readFileSync(path.join(root, 'jobs', ok, 'runs', '1', 'run.yaml'), 'utf8')).toMatch(
				/exitCode: 0/,
			);
		},
	);

	it(
		'a cancel request kills the whole process group and blocks the job as cancelled',
		{timeout: 20_000},
		async () => {
			const {engine, add, job, store} = setup(1);
			const id = add('sleeper', 'sleep 1000 & sleep 1000; wait');
			await engine.start();
			const pid = await waitFor(() => job(id).runs[0]?.pid, 10_000);
			await store.transact(id, (board) => decideCancel(requireJob(board, id)), 'test');
			await waitFor(() => job(id).status === 'blocked', 10_000);
			expect(job(id).reason).toBe('cancelled');
			// Zombies awaiting reaping still answer kill(-pgid, 0); isGroupAlive ignores them.
			expect(isGroupAlive(pid)).toBe(false);
		},
	);

	it('re-queues and reruns a job left in flight by an engine that is gone', {timeout: 20_000}, async () => {
		const {engine, add, job, store} = setup(1);
		const id = add('orphan', 'echo second life');
		await store.transact(
			id,
			(board) => decideClaim(board, requireJob(board, id), 'ghost:1:X', 'shell'),
			'test',
		);
		expect(job(id).status).toBe('in_flight');
		await engine.start();
		await waitFor(() => job(id).status === 'done', 10_000);
		expect(job(id).runs.map((run) => run.state)).toEqual(['interrupted', 'exited']);
		expect(job(id).runs[0]!.reason).toContain('ghost:1:X');
	});

	it('a second engine on the same folder is a viewer and never starts runs', {timeout: 20_000}, async () => {
		const first = setup(1);
		const second = new Engine({
			store: first.store,
			config: configSchema.parse({}),
			paths: homePaths(first.root),
			projectDir: path.dirname(first.root),
		});
		expect(await first.engine.start()).toBe('running');
		expect(await second.start()).toBe('viewer');
		await second.stop();
	});

	it(
		'a viewer shows the runs of the engine in another process, tailed from output.log',
		{timeout: 20_000},
		async () => {
			const {engine, add, root} = setup(1);
			const viewerStore = JobStore.open(root, {watch: true});
			const viewer = new Engine({
				store: viewerStore,
				config: configSchema.parse({}),
				paths: homePaths(root),
				projectDir: path.dirname(root),
			});
			cleanups.push(
				async () => viewerStore.close(),
				async () => viewer.stop(),
			);
			await engine.start();
			expect(await viewer.start()).toBe('viewer');
			const id = add('remote', 'echo remote-hello; sleep 1; echo remote-bye');
			const pane = await waitFor(
				() => viewer.panes.getPanes().find((candidate) => candidate.jobId === id),
				10_000,
			);
			await waitFor(() => pane.screen.getRows().some((row) => row.includes('remote-hello')), 10_000);
			await waitFor(
				() => viewer.panes.getPanes().find((candidate) => candidate.jobId === id)?.exitCode === 0,
				10_000,
			);
			// The last bytes are read when the run ends; the emulator parses them a moment later.
			await waitFor(() => pane.screen.getRows().some((row) => row.includes('remote-bye')), 5000);
			// The engine's own pane is not doubled by the tailer.
			expect(engine.panes.getPanes().filter((candidate) => candidate.jobId === id)).toHaveLength(1);
		},
	);

	it('stopping the engine kills its runs and puts their jobs back in ready', {timeout: 20_000}, async () => {
		const {engine, add, job} = setup(1);
		const id = add('long', 'sleep 1000');
		await engine.start();
		await waitFor(() => job(id).runs[0]?.pid, 10_000);
		await engine.stop('test stop');
		expect(job(id)).toMatchObject({status: 'ready'});
		expect(job(id).runs[0]).toMatchObject({state: 'interrupted', reason: 'test stop'});
	});
});
