/**
 * The focused input line as text: the part that fits, split around the cursor, and (for the pane
 * surface, which draws the line outside Ink) as one styled row, as Ink would draw it.
 */
import stringWidth from 'string-width';
import {sanitize} from '../format.js';
import type {SurfaceContent} from '../surface/pane-surface.js';
import type {EditLine} from './line-editor.js';
import type {LineSource} from './repl-store.js';

/**
 * The part of the line that fits `room` cells with the cursor in view (a long line scrolls left as
 * the cursor moves right), split around the cursor cell.
 */
export function visiblePart(line: EditLine, room: number): {before: string; at: string; after: string} {
	const chars = [...sanitize(line.text)];
	const cursor = Math.min(line.cursor, chars.length);
	const start = Math.max(0, cursor - Math.max(1, room - 1));
	const shown = chars.slice(start, start + room);
	const at = cursor - start;
	return {before: shown.slice(0, at).join(''), at: shown[at] ?? ' ', after: shown.slice(at + 1).join('')};
}

const inverseOn = '\u001B[7m';
const inverseOff = '\u001B[27m';
const reset = '\u001B[0m';
const segmenter = new Intl.Segmenter();

/**
 * The focused line in `cols` cells: its visible part with the cursor cell in reverse video, padded
 * with blanks and ending in `ESC[0m`, the way Ink draws `<Text wrap="truncate-end">` there (a part
 * wider than `cols`, which wide glyphs can make, is cut to `cols - 1` cells and `…`).
 */
export function lineRow(line: EditLine, cols: number): string {
	const part = visiblePart(line, cols);
	const pieces: Array<[text: string, inverse: boolean]> = [
		[part.before, false],
		[part.at, true],
		[part.after, false],
	];
	const total = pieces.reduce((sum, [text]) => sum + stringWidth(text), 0);
	const room = total > cols ? cols - 1 : cols;
	let row = '';
	let used = 0;
	for (const [text, inverse] of pieces) {
		let kept = '';
		for (const {segment} of segmenter.segment(text)) {
			const width = stringWidth(segment);
			if (used + width > room) {
				break;
			}

			kept += segment;
			used += width;
		}

		row += inverse && kept !== '' ? inverseOn + kept + inverseOff : kept;
	}

	if (total > cols) {
		row += '…';
		used++;
	}

	return row + ' '.repeat(Math.max(0, cols - used)) + reset;
}

/**
 * The line from `source` as the surface's content for a slot `cols` cells wide: one row, rebuilt
 * (and the version bumped) whenever the line changed since it was last read.
 */
export function lineContent(source: LineSource, cols: number): SurfaceContent {
	let line: EditLine | undefined;
	let rows: readonly string[] = [];
	let version = 0;
	const refresh = () => {
		const now = source.get();
		if (now !== line) {
			line = now;
			rows = [lineRow(now, cols)];
			version++;
		}
	};

	return {
		get version() {
			refresh();
			return version;
		},
		cols,
		getRows() {
			refresh();
			return rows;
		},
	};
}
