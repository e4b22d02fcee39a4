/**
 * Finding text in an emulator buffer, in cells: a match is found in a line's text, then placed on the
 * cells that hold it, so highlights land on the right columns even after wide characters (which take
 * two cells and leave an empty placeholder). Pure functions over xterm's buffer API.
 */
import type {IBuffer, IBufferCell, IBufferLine} from '@xterm/headless';

/** A match: buffer line (absolute, 0 = oldest kept), first cell, and cells it covers. */
export type BufferMatch = {readonly line: number; readonly start: number; readonly end: number};

/** Cells of one row to highlight: `[start, end)`, the current match drawn differently. */
export type RowMark = {readonly start: number; readonly end: number; readonly current: boolean};

/** A compiled query: smart case (a capital letter makes it case-sensitive), as less and vim do. */
export type Needle = {readonly text: string; readonly caseSensitive: boolean};

/** The needle for `query`. */
export function needleOf(query: string): Needle {
	const caseSensitive = query !== query.toLowerCase();
	return {text: caseSensitive ? query : query.toLowerCase(), caseSensitive};
}

function fold(text: string, needle: Needle): string {
	if (needle.caseSensitive) {
		return text;
	}

	// Lower-casing may change a string's length (`İ`); then offsets would not map back to cells.
	const lower = text.toLowerCase();
	return lower.length === text.length ? lower : text;
}

/**
 * The matches of `needle` in one line, as cell ranges. `cell` is a reusable cell object. The line's
 * text is built cell by cell, remembering the cell of every UTF-16 unit.
 */
export function lineMatches(
	line: IBufferLine,
	cols: number,
	needle: Needle,
	cell: IBufferCell,
): Array<{start: number; end: number}> {
	if (needle.text === '' || !fold(line.translateToString(true), needle).includes(needle.text)) {
		return [];
	}

	let text = '';
	const starts: number[] = [];
	const ends: number[] = [];
	for (let x = 0; x < Math.min(cols, line.length); x++) {
		line.getCell(x, cell);
		const width = cell.getWidth();
		if (width === 0) {
			continue;
		}

		const chars = cell.getChars() || ' ';
		for (let unit = 0; unit < chars.length; unit++) {
			starts.push(x);
			ends.push(x + width);
		}

		text += chars;
	}

	const haystack = fold(text, needle);
	const found: Array<{start: number; end: number}> = [];
	for (
		let at = haystack.indexOf(needle.text);
		at !== -1;
		at = haystack.indexOf(needle.text, at + needle.text.length)
	) {
		found.push({start: starts[at]!, end: ends[at + needle.text.length - 1]!});
	}

	return found;
}

/** Every match of `needle` in `buffer`, oldest line first. */
export function bufferMatches(buffer: IBuffer, cols: number, needle: Needle): BufferMatch[] {
	const cell = buffer.getNullCell();
	const matches: BufferMatch[] = [];
	for (let y = 0; y < buffer.length; y++) {
		const line = buffer.getLine(y);
		if (line) {
			for (const range of lineMatches(line, cols, needle, cell)) {
				matches.push({line: y, ...range});
			}
		}
	}

	return matches;
}

/** Orders matches by position in the buffer. */
export function compareMatches(a: BufferMatch, b: BufferMatch): number {
	return a.line - b.line || a.start - b.start;
}

/**
 * The match after (`direction` 1) or before (-1) `from` in `matches` (sorted), wrapping around; the
 * newest one when there is no `from`.
 */
export function stepMatch(
	matches: readonly BufferMatch[],
	from: BufferMatch | undefined,
	direction: 1 | -1,
): number {
	if (matches.length === 0) {
		return -1;
	}

	if (from === undefined) {
		return matches.length - 1;
	}

	if (direction === 1) {
		const next = matches.findIndex((match) => compareMatches(match, from) > 0);
		return next === -1 ? 0 : next;
	}

	const previous = matches.findLastIndex((match) => compareMatches(match, from) < 0);
	return previous === -1 ? matches.length - 1 : previous;
}
