/**
 * What is under a screen cell: a card, a column's header, a pane, the REPL. Pure: from the layout and
 * the board's selection state (a column's scroll decides which cards are in view), the same numbers
 * the views draw from, so a click lands on what the person sees.
 */
import {jobStatuses, type JobStatus} from '../../core/index.js';
import {boardColumnWidths, cardRows, columnHeaderRows} from '../board/columns.js';
import {scrollWindow, type BoardState} from '../board/use-board-state.js';
import type {DashboardLayout, Rect} from '../layout.js';

/** What a cell belongs to. */
export type Hit =
	/** A card: its column (index into `jobStatuses`) and its index in the column's cards. */
	| {readonly kind: 'card'; readonly column: number; readonly card: number}
	/** A column's header or the empty rows under its cards. */
	| {readonly kind: 'column'; readonly column: number}
	/** A pane's box (border included): `pane` is the index of the pane in the list laid out. */
	| {readonly kind: 'pane'; readonly pane: number}
	/** The REPL's output or its line. */
	| {readonly kind: 'repl'}
	/** Anything else: the gaps, the status bar. */
	| {readonly kind: 'none'};

/** The board as drawn: card heights per column and the selection (which scrolls each column). */
export type BoardView = {
	readonly heights: Readonly<Record<JobStatus, readonly number[]>>;
	readonly selection: BoardState;
};

const inside = (rect: Rect, x: number, y: number) =>
	x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;

/**
 * The board's column under `x`, the columns being `widths` wide (`boardColumnWidths`) one cell
 * apart; the gap belongs to none.
 */
export function columnAt(board: Rect, widths: readonly number[], x: number): number | undefined {
	let left = board.x;
	for (const [index, width] of widths.entries()) {
		if (x >= left && x < left + width) {
			return index;
		}

		left += width + 1;
	}

	return undefined;
}

/** The card of `column` drawn `row` rows under the column's header, if any. */
export function cardAt(
	board: BoardView,
	column: number,
	row: number,
	boardHeight: number,
): number | undefined {
	const heights = board.heights[jobStatuses[column]!];
	const view = scrollWindow(
		board.selection.cards[column] ?? 0,
		board.selection.offsets[column] ?? 0,
		heights,
		cardRows(boardHeight),
	);
	let top = 0;
	for (let index = view.offset; index < view.offset + view.shown; index++) {
		top += heights[index] ?? 0;
		if (row < top) {
			return index;
		}
	}

	return undefined;
}

/** What is drawn at cell (`x`, `y`), 0-based from the top-left corner of the terminal. */
export function hitTest(
	layout: Extract<DashboardLayout, {kind: 'fits'}>,
	board: BoardView,
	x: number,
	y: number,
): Hit {
	if (layout.board.height > 0 && inside(layout.board, x, y)) {
		const counts = jobStatuses.map((status) => board.heights[status].length);
		const widths = boardColumnWidths(layout.board.width, counts, layout.arrangement === 'side');
		const column = columnAt(layout.board, widths, x);
		if (column === undefined) {
			return {kind: 'none'};
		}

		const row = y - layout.board.y - columnHeaderRows;
		const card = row < 0 ? undefined : cardAt(board, column, row, layout.board.height);
		return card === undefined ? {kind: 'column', column} : {kind: 'card', column, card};
	}

	const box = layout.panes.boxes.find((candidate) => inside(candidate, x, y));
	if (box) {
		return {kind: 'pane', pane: box.pane};
	}

	const replTop = layout.main.y + layout.main.height;
	// The REPL's output and its line; the status bar under them is the root's last row.
	return y >= replTop && y < layout.height - 1 && x < layout.width ? {kind: 'repl'} : {kind: 'none'};
}
