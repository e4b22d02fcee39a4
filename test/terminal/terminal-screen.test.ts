import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';
import {feed, visibleWidth, withoutSgr} from './screen-helpers.js';

const esc = '\u001B';

describe('TerminalScreen', () => {
	it('places characters where cursor movement puts them', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 6});
		await feed(
			screen,
			`garbage\r\nmore${esc}[2J${esc}[HTop${esc}[5;10HX${esc}[3;1Hhello world${esc}[3;6H${esc}[K`,
		);
		const text = screen.getText();
		expect(text[0]).toBe('Top');
		expect(text[1]).toBe('');
		expect(text[2]).toBe('hello');
		expect(text[4]).toBe(' '.repeat(9) + 'X');
		expect(screen.getRows()[4]).toBe(`${' '.repeat(9)}X${' '.repeat(10)}${esc}[0m`);
		screen.dispose();
	});

	it('carries colours and attributes as SGR codes, emitted only on change, rows ending in a reset', async () => {
		const screen = new TerminalScreen({cols: 24, rows: 3});
		await feed(
			screen,
			`${esc}[31mRRR${esc}[0m ${esc}[1;38;5;208mO${esc}[22;2;3;4;7mA${esc}[0m ${esc}[48;2;1;2;3mT${esc}[0m ${esc}[92;44mB${esc}[0m`,
		);
		const [row = ''] = screen.getRows();
		expect(row.startsWith(`${esc}[0;31mRRR${esc}[0m `)).toBe(true);
		expect(row).toContain(`${esc}[0;1;38;5;208mO${esc}[0;2;3;4;7;38;5;208mA`);
		expect(row).toContain(`${esc}[0;48;2;1;2;3mT`);
		expect(row).toContain(`${esc}[0;92;44mB${esc}[0m`);
		expect(row.endsWith(`${esc}[0m`)).toBe(true);
		expect(row.split(`${esc}[0;31m`)).toHaveLength(2);
		expect(visibleWidth(row)).toBe(24);
		screen.dispose();
	});

	it('keeps every row exactly cols wide with CJK, emoji and the symbols AI CLIs print', async () => {
		const samples = [
			'漢字 and 漢字漢字',
			'🙂 smile 🙂🙂',
			'⏺ Read(file) ✻ Thinking… ⎿ done',
			'│ box ─────────── │',
			'❤️ ⚡️ 👍🏽 👨‍👩‍👧 🇺🇸 é ✔ ❯',
			'漢'.repeat(20),
			'🙂'.repeat(20),
		];
		for (const cols of [20, 21, 37]) {
			const screen = new TerminalScreen({cols, rows: 12});
			await feed(screen, samples.join('\r\n'));
			const rows = screen.getRows();
			expect(rows).toHaveLength(12);
			for (const row of rows) {
				expect(visibleWidth(row), JSON.stringify(row)).toBe(cols);
				expect(row.endsWith(`${esc}[0m`)).toBe(true);
			}

			screen.dispose();
		}
	});

	it('gives emoji two cells, as string-width and Ink-based agents do', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 2});
		// An Ink agent writes the emoji, then moves to the cell it believes follows it.
		await feed(screen, `🙂x${esc}[1;3HY ⏺z${esc}[1;6HZ`);
		expect(screen.getText()[0]).toBe('🙂Y ⏺Z');
		screen.dispose();
	});

	it('moves the cursor as far as string-width measures, for each kind of cluster', async () => {
		const samples = [
			'漢字',
			'🙂',
			'❤️',
			'⚡️',
			'👍🏽',
			'☝🏽',
			'👨‍👩‍👧',
			'🇺🇸',
			'é',
			'a\u0301',
			'⏺ ✻ ⎿',
			'│─',
			'ｶﾞ',
			'한글',
		];
		for (const sample of samples) {
			const screen = new TerminalScreen({cols: 20, rows: 1});
			// Write the sample, then put an X in the column right after it by string-width's count.
			await feed(screen, `${sample}${esc}[${stringWidth(sample) + 1}GX`);
			expect(screen.getText()[0], sample).toBe(`${sample}X`);
			screen.dispose();
		}
	});

	it('shows the alternate screen while active and the normal screen after', async () => {
		const screen = new TerminalScreen({cols: 20, rows: 4});
		await feed(screen, 'normal text');
		await feed(screen, `${esc}[?1049h${esc}[H${esc}[2Jalt screen`);
		expect(screen.getText()[0]).toBe('alt screen');
		expect(screen.getRows()[0]).toContain('alt screen');
		await feed(screen, `${esc}[?1049l`);
		expect(screen.getText()[0]).toBe('normal text');
		expect(screen.getRows()[0]).toContain('normal text');
		screen.dispose();
	});

	it('resizes, bumps the version and notifies, and caches rows per version', async () => {
		const screen = new TerminalScreen({cols: 10, rows: 3});
		let changes = 0;
		const unsubscribe = screen.onChange(() => changes++);
		const before = screen.version;
		await feed(screen, 'hello');
		expect(screen.version).toBeGreaterThan(before);
		expect(changes).toBeGreaterThan(0);
		const rows = screen.getRows();
		expect(screen.getRows()).toBe(rows);

		screen.resize(30, 5);
		expect([screen.cols, screen.rows]).toEqual([30, 5]);
		const resized = screen.getRows();
		expect(resized).not.toBe(rows);
		expect(resized).toHaveLength(5);
		expect(resized.every((row) => visibleWidth(row) === 30)).toBe(true);
		expect(() => {
			screen.resize(0, 5);
		}).toThrow(RangeError);

		unsubscribe();
		const seen = changes;
		await feed(screen, 'more');
		expect(changes).toBe(seen);
		screen.dispose();
	});

	it('counts bytes written but not yet parsed', async () => {
		const screen = new TerminalScreen({cols: 80, rows: 24});
		const parsed = feed(screen, 'é'.repeat(1000));
		expect(screen.pendingBytes).toBe(2000);
		await parsed;
		expect(screen.pendingBytes).toBe(0);
		screen.dispose();
	});

	it('ignores writes after dispose and keeps answering reads', async () => {
		const screen = new TerminalScreen({cols: 10, rows: 2});
		await feed(screen, 'last');
		const rows = screen.getRows();
		screen.dispose();
		expect(() => {
			screen.write('late');
		}).not.toThrow();
		expect(screen.getRows()).toBe(rows);
		expect(screen.getText()).toEqual(['', '']);
	});

	it('absorbs binary and malformed output without leaking control characters into rows (R10)', async () => {
		const screen = new TerminalScreen({cols: 40, rows: 10});
		const random = new Uint8Array(64 * 1024);
		for (let index = 0; index < random.length; index++) {
			random[index] = (index * 2_654_435_761) >>> 24;
		}

		await feed(screen, random);
		await feed(screen, `lone \uD800 surrogate \uDC00 and C1 \u009B31m and ${esc}]0;unterminated osc`);
		await feed(screen, `${esc}\\${esc}[0m${esc}cafter reset`);
		const rows = screen.getRows();
		expect(screen.getText()[0]).toBe('after reset');
		for (const row of rows) {
			expect(visibleWidth(row)).toBe(40);
			expect(withoutSgr(row)).not.toMatch(/\p{Cc}/u);
		}

		screen.dispose();
	});
});
