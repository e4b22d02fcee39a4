import {describe, expect, it} from 'vitest';
import {currentMatchSgr, matchSgr} from '../../source/terminal/row-builder.js';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';
import {feed, visibleWidth} from './screen-helpers.js';

function numbered(from: number, to: number): string {
	return Array.from({length: to - from + 1}, (_, index) => `line ${from + index}\r\n`).join('');
}

describe('scrollback', () => {
	it('scrolls back and stays on the same lines while output goes on; f follows again', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 5});
		await feed(screen, numbered(1, 100));
		const {scrollback} = screen;
		expect(scrollback.following).toBe(true);
		expect(screen.getText()[0]).toBe('line 97');

		const version = screen.version;
		scrollback.scroll(-10);
		expect(screen.version).toBeGreaterThan(version);
		expect(scrollback.linesBack).toBe(10);
		expect(scrollback.following).toBe(false);
		expect(screen.getText()[0]).toBe('line 87');

		await feed(screen, numbered(101, 120));
		expect(screen.getText()[0]).toBe('line 87');
		expect(scrollback.linesBack).toBe(30);

		scrollback.toggleFollow();
		expect(scrollback.following).toBe(true);
		expect(screen.getText()[0]).toBe('line 117');

		scrollback.scroll('top');
		expect(screen.getText()[0]).toBe('line 1');
		scrollback.scroll('bottom');
		expect(scrollback.following).toBe(true);
		screen.dispose();
	});

	it('pauses at the bottom with f, keeping the view while output goes on', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 4});
		await feed(screen, numbered(1, 10));
		const {scrollback} = screen;
		const before = screen.getText();
		scrollback.toggleFollow();
		expect(scrollback.following).toBe(false);
		expect(scrollback.linesBack).toBe(0);
		await feed(screen, numbered(11, 13));
		// The same lines stay in view (the cursor's empty row got its text in place).
		expect(screen.getText().slice(0, 3)).toEqual(before.slice(0, 3));
		expect(scrollback.linesBack).toBe(3);
		scrollback.toggleFollow();
		expect(screen.getText()[0]).toBe('line 11');
		screen.dispose();
	});

	it('keeps the view on its lines when the full scrollback drops old ones', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 4, scrollback: 20});
		await feed(screen, numbered(1, 40));
		screen.scrollback.scroll(-5);
		const shown = screen.getText()[0];
		await feed(screen, numbered(41, 45));
		expect(screen.getText()[0]).toBe(shown);
		screen.dispose();
	});

	it('finds every match, highlights those in view, and steps between them', async () => {
		const screen = new TerminalScreen({cols: 30, rows: 4});
		await feed(screen, `error one\r\n${numbered(1, 20)}ok\r\nERROR two\r\nlast\r\n`);
		const {scrollback} = screen;
		const found = scrollback.find('error');
		// Lower case ignores case; the newest match comes first.
		expect(found).toEqual({query: 'error', index: 2, count: 2});
		const rows = screen.getRows();
		const row = rows.find((candidate) => candidate.includes('two'))!;
		expect(row.startsWith(`${currentMatchSgr}ERROR\u001B[0m two`)).toBe(true);
		expect(visibleWidth(row)).toBe(30);

		scrollback.nextMatch(-1);
		expect(scrollback.search).toEqual({query: 'error', index: 1, count: 2});
		expect(screen.getText()).toContain('error one');
		expect(screen.getRows().find((candidate) => candidate.includes('one'))).toContain(
			`${currentMatchSgr}error`,
		);
		scrollback.nextMatch(-1);
		expect(scrollback.search?.index).toBe(2);

		// A capital letter makes the search case-sensitive.
		expect(scrollback.find('ERROR')?.count).toBe(1);
		expect(scrollback.find('nothing')).toEqual({query: 'nothing', index: 0, count: 0});
		scrollback.clearSearch();
		expect(scrollback.search).toBeUndefined();
		expect(screen.getRows().join('')).not.toContain(matchSgr);
		screen.dispose();
	});

	it('puts highlights on the right cells after wide characters', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 2});
		await feed(screen, '日本 abc abc');
		screen.scrollback.find('abc');
		const row = screen.getRows()[0]!;
		expect(row).toContain(`日本 ${matchSgr}abc\u001B[0m ${currentMatchSgr}abc`);
		expect(visibleWidth(row)).toBe(20);
		screen.dispose();
	});
});
