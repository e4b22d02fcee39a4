/**
 * End to end: typing into an agent through insert mode, in a real pty. A shell job reads a line and
 * echoes it; the dashboard's pane takes focus, `i` gives its agent the keyboard, `hello` Enter reaches
 * it, Esc Esc gives the keyboard back. Then: a terminal resize reaches the agent's pty.
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

/** The status bar: the screen's last non-blank row. */
function statusBar(screen: string): string {
	return (
		screen
			.split('\n')
			.filter((line) => line.trim() !== '')
			.at(-1) ?? ''
	);
}

/** A dashboard on a fresh home running one shell job `command`, its pane in insert mode. */
async function insertInto(command: string): Promise<PtyApp> {
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-insert-'));
	const home = path.join(cwd, 'board');
	fs.mkdirSync(home);
	fs.writeFileSync(path.join(home, 'config.yml'), 'scheduler:\n  concurrency: 1\n');
	const added = await runCli(['--home', home, 'add', 'Echo back', '--command', command], cwd);
	expect(added.stderr).toBe('');
	expect(added.code).toBe(0);

	const app = startApp(['--home', home], {cwd, cols: 160, rows: 48});
	apps.push(app);
	await app.waitForScreen(/Echo back · shell · run 1/, 8000);
	app.type('\t');
	await app.waitForScreen(/i insert/, 3000);
	app.type('i');
	const inserting = await app.waitForScreen(/-- INSERT -- Echo back \(Esc Esc or Ctrl-\] to leave\)/, 3000);
	expect(statusBar(inserting)).toContain('-- INSERT --');
	return app;
}

describe('insert mode in a real terminal', () => {
	it('types into the agent and gives the keyboard back on Esc Esc', {timeout: 15_000}, async () => {
		const app = await insertInto('read -r line; echo "got:$line"; sleep 5');
		app.type('hello');
		app.type('\r');
		await app.waitForScreen(/got:hello/, 3000);

		// Esc Esc as a person types it: two presses well inside the 300 ms window.
		app.type('\u001B');
		await new Promise((resolve) => setTimeout(resolve, 60));
		app.type('\u001B');
		const after = await app.waitForScreen(/enter show · x cancel/, 3000);
		expect(statusBar(after)).not.toContain('INSERT');
		// The keyboard is the dashboard's again: `q` asks before stopping the running job.
		app.type('q');
		await app.waitForScreen(/quit and stop them\? \(y\/n\)/, 3000);
		app.type('y');
		expect(await app.exited).toBe(0);
	});

	// The UI resizes each pane's screen (debounced, test/ui/pane.test.tsx); the engine's pane screen is
	// `RunSession.view`, whose resize reaches the pty, so the agent gets SIGWINCH with the pane's size.
	it('resizes the agent’s pty with its pane', {timeout: 15_000}, async () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-resize-'));
		const home = path.join(cwd, 'board');
		const command = `trap 'echo "size:$(stty size)"' WINCH; while :; do sleep 0.1; done`;
		await runCli(['--home', home, 'add', 'Sized', '--command', command], cwd);
		const app = startApp(['--home', home], {cwd, cols: 160, rows: 48});
		apps.push(app);
		await app.waitForScreen(/Sized · shell · run 1/, 8000);
		// 160×48 gives the one pane 158×23 cells; at 120×40 it gets 118×19 (see layout.ts).
		app.resize(120, 40);
		await app.waitForScreen(/╭─{118}╮/, 3000);
		await app.waitForScreen(/size:19 118/, 2000);
	});
});
