/**
 * Where everything goes, from the terminal's size and the number of panes. Pure, so the arithmetic is
 * unit-tested; the views only read the numbers.
 *
 * Top to bottom: the board, the pane grid, the REPL's output, the REPL line, the status bar. The root is
 * one row shorter than the terminal because Ink 6 clears and redraws the whole screen on every frame
 * that is as tall as the terminal (vadimdemedes/ink#450).
 */

/** A terminal size in cells. */
export type TerminalSize = {readonly columns: number; readonly rows: number};

/** Below this the dashboard shows only a message: the board's seven columns need 80 cells. */
export const minimumSize: TerminalSize = {columns: 80, rows: 24};

/** Cells a pane's chrome takes: a border on each side, and a title row under the top border. */
export const paneChrome = {columns: 2, rows: 3} as const;

/** The smallest pane content worth drawing; past this the grid shows fewer panes. */
const minPaneContent = {columns: 20, rows: 3};

/** One pane's box, and the terminal size (in cells) its content gets. */
export type PaneBox = {
	/** Grid row, from 0 at the top. */
	readonly row: number;
	/** Box size, border included. */
	readonly width: number;
	readonly height: number;
	/** Content size: what the pane's pty is resized to. */
	readonly cols: number;
	readonly rows: number;
};

/** The pane grid: the first `boxes.length` panes are drawn, in reading order; `hidden` are not. */
export type PaneGrid = {
	/** Panes per full row of the grid. */
	readonly columns: number;
	readonly rows: number;
	/** Height of the whole grid (0 with no panes). */
	readonly height: number;
	readonly boxes: readonly PaneBox[];
	/** Panes that did not fit at the minimum content size. */
	readonly hidden: number;
};

/** The whole screen's layout, or why there is none. */
export type DashboardLayout =
	| {
			readonly kind: 'fits';
			/** Root box size: the terminal's width, one row less than its height. */
			readonly width: number;
			readonly height: number;
			readonly board: {readonly width: number; readonly height: number};
			readonly panes: PaneGrid;
			/** Lines of REPL output shown above the REPL line. */
			readonly replOutput: number;
	  }
	| {readonly kind: 'too-small'; readonly width: number; readonly height: number; readonly message: string};

/**
 * The grid for `count` panes: 1 → 1×1, 2 → 2×1 side by side, 3–4 → 2×2, 5–6 → 3×2, 7–9 → 3×3, …
 * (columns = ⌈√count⌉, rows = ⌈count / columns⌉).
 */
export function gridShape(count: number): {columns: number; rows: number} {
	if (count <= 0) {
		return {columns: 0, rows: 0};
	}

	const columns = Math.ceil(Math.sqrt(count));
	return {columns, rows: Math.ceil(count / columns)};
}

/** Split `total` cells into `parts` sizes differing by at most one, the larger ones first. */
export function split(total: number, parts: number): number[] {
	const base = Math.floor(total / parts);
	const extra = total - base * parts;
	return Array.from({length: parts}, (_, index) => base + (index < extra ? 1 : 0));
}

/**
 * Lay `count` panes out in `width × height` cells. When the grid for all of them would make panes
 * smaller than the minimum, the largest number that fits is shown and the rest are counted as hidden.
 * A last row with fewer panes shares the full width between them.
 */
export function paneGrid(count: number, width: number, height: number): PaneGrid {
	for (let shown = count; shown > 0; shown--) {
		const shape = gridShape(shown);
		const cellWidth = Math.floor(width / shape.columns) - paneChrome.columns;
		const cellHeight = Math.floor(height / shape.rows) - paneChrome.rows;
		if (cellWidth >= minPaneContent.columns && cellHeight >= minPaneContent.rows) {
			return {...shape, height, boxes: boxesFor(shown, shape, width, height), hidden: count - shown};
		}
	}

	return {columns: 0, rows: 0, height: 0, boxes: [], hidden: count};
}

function boxesFor(
	count: number,
	shape: {columns: number; rows: number},
	width: number,
	height: number,
): PaneBox[] {
	const heights = split(height, shape.rows);
	return heights.flatMap((boxHeight, row) => {
		const inRow = Math.min(shape.columns, count - row * shape.columns);
		return split(width, inRow).map((boxWidth) => ({
			row,
			width: boxWidth,
			height: boxHeight,
			cols: boxWidth - paneChrome.columns,
			rows: boxHeight - paneChrome.rows,
		}));
	});
}

/** How the person arranged the screen. */
export type LayoutOptions = {
	/** The board is hidden (`b`): with panes to show, they take its rows. */
	readonly boardHidden?: boolean;
	/** One pane (the focused one) fills the board's and the panes' rows (`z`). */
	readonly zoomed?: boolean;
};

/**
 * Compute the layout for a terminal of `size` showing `paneCount` panes. Zoomed, the grid is one
 * pane over the board's rows and the panes' rows; with the board hidden, the grid takes all of them.
 * Neither applies without panes: the board is what is left to show.
 */
export function computeLayout(
	size: TerminalSize,
	paneCount: number,
	options: LayoutOptions = {},
): DashboardLayout {
	const width = size.columns;
	const height = Math.max(1, size.rows - 1);
	if (size.columns < minimumSize.columns || size.rows < minimumSize.rows) {
		const message = `terminal too small (${size.columns}×${size.rows}, need ${minimumSize.columns}×${minimumSize.rows})`;
		return {kind: 'too-small', width, height, message};
	}

	// The REPL line and the status bar take one row each.
	const replOutput = Math.min(6, Math.max(3, Math.floor(height / 8)));
	const main = height - replOutput - 2;
	if (paneCount > 0 && (options.zoomed || options.boardHidden)) {
		const grid = paneGrid(options.zoomed ? 1 : paneCount, width, main);
		if (grid.boxes.length > 0) {
			// Zoomed, the other panes are not hidden for want of room: `hidden` stays 0.
			return {kind: 'fits', width, height, board: {width, height: 0}, panes: grid, replOutput};
		}
	}

	const boardShare = Math.max(8, Math.floor(main * 0.35));
	const grid = paneCount > 0 ? paneGrid(paneCount, width, main - boardShare) : paneGrid(0, width, 0);
	const boardHeight = grid.boxes.length > 0 ? main - grid.height : main;
	return {
		kind: 'fits',
		width,
		height,
		board: {width, height: boardHeight},
		panes: grid.boxes.length > 0 ? grid : {...grid, height: 0},
		replOutput,
	};
}
