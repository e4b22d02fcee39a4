import {describe, expect, it} from 'vitest';
import {jobStatuses} from '../../source/core/index.js';
import {columnHeights, columnWidths, groupColumns} from '../../source/ui/board/columns.js';
import {initialBoardState} from '../../source/ui/board/use-board-state.js';
import {computeLayout, type DashboardLayout} from '../../source/ui/layout.js';
import {cardAt, columnAt, hitTest} from '../../source/ui/mouse/hit-test.js';
import {createMouseFilter, parseSgrMouse} from '../../source/ui/mouse/sgr-mouse.js';
import {boardFromJobs} from '../../source/core/index.js';
import {makeJob} from './helpers.js';

const esc = '\u001B';

describe('parseSgrMouse', () => {
	it('reads a left press and release, 1-based cells made 0-based', () => {
		expect(parseSgrMouse(`${esc}[<0;10;5M`)).toEqual({
			kind: 'press',
			button: 'left',
			x: 9,
			y: 4,
			shift: false,
			meta: false,
			ctrl: false,
		});
		expect(parseSgrMouse(`${esc}[<0;10;5m`)).toMatchObject({kind: 'release', button: 'left'});
	});

	it('reads the wheel, other buttons, motion and modifiers', () => {
		expect(parseSgrMouse(`${esc}[<64;1;1M`)).toMatchObject({kind: 'wheel', button: 'up', x: 0, y: 0});
		expect(parseSgrMouse(`${esc}[<65;300;80M`)).toMatchObject({kind: 'wheel', button: 'down', x: 299});
		expect(parseSgrMouse(`${esc}[<2;3;3M`)).toMatchObject({kind: 'press', button: 'right'});
		expect(parseSgrMouse(`${esc}[<32;3;3M`)).toMatchObject({kind: 'move', button: 'left'});
		expect(parseSgrMouse(`${esc}[<20;3;3M`)).toMatchObject({button: 'left', shift: true, ctrl: true});
	});

	it('is not fooled by keys and other sequences', () => {
		for (const text of ['q', `${esc}[A`, `${esc}[<0;1M`, `${esc}[<0;1;2`, `${esc}[M !!`]) {
			expect(parseSgrMouse(text)).toBeUndefined();
		}
	});
});

describe('createMouseFilter', () => {
	it('takes whole reports and lets keys through untouched', () => {
		const filter = createMouseFilter();
		expect(filter.feed(`${esc}[<0;10;5M`)).toEqual({
			mouse: [expect.objectContaining({kind: 'press', x: 9, y: 4})],
			rest: '',
		});
		expect(filter.feed('q')).toEqual({mouse: [], rest: undefined});
		expect(filter.feed(`${esc}[A`)).toEqual({mouse: [], rest: undefined});
	});

	it('joins a report split across reads, keeping what followed it for the keys', () => {
		const filter = createMouseFilter();
		expect(filter.feed(`${esc}[<0;1`)).toEqual({mouse: [], rest: ''});
		expect(filter.feed('2;5Mab')).toEqual({
			mouse: [expect.objectContaining({kind: 'press', x: 11, y: 4})],
			rest: 'ab',
		});
		expect(filter.feed('x')).toEqual({mouse: [], rest: undefined});
	});

	it('joins a report split in three, or right after ESC[', () => {
		const filter = createMouseFilter();
		expect(filter.feed(`${esc}[`).rest).toBe('');
		expect(filter.feed('<65;4').rest).toBe('');
		expect(filter.feed(';7M')).toEqual({mouse: [expect.objectContaining({kind: 'wheel', y: 6})], rest: ''});
	});

	it('drops a head that no tail follows and routes the next key', () => {
		const filter = createMouseFilter();
		expect(filter.feed(`${esc}[<0;1`).rest).toBe('');
		expect(filter.feed('q')).toEqual({mouse: [], rest: undefined});
	});
});

function fits(layout: DashboardLayout): Extract<DashboardLayout, {kind: 'fits'}> {
	if (layout.kind !== 'fits') {
		throw new Error(layout.message);
	}

	return layout;
}

describe('hitTest', () => {
	const jobs = [
		makeJob({title: 'one'}),
		makeJob({title: 'two'}),
		makeJob({title: 'three'}),
		makeJob({title: 'ready one', status: 'ready'}),
	];
	const heights = columnHeights(groupColumns(boardFromJobs(jobs)));
	const board = {heights, selection: initialBoardState};

	it('finds columns by x, one cell apart', () => {
		const rect = {x: 0, y: 0, width: 76, height: 20};
		const widths = columnWidths(76, 7);
		// Seven columns of 10 cells and six gaps: 0–9, 11–20, …
		expect(columnAt(rect, widths, 0)).toBe(0);
		expect(columnAt(rect, widths, 9)).toBe(0);
		expect(columnAt(rect, widths, 10)).toBeUndefined();
		expect(columnAt(rect, widths, 11)).toBe(1);
		expect(columnAt(rect, widths, 75)).toBe(6);
	});

	it('finds the card under a row, counting the column’s scroll', () => {
		// Inbox cards are two rows each.
		expect(cardAt(board, 0, 0, 20)).toBe(0);
		expect(cardAt(board, 0, 1, 20)).toBe(0);
		expect(cardAt(board, 0, 2, 20)).toBe(1);
		expect(cardAt(board, 0, 5, 20)).toBe(2);
		expect(cardAt(board, 0, 6, 20)).toBeUndefined();
		const selection = {...initialBoardState, cards: [2, 0, 0, 0, 0, 0, 0], offsets: [1, 0, 0, 0, 0, 0, 0]};
		const scrolled = {heights, selection};
		// Six rows for cards (eight less the header) hold all three: scrolling would waste rows.
		expect(cardAt(scrolled, 0, 0, 8)).toBe(0);
		// Four hold two: the column shows the second and the third.
		expect(cardAt(scrolled, 0, 0, 6)).toBe(1);
		expect(cardAt(scrolled, 0, 2, 6)).toBe(2);
	});

	it('maps cells of the stacked layout to cards, headers, panes and the REPL', () => {
		const layout = fits(computeLayout({columns: 100, rows: 30}, 2, {layout: 'stacked'}));
		const ready = jobStatuses.indexOf('ready');
		const readyX = columnWidths(100, 7)
			.slice(0, ready)
			.reduce((x, width) => x + width + 1, 0);
		expect(hitTest(layout, board, 1, 2)).toEqual({kind: 'card', column: 0, card: 0});
		expect(hitTest(layout, board, 1, 4)).toEqual({kind: 'card', column: 0, card: 1});
		expect(hitTest(layout, board, readyX + 1, 2)).toEqual({kind: 'card', column: ready, card: 0});
		expect(hitTest(layout, board, 1, 0)).toEqual({kind: 'column', column: 0});
		expect(hitTest(layout, board, 1, layout.board.height - 1)).toEqual({kind: 'card', column: 0, card: 2});
		// The empty rows of a column (planning has no cards) are the column.
		expect(hitTest(layout, board, 15, 3)).toEqual({kind: 'column', column: 1});
		const second = layout.panes.boxes[1]!;
		expect(hitTest(layout, board, second.x, second.y)).toEqual({kind: 'pane', pane: 1});
		expect(hitTest(layout, board, 5, layout.main.height)).toEqual({kind: 'repl'});
		expect(hitTest(layout, board, 5, layout.height - 1)).toEqual({kind: 'none'});
	});

	it('maps cells of the side layout: the board on the left, panes on the right', () => {
		const layout = fits(computeLayout({columns: 220, rows: 50}, 4));
		expect(hitTest(layout, board, 1, 3)).toEqual({kind: 'card', column: 0, card: 0});
		expect(hitTest(layout, board, layout.board.width, 3)).toEqual({kind: 'none'});
		for (const box of layout.panes.boxes) {
			expect(hitTest(layout, board, box.x + box.width - 1, box.y + box.height - 1)).toEqual({
				kind: 'pane',
				pane: box.pane,
			});
		}
	});
});
