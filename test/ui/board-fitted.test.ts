import {describe, expect, it} from 'vitest';
import {
	boardColumnWidths,
	columnWidths,
	emptyColumnWidth,
	fittedColumnWidths,
} from '../../source/ui/board/columns.js';
import {boardReducer, initialBoardState} from '../../source/ui/board/use-board-state.js';

describe('fittedColumnWidths', () => {
	it('shrinks empty columns and shares the rest among the others, filling the width', () => {
		const widths = fittedColumnWidths(92, [1, 0, 8, 3, 0, 0, 0]);
		expect(widths).toEqual([
			18,
			emptyColumnWidth,
			18,
			18,
			emptyColumnWidth,
			emptyColumnWidth,
			emptyColumnWidth,
		]);
		expect(widths.reduce((sum, width) => sum + width, 0) + 6).toBe(92);
	});

	it('keeps equal widths when no column, or every column, is empty, or when shrinking would not help', () => {
		expect(fittedColumnWidths(92, [1, 1, 1, 1, 1, 1, 1])).toEqual(columnWidths(92, 7));
		expect(fittedColumnWidths(92, [0, 0, 0, 0, 0, 0, 0])).toEqual(columnWidths(92, 7));
		expect(fittedColumnWidths(60, [1, 1, 1, 1, 1, 1, 0])).toEqual(columnWidths(60, 7));
		expect(boardColumnWidths(92, [1, 0, 0, 0, 0, 0, 0], false)).toEqual(columnWidths(92, 7));
	});
});

describe('selecting a card (a click)', () => {
	it('moves the selection to the column and the card, scrolling it into view', () => {
		const heights = [2, 2, 2, 2, 2];
		const state = boardReducer(initialBoardState, {type: 'select', column: 2, card: 4, heights, rows: 4});
		expect(state.column).toBe(2);
		expect(state.cards[2]).toBe(4);
		expect(state.offsets[2]).toBe(3);
	});

	it('clamps the card to the column and the column to the board', () => {
		const state = boardReducer(initialBoardState, {
			type: 'select',
			column: 9,
			card: 7,
			heights: [2],
			rows: 10,
		});
		expect(state.column).toBe(6);
		expect(state.cards[6]).toBe(0);
	});
});
