import {describe, expect, it} from 'vitest';
import {computeLayout, gridShape, paneChrome, paneGrid, split} from '../../source/ui/layout.js';

describe('gridShape', () => {
	it.each([
		[1, 1, 1],
		[2, 2, 1],
		[3, 2, 2],
		[4, 2, 2],
		[5, 3, 2],
		[6, 3, 2],
		[7, 3, 3],
		[8, 3, 3],
	])('%i panes → %i×%i', (count, columns, rows) => {
		expect(gridShape(count)).toEqual({columns, rows});
	});

	it('has no cells for no panes', () => {
		expect(gridShape(0)).toEqual({columns: 0, rows: 0});
	});
});

describe('paneGrid', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])('tiles %i panes over the whole area without overlap', (count) => {
		const grid = paneGrid(count, 200, 40);
		expect(grid.boxes).toHaveLength(count);
		expect(grid.hidden).toBe(0);
		for (let row = 0; row < grid.rows; row++) {
			const boxes = grid.boxes.filter((box) => box.row === row);
			expect(boxes.reduce((sum, box) => sum + box.width, 0)).toBe(200);
			for (const box of boxes) {
				expect(box.cols).toBe(box.width - paneChrome.columns);
				expect(box.rows).toBe(box.height - paneChrome.rows);
			}
		}

		const heights = Array.from(
			{length: grid.rows},
			(_, row) => grid.boxes.find((box) => box.row === row)!.height,
		);
		expect(heights.reduce((sum, height) => sum + height, 0)).toBe(40);
	});

	it('puts two panes side by side and three as two over one', () => {
		expect(paneGrid(2, 100, 20).boxes.map((box) => [box.row, box.width, box.height])).toEqual([
			[0, 50, 20],
			[0, 50, 20],
		]);
		expect(paneGrid(3, 100, 20).boxes.map((box) => [box.row, box.width, box.height])).toEqual([
			[0, 50, 10],
			[0, 50, 10],
			[1, 100, 10],
		]);
	});

	it('shows fewer panes when the grid would make them too small', () => {
		const grid = paneGrid(4, 80, 10);
		expect(grid.boxes).toHaveLength(2);
		expect(grid.hidden).toBe(2);
		expect(grid.boxes[0]).toMatchObject({cols: 38, rows: 7});
	});
});

describe('split', () => {
	it('differs by at most one, larger first', () => {
		expect(split(10, 3)).toEqual([4, 3, 3]);
	});
});

describe('computeLayout', () => {
	it('keeps the root one row shorter than the terminal and fills it exactly', () => {
		const layout = computeLayout({columns: 200, rows: 50}, 4);
		expect(layout.kind).toBe('fits');
		if (layout.kind !== 'fits') {
			return;
		}

		expect(layout.height).toBe(49);
		expect(layout.width).toBe(200);
		expect(layout.board.height + layout.panes.height + layout.replOutput + 2).toBe(49);
		expect(layout.panes.boxes).toHaveLength(4);
		expect(layout.panes.columns).toBe(2);
	});

	it('gives the board all the space when there are no panes', () => {
		const layout = computeLayout({columns: 80, rows: 24}, 0);
		expect(layout.kind === 'fits' && layout.board.height + layout.replOutput + 2).toBe(23);
		expect(layout.kind === 'fits' && layout.panes.boxes).toEqual([]);
	});

	it.each([
		[79, 24],
		[80, 23],
		[40, 10],
	])('refuses %i×%i with a message', (columns, rows) => {
		const layout = computeLayout({columns, rows}, 2);
		expect(layout).toMatchObject({
			kind: 'too-small',
			message: `terminal too small (${columns}×${rows}, need 80×24)`,
		});
	});

	it('fits at exactly 80×24', () => {
		expect(computeLayout({columns: 80, rows: 24}, 2).kind).toBe('fits');
	});
});
