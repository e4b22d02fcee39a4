/**
 * Where everything goes, from the terminal's size and the number of panes. Pure, so the arithmetic is
 * unit-tested; the views and the mouse's hit-testing only read the numbers.
 *
 * Top to bottom: the main area (the board and the pane grid), the REPL's output, the REPL line, the
 * status bar. In the main area the board sits above the pane grid (`stacked`), or, on terminals at
 * least {@link sideBySideMinColumns} wide, on the left with the grid on its right, both full height
 * (`side`). The root is one row shorter than the terminal because Ink 6 clears and redraws the whole
 * screen on every frame that is as tall as the terminal (vadimdemedes/ink#450).
 *
 * Positions (`x`, `y`) are absolute: 0-based screen cells from the top-left corner of the terminal,
 * where the root box is drawn. A mouse report is 1-based: subtract one from each coordinate.
 */

import {focusGrid, paneGrid, type PaneGrid} from './layout-grid.js';

/** A terminal size in cells. */
export type TerminalSize = {readonly columns: number; readonly rows: number};

/** A rectangle of screen cells: its top-left corner (0-based, absolute) and its size. */
export type Rect = {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
};

/** Below this the dashboard shows only a message: the board's seven columns need 80 cells. */
export const minimumSize: TerminalSize = {columns: 80, rows: 24};

/**
 * From this width `auto` puts the board beside the panes: at 200 columns a board of ~84 cells (seven
 * 11-cell columns) still leaves the grid 115 cells, two panes of ~55 columns side by side, which is
 * what agent CLIs need to stay readable. Narrower, the stacked layout gives both more room.
 */
export const sideBySideMinColumns = 200;

/** Share of the width the board takes beside the panes, and the narrowest it gets (seven 11-cell columns). */
const sideBoard = {share: 0.42, minWidth: 7 * 11 + 6} as const;

/** How the board and the panes share the main area: the setting `ui.layout`. */
export type LayoutSetting = 'auto' | 'stacked' | 'side';

/** How the panes share the grid: the setting `ui.panes`. */
export type PaneArrangement = 'grid' | 'focus';

/** The screen's settings from `config.yml`'s `ui:`, as the dashboard gets them. */
export type ScreenSettings = {
	/** Board beside or above the panes (default `auto`). */
	readonly layout?: LayoutSetting;
	/** How the panes share the grid (default `grid`). */
	readonly panes?: PaneArrangement;
	/** Mouse reporting: clicks and the wheel (default on). */
	readonly mouse?: boolean;
};

export {
	focusGrid,
	gridShape,
	paneChrome,
	paneGrid,
	split,
	type PaneBox,
	type PaneGrid,
} from './layout-grid.js';

/** The whole screen's layout, or why there is none. */
export type DashboardLayout =
	| {
			readonly kind: 'fits';
			/** Root box size: the terminal's width, one row less than its height. */
			readonly width: number;
			readonly height: number;
			/** `side`: the board on the left, the grid on its right; `stacked`: the board above the grid. */
			readonly arrangement: 'stacked' | 'side';
			/** The main area: the board and the grid, or the view drawn in their place (help, detail, stats). */
			readonly main: Rect;
			/** Where the board is (height 0 when hidden or zoomed away). */
			readonly board: Rect;
			readonly panes: PaneGrid;
			/** Lines of REPL output shown above the REPL line. */
			readonly replOutput: number;
	  }
	| {readonly kind: 'too-small'; readonly width: number; readonly height: number; readonly message: string};

/** How the person arranged the screen. */
export type LayoutOptions = {
	/** The board is hidden (`b`): with panes to show, they take its rows. */
	readonly boardHidden?: boolean;
	/** One pane (the focused one) fills the board's and the panes' rows (`z`). */
	readonly zoomed?: boolean;
	/** Board beside or above the panes (default `auto`: beside from {@link sideBySideMinColumns}). */
	readonly layout?: LayoutSetting;
	/** `focus`: the pane at `focused` gets the larger share of the grid (default `grid`). */
	readonly paneArrangement?: PaneArrangement;
	/** Index of the focused pane, for the `focus` arrangement. */
	readonly focused?: number;
};

/** Whether the board goes beside the panes at this width. */
export function resolveArrangement(setting: LayoutSetting | undefined, columns: number): 'stacked' | 'side' {
	if (setting === 'stacked' || setting === 'side') {
		return setting;
	}

	return columns >= sideBySideMinColumns ? 'side' : 'stacked';
}

/** The board's width beside the panes in a root `width` cells wide (one more cell is the gap). */
export function sideBoardWidth(width: number): number {
	return Math.max(sideBoard.minWidth, Math.floor(width * sideBoard.share));
}

/**
 * Compute the layout for a terminal of `size` showing `paneCount` panes. Zoomed, the grid is one
 * pane over the whole main area; with the board hidden, the grid takes all of it. Neither applies
 * without panes: the board is what is left to show. Side by side, the board keeps its column and
 * the grid gets the rest, full height; when no pane fits there, the layout is stacked.
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
	const main: Rect = {x: 0, y: 0, width, height: height - replOutput - 2};
	const grid = (count: number, area: Rect) =>
		options.paneArrangement === 'focus'
			? focusGrid(count, options.focused ?? 0, area.width, area.height, area)
			: paneGrid(count, area.width, area.height, area);
	const fits = (arrangement: 'stacked' | 'side', board: Rect, panes: PaneGrid): DashboardLayout => ({
		kind: 'fits',
		width,
		height,
		arrangement,
		main,
		board,
		panes,
		replOutput,
	});
	const noBoard: Rect = {x: 0, y: 0, width, height: 0};
	if (paneCount > 0 && (options.zoomed || options.boardHidden)) {
		const panes = options.zoomed ? paneGrid(1, width, main.height) : grid(paneCount, main);
		if (panes.boxes.length > 0) {
			// Zoomed, the other panes are not hidden for want of room: `hidden` stays 0.
			return fits(resolveArrangement(options.layout, width), noBoard, panes);
		}
	}

	if (paneCount > 0 && resolveArrangement(options.layout, width) === 'side') {
		const boardWidth = sideBoardWidth(width);
		const panes = grid(paneCount, {
			x: boardWidth + 1,
			y: 0,
			width: width - boardWidth - 1,
			height: main.height,
		});
		if (panes.boxes.length > 0) {
			return fits('side', {x: 0, y: 0, width: boardWidth, height: main.height}, panes);
		}
	}

	const boardShare = Math.max(8, Math.floor(main.height * 0.35));
	const panes = grid(paneCount, {x: 0, y: 0, width, height: main.height - boardShare});
	const boardHeight = panes.boxes.length > 0 ? main.height - panes.height : main.height;
	const below = {x: 0, y: boardHeight, width, height: main.height - boardHeight};
	return fits(
		'stacked',
		{x: 0, y: 0, width, height: boardHeight},
		panes.boxes.length > 0 ? grid(paneCount, below) : {...panes, height: 0},
	);
}
