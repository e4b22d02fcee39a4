/**
 * R11: a full-screen TUI (`tui.mjs`). The screen shows its alternate buffer while it runs, a resize
 * reaches it (it redraws at the new size), the normal buffer comes back after it leaves, and none of its
 * escapes reach our stdout.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {fixture, parsed, Runs, stripSgr, waitFor, within} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	vi.restoreAllMocks();
	await runs.cleanup();
});

/** The box tui.mjs draws at `cols`×`rows`, as plain text rows. */
function box(cols: number, rows: number): string[] {
	const inner = cols - 2;
	const line = (text: string) => `│${` ${text}`.padEnd(inner)}│`;
	return [
		`┌─ xsarena tui ${'─'.repeat(inner - 14)}┐`,
		line(`size ${cols}x${rows}`),
		line('press q to quit'),
		...Array.from({length: rows - 4}, () => line('')),
		`└${'─'.repeat(inner)}┘`,
	];
}

describe('a full-screen TUI agent (R11)', () => {
	it('shows the alternate buffer, follows a resize, and shows the normal buffer after exit', async () => {
		const stdout = vi.spyOn(process.stdout, 'write');
		const {session} = runs.start(fixture('tui.mjs'), ['20'], {cols: 80, rows: 24});
		await waitFor(
			() => session.screen.getText()[1]?.includes('size 80x24') ?? false,
			10_000,
			'the first frame',
		);
		await parsed(session);
		expect(session.screen.getText()).toEqual(box(80, 24));
		// Colours came through: the border is cyan (SGR 36) in the row the pane draws.
		// eslint-disable-next-line no-control-regex
		expect(session.screen.getRows()[0]).toMatch(/\u001B\[[\d;]*\b36m/u);
		expect(session.screen.getRows().every((row) => stripSgr(row).length === 80)).toBe(true);

		session.resize(100, 30);
		await waitFor(
			() => session.screen.getText()[1]?.includes('size 100x30') ?? false,
			5000,
			'the redraw at 100x30',
		);
		await parsed(session);
		expect(session.screen.getText()).toEqual(box(100, 30));

		session.write('q');
		await expect(within(session.exited, 5000, 'tui.mjs')).resolves.toEqual({code: 0, signal: null});
		await parsed(session);
		const after = session.screen.getText();
		// The normal buffer as it was before the TUI started, with `bye` where the cursor was.
		expect(after.slice(0, 3)).toEqual(['tui: starting', 'bye', '']);
		expect(after.join('')).not.toMatch(/[┌│└]/u);
		expect(after).toHaveLength(30);

		const ours = stdout.mock.calls.map(([data]) => String(data)).join('');
		expect(ours).not.toContain('\u001B[?1049');
		expect(ours).not.toContain('xsarena tui');
	});
});
