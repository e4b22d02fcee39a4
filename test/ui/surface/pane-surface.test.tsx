/**
 * The pane surface in the real dashboard, drawn into a headless xterm: pane rows are painted outside
 * Ink's frames, only what changed is written, Ink's frames carry a full repaint, and nothing is painted
 * over what covers the panes.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {TerminalScreen} from '../../../source/terminal/terminal-screen.js';
import type {PaneInfo, ScreenView} from '../../../source/ui/ports.js';
import {PaneSurface, surfaceSupported} from '../../../source/ui/surface/pane-surface.js';
import {fakePanes, fakeRunner, fakeScreen, fakeStore, makeJob} from '../helpers.js';
import {virtualDashboard, type VirtualDashboard} from './virtual-terminal.js';

const reset = '\u001B[0m';
// eslint-disable-next-line no-control-regex
const cup = /\u001B\[\d+;\d+H/g;
const open: VirtualDashboard[] = [];

afterEach(async () => {
	for (const dashboard of open.splice(0)) {
		await dashboard.close();
	}
});

/** Rows `<word>-<n>` padded to `width` cells, as a screen's rows come. */
const rowsOf = (word: string, count: number, width = 20) =>
	Array.from({length: count}, (_, index) => `${`${word}-${index}`.padEnd(width)}${reset}`);

function start(screens: ScreenView[], columns = 100, rows = 30) {
	const job = makeJob({title: 'Surface job', status: 'done'});
	const panes = fakePanes(
		screens.map((screen, index): PaneInfo => ({
			jobId: job.id,
			run: index + 1,
			agent: 'shell',
			startedAt: new Date().toISOString(),
			// Ended: a running pane's clock would commit (and write an Ink frame) every second.
			endedAt: new Date().toISOString(),
			exitCode: 0,
			screen,
		})),
	);
	const dashboard = virtualDashboard(
		{store: fakeStore([job]), panes, run: fakeRunner(), home: '/tmp/.xsarena', limit: 4},
		columns,
		rows,
	);
	open.push(dashboard);
	return {dashboard, panes};
}

const has = (text: string) => (lines: string[]) => lines.some((line) => line.includes(text));

describe('the pane surface', () => {
	it('is used on a TTY unless XSARENA_NO_SURFACE says otherwise', () => {
		expect(surfaceSupported({isTTY: true}, {})).toBe(true);
		expect(surfaceSupported({isTTY: false}, {})).toBe(false);
		expect(surfaceSupported({isTTY: true}, {XSARENA_NO_SURFACE: '1'})).toBe(false);
		expect(surfaceSupported({isTTY: true}, {XSARENA_NO_SURFACE: '0'})).toBe(true);
	});

	it('paints pane rows inside the pane border, outside the frames Ink writes', async () => {
		const screen = fakeScreen(rowsOf('alpha', 3));
		const {dashboard} = start([screen]);
		const lines = await dashboard.waitForScreen(has('alpha-2'));
		const row = lines.find((line) => line.includes('alpha-0'))!;
		expect(row).toMatch(/^│alpha-0 {13}/);
		expect(row.endsWith('│')).toBe(true);
		// Every write carrying pane text came from the surface (cursor saved around absolute moves).
		const carrying = dashboard.writes.filter((chunk) => chunk.includes('alpha-0'));
		expect(carrying.length).toBeGreaterThan(0);
		for (const chunk of carrying) {
			expect(chunk).toContain('\u001B7');
			expect(chunk).toContain('\u001B8');
		}
	});

	it('writes only the changed row, without an Ink frame, when pane output arrives', async () => {
		const screen = fakeScreen(rowsOf('alpha', 3));
		const {dashboard, panes} = start([screen]);
		// Once the pane has given the screen its size, rows come that wide.
		await dashboard.waitForScreen(has('alpha-2'));
		await vi.waitFor(() => expect(screen.resizes).not.toHaveLength(0), {timeout: 5000});
		screen.setRows(rowsOf('wide', 3, screen.cols));
		panes.changed();
		await dashboard.waitForScreen(has('wide-2'));
		const before = dashboard.writes.length;
		const next = rowsOf('wide', 3, screen.cols);
		next[1] = `${'changed-1'.padEnd(screen.cols)}${reset}`;
		screen.setRows(next);
		panes.changed();
		await dashboard.waitForScreen(has('changed-1'));
		const paint = dashboard.writes.slice(before).find((chunk) => chunk.includes('changed-1'))!;
		expect(paint.match(cup)).toHaveLength(1);
		expect(paint.startsWith('\u001B[?2026h')).toBe(true);
		expect(paint.endsWith('\u001B[?2026l')).toBe(true);
		// No Ink frame (it erases lines first) came with it.
		expect(dashboard.writes.slice(before).join('')).not.toContain('\u001B[2K');
	});

	it('repaints every pane inside the synchronized block of each Ink frame (a REPL keystroke)', async () => {
		const {dashboard} = start([fakeScreen(rowsOf('alpha', 3)), fakeScreen(rowsOf('bravo', 3))]);
		await dashboard.waitForScreen((lines) => has('alpha-2')(lines) && has('bravo-2')(lines));
		const before = dashboard.writes.length;
		dashboard.type(':');
		dashboard.type('w');
		const lines = await dashboard.waitForScreen(has('› w'));
		expect(has('alpha-2')(lines) && has('bravo-2')(lines)).toBe(true);
		const closing = dashboard.writes.slice(before).filter((chunk) => chunk.endsWith('\u001B[?2026l'));
		expect(closing.some((chunk) => chunk.includes('alpha-0') && chunk.includes('bravo-0'))).toBe(true);
	});

	it('paints nothing while the help overlay or the zoom hides a pane, and the zoomed pane where it is', async () => {
		const alpha = fakeScreen(rowsOf('alpha', 3));
		const bravo = fakeScreen(rowsOf('bravo', 3));
		const {dashboard, panes} = start([alpha, bravo]);
		await dashboard.waitForScreen(has('bravo-2'));
		dashboard.type('?');
		await dashboard.waitForScreen((lines) => !has('alpha-')(lines) && !has('bravo-')(lines));
		bravo.setRows(rowsOf('hidden', 3));
		panes.changed();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(has('hidden-')(await dashboard.screen())).toBe(false);
		dashboard.type('\u001B');
		await dashboard.waitForScreen(has('hidden-2'));
		dashboard.type('\t');
		dashboard.type('z');
		const zoomed = await dashboard.waitForScreen((lines) => has('alpha-2')(lines) && !has('hidden-')(lines));
		expect(zoomed.find((line) => line.includes('alpha-0'))).toMatch(/^│alpha-0 +│$/);
	});

	it('leaves the rows under the debug overlay to Ink', async () => {
		const screen = fakeScreen(rowsOf('alpha', 20));
		const {dashboard, panes} = start([screen], 100, 40);
		await dashboard.waitForScreen(has('alpha-5'));
		dashboard.type('\u0010');
		const lines = await dashboard.waitForScreen(has('profile (ctrl+p closes)'));
		screen.setRows(rowsOf('after', 20));
		panes.changed();
		const after = await dashboard.waitForScreen(has('after-1'));
		const top = lines.findIndex((line) => line.includes('profile (ctrl+p closes)')) - 1;
		for (const line of after.slice(top, top + 8)) {
			expect(line).not.toMatch(/alpha-|after-/);
		}
	});

	it('forgets what it painted on resize and paints the panes where the new layout puts them', async () => {
		const screen = fakeScreen(rowsOf('alpha', 3));
		const {dashboard} = start([screen], 120, 30);
		await dashboard.waitForScreen(has('alpha-2'));
		dashboard.resize(90, 26);
		const paneLine = /^│alpha-\d {13}.*│$/;
		// Eventually (Ink first redraws the old tree at the new width, then the new layout lands):
		const lines = await dashboard.waitForScreen((current) => {
			const carrying = current.filter((line) => line.includes('alpha-'));
			return carrying.length === 3 && carrying.every((line) => paneLine.test(line) && line.length === 90);
		});
		// ... and no piece of a pane row is left anywhere else.
		const rest = lines.filter((line) => !paneLine.test(line)).join('\n');
		expect(rest).not.toMatch(/ha-\d|alph/);
	});

	it('paints what a scrolled-back pane shows, search matches included, with the scroll in its title', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 5, scrollback: 100});
		await new Promise<void>((resolve) => {
			screen.write(Array.from({length: 40}, (_, index) => `line-${index}`).join('\r\n'), resolve);
		});
		const {dashboard, panes} = start([screen]);
		await dashboard.waitForScreen(has('line-39'));
		// The pane gives the screen its size after a debounce; scroll once that has landed.
		await vi.waitFor(() => expect(screen.cols).toBeGreaterThan(20), {timeout: 5000});
		screen.scrollback.scroll(-20);
		screen.scrollback.find('line-1');
		panes.changed();
		const lines = await dashboard.waitForScreen(
			(current) => has('lines')(current) && !has('line-39')(current),
		);
		expect(lines.some((line) => /│line-1\d +│/.test(line))).toBe(true);
		expect(dashboard.writes.join('')).toContain('\u001B[0;1;30;106m');
		screen.dispose();
	});

	it('stops painting once disposed', () => {
		const writes: string[] = [];
		const stream = {
			write(chunk: string) {
				writes.push(chunk);
				return true;
			},
			on: () => stream,
			off: () => stream,
		};
		const surface = new PaneSurface(stream as never);
		const undo = surface.attach();
		undo();
		expect(surface.paint()).toBe(0);
		expect(writes).toEqual([]);
	});
});
