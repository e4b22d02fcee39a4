/**
 * The pure half of the pane surface: turn a pane's rows into the escape sequences that draw them at
 * an absolute place on the screen, writing only the rows that differ from what was painted there
 * last. Terminal multiplexers (tmux, mprocs) redraw their panes the same way.
 */
import stringWidth from 'string-width';

/** `ESC[0m`: every row ends with it, and a paint starts with it (the rows assume the default style). */
export const sgrReset = '\u001B[0m';
/** DECSC / DECRC: save and restore the cursor (and its style), so Ink's relative moves stay right. */
export const saveCursor = '\u001B7';
export const restoreCursor = '\u001B8';
/** Synchronized output (mode 2026): the terminal shows the paint at once, never half of it. */
export const beginSync = '\u001B[?2026h';
export const endSync = '\u001B[?2026l';

/** A pane's interior on the screen: 0-based cells from the top-left corner of the terminal. */
export type SurfaceRect = {
	readonly x: number;
	readonly y: number;
	readonly cols: number;
	readonly rows: number;
};

/** What one pane's paint produced. */
export type RowsPaint = {
	/** Cursor moves and rows to write (empty when nothing changed). */
	readonly escape: string;
	/** The rows now on screen, by interior row; `undefined` for rows not painted (covered). */
	readonly painted: ReadonlyArray<string | undefined>;
};

/** `CUP`: move the cursor to 0-based `x`, `y`. */
export function cursorTo(x: number, y: number): string {
	return `\u001B[${y + 1};${x + 1}H`;
}

// eslint-disable-next-line no-control-regex
const sgrSequence = /\u001B\[[0-9;:]*m/y;
const segmenter = new Intl.Segmenter();

/**
 * Cut or pad a pane row (SGR codes, cells, a final `ESC[0m`) to exactly `cols` cells. Rows come
 * `screen.cols` wide, which differs from the interior only until the pane's debounced resize lands.
 * A wide glyph that would straddle the cut becomes a space.
 */
export function fitRow(row: string, cols: number, width: number): string {
	if (width === cols) {
		return row;
	}

	if (width < cols) {
		return row + ' '.repeat(cols - width);
	}

	let out = '';
	let used = 0;
	let index = 0;
	while (index < row.length && used < cols) {
		sgrSequence.lastIndex = index;
		const sgr = sgrSequence.exec(row);
		if (sgr) {
			out += sgr[0];
			index += sgr[0].length;
			continue;
		}

		const next = row.indexOf('\u001B', index);
		const text = row.slice(index, next === -1 ? row.length : next);
		for (const {segment} of segmenter.segment(text)) {
			const cells = stringWidth(segment);
			if (used + cells > cols) {
				out += ' '.repeat(cols - used);
				used = cols;
				break;
			}

			out += segment;
			used += cells;
		}

		index += text.length;
		if (text.length === 0) {
			// A lone ESC that starts no SGR: rows never hold one, but never loop on it.
			index++;
		}
	}

	return out + sgrReset;
}

/**
 * The escape sequences that bring the pane interior at `rect` from `previous` (what was painted
 * there, or `undefined` when nothing is known, e.g. after an Ink frame blanked it) to `next`.
 *
 * Each changed row is one cursor move and the row's own styled text, which ends in `ESC[0m`; rows
 * missing from `next` are drawn blank. Rows for which `covered(row)` is true are left alone (something
 * drawn by Ink lies over them) and recorded as unknown, so they are drawn once uncovered.
 *
 * @param width the cell width of the rows in `next` (the screen's `cols`).
 */
export function paintRows(
	previous: ReadonlyArray<string | undefined> | undefined,
	next: readonly string[],
	rect: SurfaceRect,
	width: number,
	covered: (row: number) => boolean = () => false,
): RowsPaint {
	let escape = '';
	const painted: Array<string | undefined> = [];
	const blank = ' '.repeat(rect.cols) + sgrReset;
	for (let row = 0; row < rect.rows; row++) {
		if (covered(row)) {
			painted.push(undefined);
			continue;
		}

		const source = next[row];
		const line = source === undefined ? blank : fitRow(source, rect.cols, width);
		painted.push(line);
		if (previous?.[row] !== line) {
			escape += cursorTo(rect.x, rect.y + row) + line;
		}
	}

	return {escape, painted};
}

/**
 * Wrap a paint for writing on its own: synchronized, the cursor saved and restored around it (Ink
 * erases its last frame with moves relative to where it left the cursor), the style reset first.
 */
export function paintBlock(body: string): string {
	return body === '' ? '' : beginSync + saveCursor + sgrReset + body + restoreCursor + endSync;
}
