/**
 * The REPL's line on the pane surface: a keystroke paints the line alone, without an Ink frame, and
 * every Ink frame (focus changes, resizes, the search prompt, overlays) still draws the screen right.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TerminalScreen} from '../../../source/terminal/terminal-screen.js';
import type {ScreenView} from '../../../source/ui/ports.js';
import {fakePanes, fakeRunner, fakeScreen, fakeStore, makeJob} from '../helpers.js';
import {virtualDashboard, type VirtualDashboard} from './virtual-terminal.js';

const reset = '\u001B[0m';
const open: VirtualDashboard[] = [];

afterEach(async () => {
	for (const dashboard of open.splice(0)) {
		await dashboard.close();
	}
});

const alphaRows = Array.from({length: 3}, (_, index) => `${`alpha-${index}`.padEnd(20)}${reset}`);

function start(columns = 100, rows = 30, run = fakeRunner(), screen: ScreenView = fakeScreen(alphaRows)) {
	const job = makeJob({title: 'Surface job', status: 'done'});
	const panes = fakePanes([
		{
			jobId: job.id,
			run: 1,
			agent: 'shell',
			startedAt: new Date().toISOString(),
			// Ended: a running pane's clock would commit (and write an Ink frame) every second.
			endedAt: new Date().toISOString(),
			exitCode: 0,
			screen,
		},
	]);
	const dashboard = virtualDashboard(
		{store: fakeStore([job]), panes, run, home: '/tmp/.xsarena', limit: 4},
		columns,
		rows,
	);
	open.push(dashboard);
	return dashboard;
}

const lineIs = (text: string) => (lines: string[]) => lines.some((line) => line.trimEnd() === text);
const has = (text: string) => (lines: string[]) => lines.some((line) => line.includes(text));
// Ink erases the lines of its last frame before drawing the next one.
const inkFrame = (chunk: string) => chunk.includes('\u001B[2K');

describe('the REPL line on the pane surface', () => {
	it('echoes a keystroke with a small paint of the line, not an Ink frame', async () => {
		const dashboard = start();
		await dashboard.waitForScreen(has('alpha-2'));
		dashboard.type(':');
		await dashboard.waitForScreen(lineIs('›'));
		const before = dashboard.writes.length;
		dashboard.type('w');
		const lines = await dashboard.waitForScreen(lineIs('› w'));
		const after = dashboard.writes.slice(before);
		expect(after.some((chunk) => inkFrame(chunk))).toBe(false);
		const paint = after.find((chunk) => chunk.includes('w\u001B[7m'))!;
		expect(paint.startsWith('\u001B[?2026h')).toBe(true);
		expect(paint.endsWith('\u001B[?2026l')).toBe(true);
		expect(paint.length).toBeLessThan(200 + 100);
		// The panes and the status bar are untouched.
		expect(has('alpha-2')(lines)).toBe(true);
	});

	it('keeps typing, editing and running lines through the store', async () => {
		const run = fakeRunner(async (line) => ({exitCode: 0, output: `ran ${line}`}));
		const dashboard = start(100, 30, run);
		await dashboard.waitForScreen(has('alpha-2'));
		// One chunk: the focus key commits, then the text, a cursor move and Enter each go at once.
		dashboard.type(':lisX\u007Ft\r');
		await dashboard.waitForScreen(has('ran list'));
		expect(run.lines).toEqual(['list']);
		await dashboard.waitForScreen(lineIs('›'));
		dashboard.type('ab\u001B[D');
		await dashboard.waitForScreen(lineIs('› ab'));
		dashboard.type('\u001B[A');
		await dashboard.waitForScreen(lineIs('› list'));
	});

	it('keeps the typed line through Ink frames, and gives the line back to Ink when it loses focus', async () => {
		const dashboard = start(100, 30);
		await dashboard.waitForScreen(has('alpha-2'));
		dashboard.type(':');
		await dashboard.waitForScreen(lineIs('›'));
		dashboard.type('abc');
		await dashboard.waitForScreen(lineIs('› abc'));
		// A resize makes Ink draw a whole frame: the line is painted again where the new layout puts it.
		dashboard.resize(90, 26);
		const resized = await dashboard.waitForScreen((lines) => lines.length === 26 && lineIs('› abc')(lines));
		expect(resized.findIndex((line) => line.startsWith('› abc'))).toBeGreaterThan(20);
		// Cleared and left: Ink draws the line again, with the hint of the area that now has the keys.
		dashboard.type('\u0015');
		await dashboard.waitForScreen(lineIs('›'));
		dashboard.type('\u001B');
		await dashboard.waitForScreen((lines) => lines.some((line) => /^› \S/.test(line) && !line.includes('abc')));
	});

	it('leaves the search prompt to Ink', async () => {
		// A real emulator: the search needs its scrollback.
		const screen = new TerminalScreen({cols: 20, rows: 3});
		await new Promise<void>((resolve) => {
			screen.write('alpha-0\r\nalpha-1\r\nalpha-2', resolve);
		});
		const dashboard = start(100, 30, fakeRunner(), screen);
		await dashboard.waitForScreen(has('alpha-2'));
		dashboard.type('\t');
		dashboard.type('/');
		await dashboard.waitForScreen(lineIs('/'));
		dashboard.type('alp');
		await dashboard.waitForScreen(lineIs('/ alp'));
	});
});
