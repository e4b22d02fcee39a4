/**
 * The pane grid's arithmetic: how `count` panes tile a rectangle (equal tiles, or the focused pane
 * large), each box with its absolute position. Pure; `layout.ts` places the grid on the screen and
 * re-exports everything here.
 */

/** Cells a pane's chrome takes: a border on each side, and a title row under the top border. */
export const paneChrome = {columns: 2, rows: 3} as const;

/** The smallest pane content worth drawing; past this the grid shows fewer panes. */
const minPaneContent = {columns: 20, rows: 3};

/** One pane's box, where it is, and the terminal size (in cells) its content gets. */
export type PaneBox = {
	/** Grid row, from 0 at the top. */
	readonly row: number;
	/** Absolute position of the box's top-left corner (its border), in screen cells from 0. */
	readonly x: number;
	readonly y: number;
	/** Box size, border included. */
	readonly width: number;
	readonly height: number;
	/** Content size: what the pane's pty is resized to. */
	readonly cols: number;
	readonly rows: number;
	/**
	 * Index (in the list of panes the layout was made for) of the pane this box shows. It is the box's
	 * own index except in the `focus` arrangement, whose first box holds the focused pane.
	 */
	readonly pane: number;
};

/** The pane grid: `boxes` are drawn in reading order; `hidden` panes are not. */
export type PaneGrid = {
	/** Panes per full row of the grid. */
	readonly columns: number;
	readonly rows: number;
	/** Absolute position and width of the whole grid. */
	readonly x: number;
	readonly y: number;
	readonly width: number;
	/** Height of the whole grid (0 with no panes). */
	readonly height: number;
	readonly boxes: readonly PaneBox[];
	/** Panes that did not fit at the minimum content size. */
	readonly hidden: number;
};

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

const fitsContent = (width: number, height: number) =>
	width - paneChrome.columns >= minPaneContent.columns && height - paneChrome.rows >= minPaneContent.rows;

/**
 * Lay `count` panes out in `width × height` cells whose top-left corner is `at`. When the grid for all
 * of them would make panes smaller than the minimum, the largest number that fits is shown and the rest
 * are counted as hidden. A last row with fewer panes shares the full width between them.
 */
export function paneGrid(count: number, width: number, height: number, at = {x: 0, y: 0}): PaneGrid {
	for (let shown = count; shown > 0; shown--) {
		const shape = gridShape(shown);
		if (fitsContent(Math.floor(width / shape.columns), Math.floor(height / shape.rows))) {
			const boxes = rowsOf(split(height, shape.rows), shown, shape.columns, width, at);
			return {...shape, ...at, width, height, boxes, hidden: count - shown};
		}
	}

	return {columns: 0, rows: 0, ...at, width, height: 0, boxes: [], hidden: count};
}

/** Boxes for `count` panes in rows of the given heights, at most `perRow` to a row, in pane order. */
function rowsOf(
	heights: readonly number[],
	count: number,
	perRow: number,
	width: number,
	at: {x: number; y: number},
): PaneBox[] {
	let y = at.y;
	return heights.flatMap((boxHeight, row) => {
		const first = row * perRow;
		const inRow = Math.min(perRow, count - first);
		let x = at.x;
		const boxes = split(width, inRow).map((boxWidth, column) => {
			const box = {row, x, y, width: boxWidth, height: boxHeight, pane: first + column};
			x += boxWidth;
			return {...box, cols: boxWidth - paneChrome.columns, rows: boxHeight - paneChrome.rows};
		});
		y += boxHeight;
		return boxes;
	});
}

/**
 * The `focus` arrangement: the focused pane on a row of its own taking about 60 % of the height, the
 * others side by side under it (as many as fit). Falls back to the plain grid when the others would
 * get no room at all.
 */
export function focusGrid(
	count: number,
	focused: number,
	width: number,
	height: number,
	at = {x: 0, y: 0},
): PaneGrid {
	const focus = Math.min(Math.max(0, focused), count - 1);
	const top = Math.ceil(height * 0.6);
	const others = count - 1;
	let shown = others;
	while (shown > 0 && !fitsContent(Math.floor(width / shown), height - top)) {
		shown--;
	}

	if (count < 2 || shown === 0 || !fitsContent(width, top)) {
		return paneGrid(count, width, height, at);
	}

	// The panes after the focused one come first below it, so the next few stay in view.
	const order = Array.from({length: others}, (_, index) => (focus + 1 + index) % count);
	const big: PaneBox = {
		row: 0,
		x: at.x,
		y: at.y,
		width,
		height: top,
		cols: width - paneChrome.columns,
		rows: top - paneChrome.rows,
		pane: focus,
	};
	const lower = rowsOf([height - top], shown, shown, width, {x: at.x, y: at.y + top}).map((box, index) => ({
		...box,
		row: 1,
		pane: order[index]!,
	}));
	return {columns: shown, rows: 2, ...at, width, height, boxes: [big, ...lower], hidden: others - shown};
}
