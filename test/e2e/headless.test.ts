/**
 * End to end: `xsarena run --headless`, the engine without the screen, as a separate process. It runs
 * jobs added from another terminal, prints one line per event, and on SIGTERM stops its runs and
 * exits 0, leaving their jobs ready for the next engine.
 */
import {execa} from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {runCli} from './pty-app.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('run --headless', () => {
	it('runs jobs, logs their events, and stops its runs on SIGTERM', {timeout: 30_000}, async () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-headless-'));
		const home = path.join(cwd, 'board');
		fs.mkdirSync(home);
		fs.writeFileSync(path.join(home, 'config.yml'), 'scheduler:\n  graceMs: 300\n');
		const engine = execa(process.execPath, [cli, '--home', home, 'run', '--headless'], {cwd, reject: false});
		let stdout = '';
		engine.stdout!.on('data', (data: Buffer) => {
			stdout += String(data);
		});
		await waitFor(
			() => stdout.includes('running in'),
			10_000,
			() => stdout,
		);

		const quick = await runCli(['--home', home, 'add', 'Quick', '--command', 'echo hi'], cwd);
		await waitFor(
			() => /Quick .*run 1 exited with code 0/.test(stdout),
			10_000,
			() => stdout,
		);
		expect(stdout).toMatch(/Quick .*job\.claimed .*claimed for run 1/);
		expect(stdout).toMatch(/Quick .*moved in_flight → done/);

		const slow = await runCli(['--home', home, 'add', 'Slow', '--command', 'sleep 100'], cwd);
		await waitFor(
			() => /Slow .*run 1 started/.test(stdout),
			10_000,
			() => stdout,
		);
		engine.kill('SIGTERM');
		const {exitCode} = await engine;

		expect(exitCode).toBe(0);
		expect(stdout).toContain('stopping (SIGTERM): ending 1 run');
		const list = await runCli(['--home', home, 'list', '--json'], cwd);
		const jobs = JSON.parse(list.stdout) as Array<{id: string; status: string}>;
		expect(jobs.find((job) => job.id === quick.stdout.trim())?.status).toBe('done');
		expect(jobs.find((job) => job.id === slow.stdout.trim())?.status).toBe('ready');
	});
});
