import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {
	cursorTo,
	fitRow,
	paintBlock,
	paintRows,
	type SurfaceRect,
} from '../../../source/ui/surface/paint-rows.js';

const reset = '\u001B[0m';
const red = '\u001B[31m';
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replaceAll(/\u001B\[[0-9;]*m/g, '');
const rect: SurfaceRect = {x: 10, y: 4, cols: 6, rows: 3};
const rows = [`${red}alpha ${reset}`, `bravo ${reset}`, `charli${reset}`];

describe('paintRows', () => {
	it('paints every row at its absolute place when nothing is known of the screen', () => {
		const {escape, painted} = paintRows(undefined, rows, rect, 6);
		expect(escape).toBe(
			`${cursorTo(10, 4)}${rows[0]}${cursorTo(10, 5)}${rows[1]}${cursorTo(10, 6)}${rows[2]}`,
		);
		expect(cursorTo(10, 4)).toBe('\u001B[5;11H');
		expect(painted).toEqual(rows);
	});

	it('writes only the rows that differ from what it painted', () => {
		const first = paintRows(undefined, rows, rect, 6);
		const next = [rows[0]!, `BRAVO!${reset}`, rows[2]!];
		const {escape, painted} = paintRows(first.painted, next, rect, 6);
		expect(escape).toBe(`${cursorTo(10, 5)}BRAVO!${reset}`);
		expect(painted).toEqual(next);
		expect(paintRows(painted, next, rect, 6).escape).toBe('');
	});

	it('draws missing rows blank and ignores rows past the interior', () => {
		const {escape} = paintRows(undefined, [rows[0]!], {...rect, rows: 2}, 6);
		expect(escape).toBe(`${cursorTo(10, 4)}${rows[0]}${cursorTo(10, 5)}      ${reset}`);
		expect(paintRows(undefined, rows, {...rect, rows: 1}, 6).escape).not.toContain('bravo');
	});

	it('leaves covered rows alone and paints them once they are uncovered', () => {
		const covered = paintRows(undefined, rows, rect, 6, (row) => row === 1);
		expect(covered.escape).not.toContain('bravo');
		expect(covered.painted[1]).toBeUndefined();
		const uncovered = paintRows(covered.painted, rows, rect, 6);
		expect(uncovered.escape).toBe(`${cursorTo(10, 5)}${rows[1]}`);
	});

	it('cuts or pads rows of another width to the interior (a resize not yet taken)', () => {
		const {escape} = paintRows(undefined, [`${red}abcdefgh${reset}`], {x: 0, y: 0, cols: 4, rows: 1}, 8);
		expect(plain(escape)).toBe('\u001B[1;1Habcd');
		expect(escape.endsWith(reset)).toBe(true);
	});
});

describe('fitRow', () => {
	it('keeps a row of the right width as it is', () => {
		expect(fitRow(rows[0]!, 6, 6)).toBe(rows[0]);
	});

	it('pads a narrow row after its reset, so the padding has the default style', () => {
		expect(fitRow(`${red}ab${reset}`, 5, 2)).toBe(`${red}ab${reset}   `);
	});

	it('cuts a wide row by cells, keeping its styles and ending in a reset', () => {
		const row = `${red}ab${reset}\u001B[1mcd${reset}ef${reset}`;
		const cut = fitRow(row, 3, 6);
		expect(cut).toBe(`${red}ab${reset}\u001B[1mc${reset}`);
		expect(stringWidth(cut)).toBe(3);
	});

	it('turns a wide glyph that would straddle the cut into a space', () => {
		const cut = fitRow(`a界b${reset}`, 2, 4);
		expect(cut).toBe(`a ${reset}`);
		expect(stringWidth(cut)).toBe(2);
	});
});

describe('paintBlock', () => {
	it('wraps a paint in synchronized output with the cursor saved, the style reset first', () => {
		expect(paintBlock('X')).toBe('\u001B[?2026h\u001B7\u001B[0mX\u001B8\u001B[?2026l');
		expect(paintBlock('')).toBe('');
	});
});
