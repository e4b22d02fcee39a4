/**
 * Text helpers shared by the views: cutting and padding to a cell width, making untrusted text safe to
 * draw, and the elapsed clock's format. Pure functions; widths are terminal cells as `string-width`
 * counts them (the measure Ink uses), not string lengths.
 */
import stringWidth from 'string-width';
import {glyph} from './theme.js';

const segmenter = new Intl.Segmenter();

/**
 * Cut `text` to at most `width` cells, ending in `…` when something was cut. Cuts between graphemes,
 * so a wide character is never split in half.
 */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (stringWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const {segment} of segmenter.segment(text)) {
		const cells = stringWidth(segment);
		if (used + cells > width - 1) {
			break;
		}

		result += segment;
		used += cells;
	}

	return result + glyph.ellipsis;
}

/** Cut or pad `text` with spaces to exactly `width` cells, so an inverse highlight is a full block. */
export function fit(text: string, width: number): string {
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Keep at most `width` cells of a path, dropping its start (the end names the project). */
export function shortenPath(path: string, width: number): string {
	if (stringWidth(path) <= width) {
		return path;
	}

	if (width <= 1) {
		return width === 1 ? glyph.ellipsis : '';
	}

	const graphemes = [...segmenter.segment(path)].map(({segment}) => segment);
	let tail = '';
	let used = 0;
	for (let index = graphemes.length - 1; index >= 0; index--) {
		const segment = graphemes[index]!;
		const cells = stringWidth(segment);
		if (used + cells > width - 1) {
			break;
		}

		tail = segment + tail;
		used += cells;
	}

	return glyph.ellipsis + tail;
}

// C0 controls but tab, DEL, and C1 controls: anything that could move the cursor or start a sequence.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const sgr = /\u001B\[[0-9;:]*m/g;
// eslint-disable-next-line no-control-regex
const anyEscape = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-Z\\-_])/g;

/**
 * Make one line of untrusted text (a job title, a reason, a command's output) safe to draw: escape
 * sequences are removed (SGR colours kept when `keepColours`), other control characters become `�`
 * and tabs become spaces. A title holding `ESC[2J` must not clear the user's screen.
 */
export function sanitize(text: string, keepColours = false): string {
	const kept: string[] = [];
	// NUL marks where a kept SGR goes back, so NULs of the input are replaced first.
	const placeholder = '\u0000';
	const input = text.replaceAll(placeholder, '\uFFFD');
	const withoutEscapes = keepColours
		? input.replace(sgr, (match) => {
				kept.push(match);
				return placeholder;
			})
		: input;
	let index = 0;
	return withoutEscapes
		.replace(anyEscape, '')
		.replaceAll('\t', '    ')
		.replace(controls, (match) => (match === placeholder ? (kept[index++] ?? '') : '\uFFFD'));
}

/** `mm:ss` for a duration in milliseconds (minutes keep counting past 59); negative counts as 0. */
export function formatElapsed(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	const minutes = Math.floor(seconds / 60);
	return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `HH:MM` of an ISO time in the local time zone, or `undefined` when it does not parse. */
export function formatClock(iso: string): string | undefined {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return undefined;
	}

	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * Join `parts` with spaces, keeping as many whole parts (in order) as fit `width` cells; the first is
 * cut to fit when even it alone does not.
 */
export function fitParts(parts: readonly string[], width: number): string {
	let line = '';
	for (const part of parts) {
		const next = line === '' ? part : `${line} ${part}`;
		if (stringWidth(next) > width) {
			return line === '' ? truncate(part, width) : line;
		}

		line = next;
	}

	return line;
}
