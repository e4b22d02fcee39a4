/**
 * End to end, FAULTS R14: kill -9 of the dashboard while three agents run. The agents' terminals hang
 * up, so none of them lives on; the next dashboard marks their runs interrupted and runs each job once
 * more: no duplicate agent for a job.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {isAlive} from '../helpers/processes.js';
import {waitFor} from '../helpers/wait-for.js';
import {runCli, startApp, type PtyApp} from './pty-app.js';

const apps: PtyApp[] = [];

afterEach(() => {
	for (const app of apps.splice(0)) {
		app.kill();
	}
});

const lines = (file: string): number[] =>
	fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];

describe('a dashboard killed with SIGKILL', () => {
	it(
		'leaves no agent running, and the next one reruns each job exactly once (R14)',
		{timeout: 40_000},
		async () => {
			const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-crash-'));
			const home = path.join(cwd, 'board');
			const pids = path.join(cwd, 'pids');
			fs.mkdirSync(home);
			fs.writeFileSync(path.join(home, 'config.yml'), 'scheduler:\n  concurrency: 3\n  graceMs: 300\n');
			for (const name of ['one', 'two', 'three']) {
				await runCli(['--home', home, 'add', name, '--command', `echo $$ >> ${pids}; exec sleep 1000`], cwd);
			}

			const first = startApp(['--home', home], {cwd, cols: 160, rows: 48});
			apps.push(first);
			await waitFor(() => lines(pids).length === 3, 15_000);
			const before = lines(pids);
			first.kill();
			await waitFor(
				() => before.every((pid) => !isAlive(pid)),
				5000,
				() => `alive: ${before.filter(isAlive).join(' ')}`,
			);

			const second = startApp(['--home', home], {cwd, cols: 160, rows: 48});
			apps.push(second);
			await waitFor(() => lines(pids).length === 6, 15_000);
			const list = await runCli(['--home', home, 'list', '--json'], cwd);
			const jobs = JSON.parse(list.stdout) as Array<{runs: Array<{state: string; reason?: string}>}>;
			expect(jobs.map((job) => job.runs.map((run) => run.state))).toEqual([
				['interrupted', 'running'],
				['interrupted', 'running'],
				['interrupted', 'running'],
			]);
			expect(jobs[0]!.runs[0]!.reason).toMatch(/is gone; taken over by/);
			const after = lines(pids).slice(3);
			expect(after.filter((pid) => isAlive(pid))).toHaveLength(3);

			second.type('q');
			await second.waitForScreen(/quit and stop them\? \(y\/n\)/, 3000);
			second.type('y');
			expect(await second.exited).toBe(0);
			expect(after.filter((pid) => isAlive(pid))).toEqual([]);
		},
	);
});
