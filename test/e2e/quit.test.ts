/**
 * End to end: quitting the dashboard while an agent runs that ignores SIGTERM and has children and
 * grandchildren that ignore it too. After `q` `y`, no process of the run is left.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {isAlive} from '../helpers/processes.js';
import {waitFor} from '../helpers/wait-for.js';
import {runCli, startApp, type PtyApp} from './pty-app.js';

const stubborn = fileURLToPath(new URL('../fixtures/agents/stubborn.sh', import.meta.url));
const apps: PtyApp[] = [];

afterEach(() => {
	for (const app of apps.splice(0)) {
		app.kill();
	}
});

describe('quitting the dashboard', () => {
	it('leaves no process of any run behind, even ones that ignore SIGTERM', {timeout: 30_000}, async () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-quit-'));
		const home = path.join(cwd, 'board');
		const pids = path.join(cwd, 'pids');
		fs.mkdirSync(home);
		fs.writeFileSync(path.join(home, 'config.yml'), 'scheduler:\n  concurrency: 1\n  graceMs: 300\n');
		await runCli(['--home', home, 'add', 'Stubborn', '--command', `PIDS_FILE=${pids} ${stubborn}`], cwd);

		const app = startApp(['--home', home], {cwd, cols: 160, rows: 48});
		apps.push(app);
		await waitFor(
			() => fs.existsSync(pids) && fs.readFileSync(pids, 'utf8').trim().split('\n').length >= 7,
			10_000,
		);
		const recorded = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
		expect(recorded.every((pid) => isAlive(pid))).toBe(true);

		app.type('q');
		await app.waitForScreen(/quit and stop them\? \(y\/n\)/, 3000);
		app.type('y');
		expect(await app.exited).toBe(0);
		expect(recorded.filter((pid) => isAlive(pid))).toEqual([]);
	});
});
