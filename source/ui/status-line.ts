/**
 * The status bar's content as coloured segments that fit one line exactly: it must never wrap, or the
 * whole layout moves down a row. Pure, so the fitting rules are tested without rendering.
 */
import stringWidth from 'string-width';
import {jobStatuses, type JobStatus} from '../core/index.js';
import {sanitize, shortenPath, truncate} from './format.js';
import type {StoreWarning} from './ports.js';
import {activityStyle, statusLabel, theme} from './theme.js';

/** A run of text in one colour. */
export type Segment = {
	readonly text: string;
	readonly color?: string;
	readonly bold?: boolean;
	readonly inverse?: boolean;
	readonly dim?: boolean;
};

/** What the status bar shows. */
export type StatusInput = {
	readonly counts: Readonly<Record<JobStatus, number>>;
	/** Jobs in flight, against the concurrency limit. */
	readonly active: number;
	readonly limit: number;
	readonly home: string;
	readonly notice?: string;
	readonly warning?: StoreWarning;
	readonly error?: string;
	/** Panes that did not fit on screen. */
	readonly hiddenPanes: number;
	/** Runs waiting for a person's input. */
	readonly waiting?: number;
	/** Insert mode is on: the title of the job whose agent gets the keys. */
	readonly inserting?: string;
	/** The quit question is open: it replaces everything else. */
	readonly confirmingQuit: boolean;
};

const separator = ' │ ';
const help = '? help';

/** The quit question, e.g. `2 runs active — quit and stop them? (y/n)`. */
export function quitQuestion(active: number): string {
	return `${active} ${active === 1 ? 'run' : 'runs'} active — quit and stop them? (y/n)`;
}

/** What the status bar says after `-- INSERT --`. */
export function insertText(title: string): string {
	return ` ${sanitize(title)} (Esc Esc or Ctrl-] to leave)`;
}

function warningText(warning: StoreWarning): string {
	const file = warning.file.split(/[/\\]/).at(-1) ?? warning.file;
	return `! ${file}:${warning.line} ${sanitize(warning.message)}`;
}

function widthOf(segments: readonly Segment[]): number {
	return segments.reduce((sum, segment) => sum + stringWidth(segment.text), 0);
}

/** `in 1 plan 0 rdy 2 …`; `compact` leaves out empty columns. */
function countsText(counts: Readonly<Record<JobStatus, number>>, compact: boolean): string {
	const shown = jobStatuses.filter((status) => !compact || counts[status] > 0);
	return shown.length === 0
		? 'no jobs'
		: shown.map((status) => `${statusLabel[status]} ${counts[status]}`).join(' ');
}

/** Cut `segments` to `width` cells in total, dropping or cutting from the end. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
	const result: Segment[] = [];
	let left = width;
	for (const segment of segments) {
		const cells = stringWidth(segment.text);
		if (cells <= left) {
			result.push(segment);
			left -= cells;
			continue;
		}

		if (left > 0) {
			result.push({...segment, text: truncate(segment.text, left)});
		}

		break;
	}

	return result;
}

/**
 * Segments for a bar `width` cells wide: the left part (counts, runs, problems, notice, home) cut to
 * fit, then padding, then `? help` at the right edge. The home path is shortened before anything
 * else is cut; the store's error comes before the notice, so it is the last thing to go.
 */
export function statusSegments(input: StatusInput, width: number): Segment[] {
	const room = Math.max(0, width - help.length - 1);
	let left: Segment[];
	if (input.confirmingQuit) {
		left = [{text: quitQuestion(input.active), color: theme.warning, bold: true}];
	} else {
		const insert: Segment[] =
			input.inserting === undefined
				? []
				: [
						{text: '-- INSERT --', color: theme.insert, bold: true, inverse: true},
						{text: insertText(input.inserting), color: theme.insert, bold: true},
						{text: separator},
					];
		left = [
			...insert,
			{text: countsText(input.counts, false)},
			{text: `${separator}runs ${input.active}/${input.limit}`},
		];
		if (input.waiting) {
			const text = `${activityStyle.waiting.glyph} ${input.waiting} waiting`;
			left.push({text: separator}, {text, color: theme.waiting, bold: true});
		}

		if (input.hiddenPanes > 0) {
			left.push({text: `${separator}+${input.hiddenPanes} panes`, color: theme.muted});
		}

		if (input.error !== undefined) {
			left.push({text: `${separator}error: ${sanitize(input.error)}`, color: theme.error, bold: true});
		} else if (input.warning) {
			left.push({text: separator + warningText(input.warning), color: theme.warning});
		}

		if (input.notice) {
			left.push({text: separator + sanitize(input.notice), color: theme.notice});
		}

		// Short of room for a problem or the notice, the counts drop their zeros.
		if (left.length > insert.length + 2 && widthOf(left) > room) {
			left[insert.length] = {text: countsText(input.counts, true)};
		}

		const used = widthOf(left);
		const pathRoom = room - used - separator.length;
		if (pathRoom >= 8) {
			left.push({text: separator + shortenPath(input.home, pathRoom), color: theme.muted});
		}
	}

	const fitted = fitSegments(left, room);
	const used = widthOf(fitted);
	return [
		...fitted,
		{text: ' '.repeat(Math.max(0, width - used - help.length))},
		{text: help, color: theme.muted},
	];
}
