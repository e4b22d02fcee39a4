import {describe, expect, it} from 'vitest';
import {
	computeLayout,
	focusGrid,
	gridShape,
	paneChrome,
	paneGrid,
	resolveArrangement,
	sideBoardWidth,
	sideBySideMinColumns,
	split,
	type DashboardLayout,
} from '../../source/ui/layout.js';

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
		const layout = computeLayout({columns: 200, rows: 50}, 4, {layout: 'stacked'});
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

function fits(layout: DashboardLayout): Extract<DashboardLayout, {kind: 'fits'}> {
	if (layout.kind !== 'fits') {
		throw new Error(layout.message);
	}

	return layout;
}

describe('positions', () => {
	it('places every box where the boxes before it end, in screen cells', () => {
		const layout = fits(computeLayout({columns: 100, rows: 30}, 3, {layout: 'stacked'}));
		const {board, panes} = layout;
		expect(board).toEqual({x: 0, y: 0, width: 100, height: layout.main.height - panes.height});
		expect(panes).toMatchObject({x: 0, y: board.height, width: 100});
		expect(panes.boxes.map((box) => [box.x, box.y, box.pane])).toEqual([
			[0, board.height, 0],
			[50, board.height, 1],
			[0, board.height + panes.boxes[0]!.height, 2],
		]);
		expect(layout.main).toEqual({x: 0, y: 0, width: 100, height: 29 - layout.replOutput - 2});
	});
});

describe('side by side', () => {
	it(`is what auto means from ${sideBySideMinColumns} columns`, () => {
		expect(resolveArrangement('auto', sideBySideMinColumns - 1)).toBe('stacked');
		expect(resolveArrangement(undefined, sideBySideMinColumns)).toBe('side');
		expect(resolveArrangement('stacked', 300)).toBe('stacked');
		expect(resolveArrangement('side', 100)).toBe('side');
	});

	it('puts the board on the left and the grid on its right, both full height, at 220×50', () => {
		const layout = fits(computeLayout({columns: 220, rows: 50}, 4));
		const boardWidth = sideBoardWidth(220);
		expect(layout.arrangement).toBe('side');
		expect(layout.board).toEqual({x: 0, y: 0, width: boardWidth, height: layout.main.height});
		expect(layout.panes).toMatchObject({x: boardWidth + 1, y: 0, width: 220 - boardWidth - 1});
		expect(layout.panes.height).toBe(layout.main.height);
		expect(layout.panes.boxes).toHaveLength(4);
		for (const box of layout.panes.boxes) {
			expect(box.x).toBeGreaterThan(boardWidth);
			expect(box.x + box.width).toBeLessThanOrEqual(220);
			expect(box.y + box.height).toBeLessThanOrEqual(layout.main.height);
		}

		// The seven columns keep at least 11 cells each.
		expect(Math.floor((boardWidth - 6) / 7)).toBeGreaterThanOrEqual(11);
		expect(layout.main.height + layout.replOutput + 2).toBe(49);
	});

	it('stacks when no pane fits beside the board, and without panes', () => {
		expect(fits(computeLayout({columns: 100, rows: 30}, 2, {layout: 'side'})).arrangement).toBe('stacked');
		const empty = fits(computeLayout({columns: 220, rows: 50}, 0));
		expect(empty.arrangement).toBe('stacked');
		expect(empty.board.width).toBe(220);
	});

	it('gives the panes the whole main area when zoomed or with the board hidden', () => {
		for (const options of [{zoomed: true}, {boardHidden: true}]) {
			const layout = fits(computeLayout({columns: 220, rows: 50}, 2, options));
			expect(layout.board.height).toBe(0);
			expect(layout.panes).toMatchObject({x: 0, y: 0, width: 220, height: layout.main.height});
		}
	});
});

describe('focusGrid', () => {
	it('gives the focused pane the top 60 % and the others the row under it', () => {
		const grid = focusGrid(4, 2, 120, 40);
		expect(grid.boxes.map((box) => [box.pane, box.row, box.x, box.y, box.width, box.height])).toEqual([
			[2, 0, 0, 0, 120, 24],
			[3, 1, 0, 24, 40, 16],
			[0, 1, 40, 24, 40, 16],
			[1, 1, 80, 24, 40, 16],
		]);
		expect(grid.hidden).toBe(0);
	});

	it('hides the others that do not fit and falls back to the grid for one pane', () => {
		const grid = focusGrid(8, 0, 80, 40);
		expect(grid.boxes.length).toBe(1 + 3);
		expect(grid.hidden).toBe(4);
		expect(focusGrid(1, 0, 80, 40).boxes).toEqual(paneGrid(1, 80, 40).boxes);
	});

	it('is used by computeLayout for the focus arrangement', () => {
		const layout = fits(computeLayout({columns: 220, rows: 50}, 3, {paneArrangement: 'focus', focused: 1}));
		expect(layout.panes.boxes[0]).toMatchObject({pane: 1, x: layout.panes.x, y: 0});
	});
});
