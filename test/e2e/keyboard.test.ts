/**
 * End to end, from the keyboard only, in a real pty at 160×48: add a job in the REPL, move it across
 * columns with L/H, dispatch it with d, focus and zoom its pane, scroll back and search its output,
 * open its detail, and quit (answering the question, since the run is still going).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startApp, type PtyApp} from './pty-app.js';

const apps: PtyApp[] = [];

afterEach(() => {
	for (const app of apps.splice(0)) {
		app.kill();
	}
});

const keys = {enter: '\r', escape: '\u001B', tab: '\t', pageUp: '\u001B[5~', end: '\u001B[F'};

describe('the dashboard driven from the keyboard', () => {
	it('adds, moves, dispatches, zooms, scrolls, searches, opens and quits', {timeout: 90_000}, async () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-keys-'));
		const app = startApp(['--home', path.join(cwd, 'board')], {cwd});
		apps.push(app);
		await app.waitForScreen(/inbox \(0\)/);

		// Add a job from the REPL, into the inbox.
		app.type(':');
		await app.waitForScreen(/^› *$/m);
		app.type(`add "Keyboard job" --status inbox --command 'seq -f kb-line-%g 400; sleep 60'`);
		await app.waitForScreen(/› add "Keyboard job"/);
		app.type(keys.enter);
		await app.waitForScreen(/inbox \(1\)/);
		app.type(keys.escape);
		await app.waitForScreen(/enter show · d dispatch/);

		// Move it across the columns: inbox → planning → ready, one key at a time.
		app.type('L');
		await app.waitForScreen(/planning \(1\)/);
		app.type('L');
		await app.waitForScreen(/ready \(1\)|in_flight \(1\)/);
		// Ready jobs may start on their own; d asks for it now either way.
		app.type('d');
		await app.waitForScreen(/kb-line-400/, 15_000);

		// Focus the pane and zoom it: the board makes room.
		app.type(keys.tab);
		await app.waitForScreen(/z zoom/);
		app.type('z');
		await app.waitForScreen(/^(?![\s\S]*inbox \()[\s\S]*kb-line-400/);

		// Scroll back, then search.
		app.type(keys.pageUp);
		await app.waitForScreen(/↑ \d+ lines/);
		app.type('/');
		await app.waitForScreen(/^\/ *$/m);
		app.type('kb-line-42');
		await app.waitForScreen(/^\/ kb-line-42/m);
		app.type(keys.enter);
		await app.waitForScreen(/\/kb-line-42 \d+\/\d+/);
		expect(app.screen()).toMatch(/kb-line-42\b/);
		app.type('N');
		await app.waitForScreen(/\/kb-line-42 \d+\/\d+/);
		app.type(keys.escape);
		await app.waitForScreen(/^(?![\s\S]*\/kb-line-42)/);
		app.type(keys.end);
		await app.waitForScreen(/^(?![\s\S]*↑ \d+ lines)[\s\S]*kb-line-400/);

		// Unzoom, open the job's detail from its pane, scroll it, close it.
		app.type('z');
		await app.waitForScreen(/in_flight \(1\)/);
		app.type(keys.enter);
		// The timeline is read from the job's log just after the view opens.
		await app.waitForScreen(/run 1 started/);
		expect(app.screen()).toMatch(/Runs \(1\)/);
		expect(app.screen()).toMatch(/Timeline \(\d+ events\)/);
		app.type('G');
		app.type(keys.escape);
		await app.waitForScreen(/in_flight \(1\)/);

		// Quit: the run is still going, so the dashboard asks first.
		app.type(keys.escape);
		await app.waitForScreen(/enter show · d dispatch/);
		app.type('q');
		await app.waitForScreen(/1 run active — quit and stop them\? \(y\/n\)/);
		app.type('y');
		expect(await app.exited).toBe(0);
		expect(app.raw()).toContain('\u001B[?1049l');
	});
});
