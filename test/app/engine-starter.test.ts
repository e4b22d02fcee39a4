import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createEngineStarter, type EngineStarter} from '../../source/app/engine-starter.js';
import {defaultConfig} from '../../source/config/config.js';
import {homePaths} from '../../source/store/paths.js';
import {JobStore} from '../../source/store/job-store.js';

const open: Array<{starter: EngineStarter; store: JobStore}> = [];
afterEach(async () => {
	for (const {starter, store} of open.splice(0)) {
		await starter.stop();
		await store.close();
	}
});

function starterOn(root: string): EngineStarter {
	const store = JobStore.open(root, {watch: false, fsync: 'never'});
	const starter = createEngineStarter({
		store,
		config: defaultConfig,
		paths: homePaths(root),
		projectDir: path.dirname(root),
		graceMs: 300,
	});
	open.push({starter, store});
	return starter;
}

const temporaryHome = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-starter-')), '.xsarena');

describe('the dashboard’s engine starter', () => {
	it('starts nothing until asked, then starts one engine however often it is asked', async () => {
		const root = temporaryHome();
		const starter = starterOn(root);
		expect(fs.existsSync(homePaths(root).engineLock)).toBe(false);
		// Not starting: nothing to wait for.
		await starter.panesReady(1, {panesMs: 60_000, outputMs: 60_000});
		const [first, second] = await Promise.all([starter.start(), starter.start()]);
		expect(first).toBe(second);
		expect(first.viewer).toBe(false);
		expect(first.engine.state).toBe('running');
		expect(fs.existsSync(homePaths(root).engineLock)).toBe(true);
		await starter.stop();
		expect(first.engine.state).toBe('stopped');
	});

	it('is a viewer where another engine holds the board', async () => {
		const root = temporaryHome();
		const owner = starterOn(root);
		await owner.start();
		const second = await starterOn(root).start();
		expect(second.viewer).toBe(true);
	});

	it('stops quietly when it was never started', async () => {
		await expect(starterOn(temporaryHome()).stop()).resolves.toBeUndefined();
	});
});
