/**
 * Turns one emulator line into a pane row: exactly `cols` cells wide, by the emulator's cell count and
 * by `string-width` alike, carrying its own SGR codes and ending in `ESC[0m` (PITFALLS.md: the Ink
 * row-string advice and "Two width tables meet in a pane").
 */
import type {IBufferCell, IBufferLine} from '@xterm/headless';
import stringWidth from 'string-width';
import type {RowMark} from './buffer-search.js';
import {defaultStyleKey, readStyle, sgrFor, sgrReset} from './sgr.js';

/** A search match: black on yellow. */
export const matchSgr = '\u001B[0;30;43m';
/** The current search match: black on bright cyan, bold. */
export const currentMatchSgr = '\u001B[0;1;30;106m';

// Stands in for a glyph that cannot be shown in its cells (too wide, or a control character).
const replacement = '\uFFFD';
// C0, DEL and C1 (`\p{Cc}`).
const controlCharacters = /\p{Cc}/u;

// Grapheme widths by `string-width`; bounded, cleared when full, since agents print few distinct ones.
const widthCache = new Map<string, number>();
const widthCacheLimit = 4096;

function graphemeWidth(text: string): number {
	let width = widthCache.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (widthCache.size >= widthCacheLimit) {
			widthCache.clear();
		}

		widthCache.set(text, width);
	}

	return width;
}

function isSimple(code: number): boolean {
	// Printable ASCII and Latin-1/Latin Extended letters: one cell in every width table.
	return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code < 0x3_00);
}

/**
 * Text for a cell that must take exactly `span` columns: the cell's characters when `string-width`
 * agrees, padded with spaces when it measures them narrower, and without VS16 (or as U+FFFD) when it
 * measures them wider. Control characters never reach the output: they would reach the real terminal.
 */
export function fitCell(chars: string, span: number): string {
	if (chars.length === 1 && isSimple(chars.charCodeAt(0))) {
		return span === 1 ? chars : chars + ' ';
	}

	if (chars === '') {
		return ' '.repeat(span);
	}

	let text = controlCharacters.test(chars) ? replacement : chars;
	let width = graphemeWidth(text);
	if (width > span) {
		text = text.replaceAll('\uFE0F', '');
		width = graphemeWidth(text);
		if (width > span) {
			text = replacement;
			width = 1;
		}
	}

	if (width === 0) {
		// A lone combining mark would attach to the previous cell's text in the row string.
		return ' '.repeat(span);
	}

	return width < span ? text + ' '.repeat(span - width) : text;
}

function markAt(marks: readonly RowMark[] | undefined, x: number): RowMark | undefined {
	return marks?.find((mark) => x >= mark.start && x < mark.end);
}

/**
 * Builds the row string for `line` (or a blank row when it is missing), `cols` cells wide.
 * `cell` is a reusable cell object (`line.getCell(0)`), to avoid one allocation per cell. Cells in
 * `marks` (search matches) are drawn in the match colours instead of their own.
 */
export function buildRow(
	line: IBufferLine | undefined,
	cols: number,
	cell: IBufferCell | undefined,
	marks?: readonly RowMark[],
): string {
	if (line === undefined || cell === undefined) {
		return ' '.repeat(cols) + sgrReset;
	}

	const style = defaultStyleKey();
	let row = '';
	let previousWide = false;
	let marked: RowMark | undefined;
	for (let x = 0; x < cols; x++) {
		line.getCell(x, cell);
		const width = cell.getWidth();
		// The zero-width placeholder after a wide character: the wide character already covers it.
		if (width === 0 && previousWide) {
			previousWide = false;
			continue;
		}

		const span = width === 2 && x + 1 < cols ? 2 : 1;
		previousWide = span === 2;
		const mark = markAt(marks, x);
		if (mark) {
			if (mark !== marked) {
				row += mark.current ? currentMatchSgr : matchSgr;
			}

			// Unknown: the cell after the mark re-emits its own style.
			style.fg = -1;
		} else if (readStyle(cell, style)) {
			row += sgrFor(cell, style);
		}

		marked = mark;
		row += fitCell(cell.getChars(), span);
	}

	return row + sgrReset;
}
