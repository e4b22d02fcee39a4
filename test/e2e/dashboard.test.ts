/**
 * End to end: the built binary in a real pty at 160×48. Two jobs run side by side, both panes show
 * their output, both cards reach done; quit; start again and the board is replayed from the events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli, startApp, type PtyApp} from './pty-app.js';

const apps: PtyApp[] = [];

afterEach(() => {
	for (const app of apps.splice(0)) {
		app.kill();
	}
});

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-e2e-'));
}

describe('the dashboard in a real terminal', () => {
	it('runs two jobs side by side, then replays the board after a restart', {timeout: 60_000}, async () => {
		const cwd = tempDir();
		const home = path.join(cwd, 'board');
		const script = (name: string) =>
			`for i in 1 2 3; do echo ${name}-line-$i; sleep 0.3; done; echo ${name}-finished`;
		for (const name of ['alpha', 'bravo']) {
			const added = await runCli(['--home', home, 'add', `Job ${name}`, '--command', script(name)], cwd);
			expect(added.stderr).toBe('');
			expect(added.code).toBe(0);
		}

		const app = startApp(['--home', home], {cwd});
		apps.push(app);
		// Both panes show output at the same time: the two jobs ran side by side.
		await app.waitForScreen(/alpha-line-\d[\s\S]*bravo-line-\d|bravo-line-\d[\s\S]*alpha-line-\d/, 15_000);
		// One wait per pattern: a capture can land between two chunks of one frame.
		for (const pattern of [/done \(2\)/, /alpha-finished/, /bravo-finished/, /Job alpha/, /Job bravo/]) {
			await app.waitForScreen(pattern, 20_000);
		}

		app.type('q');
		expect(await app.exited).toBe(0);
		// The alternate screen was left and the cursor shown again.
		expect(app.raw()).toContain('\u001B[?1049l');

		const again = startApp(['--home', home], {cwd});
		apps.push(again);
		for (const pattern of [/done \(2\)/, /Job alpha/, /Job bravo/]) {
			await again.waitForScreen(pattern, 10_000);
		}

		again.type('q');
		expect(await again.exited).toBe(0);

		// Finished runs can still be tailed.
		const list = await runCli(['--home', home, 'list', '--json'], cwd);
		const jobs = JSON.parse(list.stdout) as Array<{id: string; title: string; status: string}>;
		expect(jobs.map((job) => job.status)).toEqual(['done', 'done']);
		const tail = await runCli(['--home', home, 'tail', jobs[0]!.id], cwd);
		expect(tail.stdout).toContain('alpha-finished');
	});

	it('shows a job added from another process without a keypress', {timeout: 30_000}, async () => {
		const cwd = tempDir();
		const home = path.join(cwd, 'board');
		fs.mkdirSync(home);
		const app = startApp(['--home', home], {cwd});
		apps.push(app);
		await app.waitForScreen(/inbox/, 10_000);
		await runCli(['--home', home, 'add', 'Added from afar', '--status', 'inbox'], cwd);
		await app.waitForScreen(/Added from afar/, 5000);
		app.type('q');
		expect(await app.exited).toBe(0);
	});

	it('keeps running after an unknown REPL command', {timeout: 30_000}, async () => {
		const cwd = tempDir();
		// CI=true as in CI: the dashboard must draw anyway (Ink reads CI when it is loaded).
		const app = startApp(['--home', path.join(cwd, 'board')], {cwd, env: {CI: 'true'}});
		apps.push(app);
		await app.waitForScreen(/inbox/, 10_000);
		app.type(':');
		app.type('frobnicate now\r');
		await app.waitForScreen(/unknown command "frobnicate"/, 5000);
		app.type('quit\r');
		expect(await app.exited).toBe(0);
	});

	it(
		'stops before the screen opens on a malformed config.yml, naming file:line:column',
		{timeout: 20_000},
		async () => {
			const cwd = tempDir();
			const home = path.join(cwd, 'board');
			fs.mkdirSync(home);
			fs.writeFileSync(path.join(home, 'config.yml'), 'scheduler:\n  concurrency: [\n');
			const app = startApp(['--home', home], {cwd});
			apps.push(app);
			expect(await app.exited).toBe(2);
			expect(app.raw()).toMatch(/config\.yml:\d+:\d+: /);
			expect(app.raw()).not.toContain('\u001B[?1049h');
		},
	);

	it('seeds the demo board into a new ./.xsarena and says so', {timeout: 30_000}, async () => {
		const cwd = tempDir();
		const app = startApp([], {cwd, env: {XSARENA_HOME: ''}});
		apps.push(app);
		await app.waitForScreen(/seeded the demo/, 10_000);
		expect(fs.existsSync(path.join(cwd, '.xsarena', 'config.yml'))).toBe(true);
		app.type('q');
		await app.waitForScreen(/quit/i, 5000);
		app.type('y');
		expect(await app.exited).toBe(0);
	});
});
