import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {addWatchJobs, watchConfig, watchPaneSize} from '../../source/app/watch.js';
import {defaultConfig} from '../../source/config/config.js';
import {JobStore} from '../../source/store/job-store.js';

const stores: JobStore[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map(async (store) => store.close()));
});

describe('a watch board', () => {
	it('runs every command at once and keeps every finished pane', () => {
		const config = watchConfig(defaultConfig, 6);
		expect(config.scheduler.concurrency).toBe(6);
		expect(config.ui.keepFinishedPanes).toBe(6);
		expect(watchConfig(defaultConfig, 1).ui.keepFinishedPanes).toBe(defaultConfig.ui.keepFinishedPanes);
		expect(config.agents['shell']).toBeDefined();
	});

	it('starts each program at its pane’s size', () => {
		// 199×50, two panes side by side under the board: the first box is 100 wide, content 98.
		expect(watchPaneSize({columns: 199, rows: 50}, 2)).toMatchObject({cols: 98});
		expect(watchPaneSize({columns: 199, rows: 50}, 4).cols).toBe(98);
		expect(watchPaneSize({columns: 200, rows: 50}, 2, {layout: 'stacked'}).cols).toBe(98);
		// From 200 columns the board is beside the panes: they share the 115 cells right of it.
		expect(watchPaneSize({columns: 200, rows: 50}, 2).cols).toBe(56);
		// Too small for the dashboard: a sane size anyway.
		expect(watchPaneSize({columns: 40, rows: 10}, 2)).toEqual({cols: 20, rows: 5});
	});

	it('adds one ready shell job per command, in order, titled by the command', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-watch-test-'));
		const store = JobStore.open(root, {watch: false, fsync: 'never'});
		stores.push(store);
		const long = `echo ${'x'.repeat(600)}`;
		const ids = addWatchJobs(store, ['npm run dev', 'npm test', long]);
		const jobs = ids.map((id) => store.getSnapshot().board.jobs.get(id)!);
		expect(jobs.map((job) => [job.status, job.agent, job.command])).toEqual([
			['ready', 'shell', 'npm run dev'],
			['ready', 'shell', 'npm test'],
			['ready', 'shell', long],
		]);
		expect(jobs[0]!.title).toBe('npm run dev');
		expect(jobs[2]!.title).toHaveLength(500);
		expect([...ids].sort()).toEqual(ids);
	});
});
