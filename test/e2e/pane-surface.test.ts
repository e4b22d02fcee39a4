/**
 * End to end: in a real pty, pane contents are painted by the pane surface outside Ink's frames. They
 * appear, update, survive Ink frames (a REPL keystroke), are hidden under the help overlay and by the
 * zoom, and nothing of them is left outside the panes after a resize.
 */
import {describe, expect, it} from 'vitest';
import {e2eCleanup} from './cleanup.js';
import {startApp} from './pty-app.js';

const {apps, tempDir} = e2eCleanup('xsarena-e2e-surface-');

// The commands are the job titles (on cards and pane titles): their text never matches the output's.
const streaming = 'for i in $(seq 1 600); do echo surf-a-$i; sleep 0.05; done; exec sleep 30';
const quiet = 'echo surf-b-rea""dy; exec sleep 30';

/** Every screen line showing pane text is a pane row: inside a border on both sides. */
function panesOnly(screen: string): boolean {
	return screen
		.split('\n')
		.filter((line) => /rf-a-\d|-ready/.test(line))
		.every((line) => /^│.*│$/.test(line.trimEnd()) || /^│.*││.*│$/.test(line.trimEnd()));
}

describe('the pane surface in a real terminal', () => {
	it(
		'paints, updates and keeps pane contents through Ink frames, overlays, zoom and resize',
		{timeout: 60_000},
		async () => {
			const cwd = tempDir();
			const app = startApp(['watch', '--', streaming, quiet], {
				cwd,
				cols: 160,
				rows: 40,
				env: {TMPDIR: tempDir(), XSARENA_HOME: ''},
			});
			apps.push(app);

			// Appears, inside its border, and updates.
			await app.waitForScreen(/surf-b-ready/, 15_000);
			await app.waitForScreen(/surf-a-30\b/, 10_000);
			let screen = await app.waitForScreen(/surf-a-40\b/, 10_000);
			expect(screen).toMatch(/│surf-b-ready +│/);
			expect(panesOnly(screen)).toBe(true);

			// An Ink frame (a REPL keystroke) repaints the panes in the same write: the quiet pane stays.
			app.type(':');
			app.type('w');
			// The test's terminal may be read between the frame's chunks, so wait for the whole update
			// (a frame that blanked the quiet pane for good would never match).
			await app.waitForScreen(/│surf-b-ready +│[\s\S]*› w/, 5000);
			app.type('\u0015'); // Ctrl-U: clear the line.
			app.type('\u001B');
			await app.waitForScreen(/d dispatch/, 5000);

			// The help overlay covers everything: nothing of the panes is painted over it.
			app.type('?');
			await app.waitForScreen(/^(?![\s\S]*(surf-a-\d|surf-b-ready))[\s\S]*$/, 5000);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(app.screen()).not.toMatch(/surf-a-\d|surf-b-ready/);
			app.type('\u001B');
			await app.waitForScreen(/surf-b-ready/, 5000);

			// Zoomed on the first pane, the second is not painted; unzoomed, both are back.
			app.type('\t');
			app.type('z');
			await app.waitForScreen(/^(?![\s\S]*surf-b-ready)[\s\S]*surf-a-\d+/, 5000);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(app.screen()).not.toMatch(/surf-b-ready/);
			expect(panesOnly(app.screen())).toBe(true);
			app.type('z');
			await app.waitForScreen(/surf-b-ready/, 5000);

			// Resized smaller, then back (the harness reads as many rows as it started with): the panes are
			// repainted where they now are, and nothing is left.
			for (const [cols, rows] of [
				[110, 30],
				[160, 40],
			] as const) {
				app.resize(cols, rows);
				await app.waitForScreen(/surf-b-ready/, 5000);
				await new Promise((resolve) => setTimeout(resolve, 500));
				screen = app.screen();
				expect(screen).toMatch(/surf-b-ready/);
				expect(panesOnly(screen)).toBe(true);
				expect(screen.split('\n').every((line) => line.length <= cols)).toBe(true);
			}

			app.type('\u001B');
			await app.waitForScreen(/d dispatch/, 5000);
			app.type('q');
			await app.waitForScreen(/quit and stop them\? \(y\/n\)/, 5000);
			app.type('y');
			expect(await app.exited).toBe(0);
		},
	);
});
