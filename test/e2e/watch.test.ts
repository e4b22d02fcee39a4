/**
 * End to end: `xsarena watch` in a real pty opens the dashboard on shell commands without a config,
 * one pane per command, all running at once; its throwaway board is removed on quit unless `--keep`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {e2eCleanup} from './cleanup.js';
import {startApp} from './pty-app.js';

/** Apps started and temporary folders (also standing in for the system's, where the throwaway board goes). */
const {apps, tempDir} = e2eCleanup('xsarena-e2e-watch-');

/** Prints `name-1…3` a little apart, then stays running (so both panes are live together). */
const script = (name: string) => `for i in 1 2 3; do echo ${name}-out-$i; sleep 0.2; done; exec sleep 30`;

describe('xsarena watch', () => {
	it(
		'shows each command in its own pane at once and removes its board on quit',
		{timeout: 40_000},
		async () => {
			const tmp = tempDir();
			const cwd = tempDir();
			const app = startApp(['watch', '--', script('alpha'), script('bravo')], {
				cwd,
				cols: 160,
				rows: 48,
				env: {TMPDIR: tmp, XSARENA_HOME: ''},
			});
			apps.push(app);
			// Both outputs on screen together: two panes, both running.
			await app.waitForScreen(/alpha-out-3[\s\S]*bravo-out-3|bravo-out-3[\s\S]*alpha-out-3/, 15_000);
			const screen = await app.waitForScreen(/runs 2\/2/, 5000);
			expect(screen).toMatch(/watch: 2 commands/);
			// No config and no demo: nothing was written where it was started.
			expect(fs.readdirSync(cwd)).toEqual([]);
			const boards = fs.readdirSync(tmp).filter((name) => name.startsWith('xsarena-watch-'));
			expect(boards).toHaveLength(1);

			app.type('q');
			await app.waitForScreen(/quit and stop them\? \(y\/n\)/, 5000);
			app.type('y');
			expect(await app.exited).toBe(0);
			expect(fs.readdirSync(tmp).filter((name) => name.startsWith('xsarena-watch-'))).toEqual([]);
		},
	);

	it('takes --pane commands and keeps its board with --keep', {timeout: 40_000}, async () => {
		const tmp = tempDir();
		const cwd = tempDir();
		const app = startApp(
			['--pane', 'printf "pane-%s\\n" one-done', '--pane', 'printf "pane-%s\\n" two-done', '--keep'],
			{
				cwd,
				env: {TMPDIR: tmp, XSARENA_HOME: ''},
			},
		);
		apps.push(app);
		for (const pattern of [/pane-one-done/, /pane-two-done/, /done \(2\)/]) {
			await app.waitForScreen(pattern, 15_000);
		}

		app.type('q');
		expect(await app.exited).toBe(0);
		const [board] = fs.readdirSync(tmp).filter((name) => name.startsWith('xsarena-watch-'));
		expect(board).toBeDefined();
		expect(app.raw()).toContain(`the board is kept in ${path.join(tmp, board!)}`);
		expect(fs.existsSync(path.join(tmp, board!, 'jobs'))).toBe(true);
	});

	it('refuses a watch without commands as a usage error, before any screen', {timeout: 20_000}, async () => {
		const cwd = tempDir();
		const app = startApp(['watch'], {cwd});
		apps.push(app);
		expect(await app.exited).toBe(2);
		expect(app.raw()).toMatch(/give at least one command/);
		expect(app.raw()).not.toContain('\u001B[?1049h');
	});
});
