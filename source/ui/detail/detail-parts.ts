/** The detail view's building blocks: a line's shape, its indent, headings, times and wrapped text. */
import wrapAnsi from 'wrap-ansi';
import type {JobStatus} from '../../core/index.js';
import {sanitize} from '../format.js';
import type {Segment} from '../status-line.js';
import {theme} from '../theme.js';

/** One line of the detail view: segments drawn side by side. */
export type DetailLine = readonly Segment[];

/** What a section's lines start with. */
export const indent = '  ';

/**
 * Colour of a status word, where it means something (else `undefined`). Read at call time: the palette
 * is chosen at start, after this module may have loaded.
 */
export function statusColor(status: JobStatus): string | undefined {
	switch (status) {
		case 'done': {
			return theme.ok;
		}

		case 'blocked': {
			return theme.error;
		}

		case 'in_flight': {
			return theme.focus;
		}

		case 'review': {
			return theme.warning;
		}

		default: {
			return undefined;
		}
	}
}

/** A line of one colour. */
export function plain(text: string, color?: string): DetailLine {
	return [{text, color}];
}

/** A blank line, then the section's title. */
export function heading(text: string): DetailLine[] {
	return [[], [{text, color: theme.focus, bold: true}]];
}

/** `2026-11-25 10:03:07` in local time, or the text as given when it does not parse. */
export function formatTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return iso;
	}

	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Untrusted text wrapped to `width` cells after the indent, one line per wrapped row. */
export function wrapped(text: string, width: number, color?: string): DetailLine[] {
	const room = Math.max(10, width - indent.length);
	return text
		.split(/\r?\n/)
		.flatMap((paragraph) => wrapAnsi(sanitize(paragraph), room, {hard: true, trim: false}).split('\n'))
		.map((line) => plain(indent + line, color));
}
