/**
 * The status bar's content as coloured segments that fit one line exactly: it must never wrap, or the
 * whole layout moves down a row. Pure, so the fitting rules are tested without rendering.
 *
 * The line is made of items in order of importance. When they do not fit, the counts first drop their
 * empty columns; then items are kept in order while they fit, and the first that does not is cut to
 * the room left (given at least a few cells; otherwise it is left out and smaller ones after it may
 * still fit). The home path takes whatever room is left.
 */
import stringWidth from 'string-width';
import {jobStatuses, type JobStatus} from '../core/index.js';
import {sanitize, shortenPath, truncate} from './format.js';
import type {StoreWarning} from './ports.js';
import {meterText, type BudgetMeter} from './status/budget-meter.js';
import {activityStyle, statusColor, statusLabel, theme} from './theme.js';
import type {Toast} from './toast/toast-queue.js';

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
	/** The toast being shown: it takes the notice's place while it lasts. */
	readonly toast?: Toast;
	/** Errors the person has not read yet (the REPL's `errors` reads them). */
	readonly unreadErrors?: number;
	/** The board's budget, one meter per configured limit, most used first. */
	readonly budget?: readonly BudgetMeter[];
	/** Quiet hours: `quiet until 07:00` (inside) or `quiet from 22:00` (soon). */
	readonly quiet?: {readonly text: string; readonly inside: boolean};
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

/** `in 1 plan 0 rdy 2 …`, each column in its colour and empty ones muted; `compact` leaves them out. */
function countSegments(counts: Readonly<Record<JobStatus, number>>, compact: boolean): Segment[] {
	const shown = jobStatuses.filter((status) => !compact || counts[status] > 0);
	if (shown.length === 0) {
		return [{text: 'no jobs'}];
	}

	return shown.map((status, index) => ({
		text: `${index === 0 ? '' : ' '}${statusLabel[status]} ${counts[status]}`,
		color: counts[status] > 0 ? statusColor[status] : theme.muted,
	}));
}

const toastColor = {ok: 'ok', warning: 'warning', error: 'error', waiting: 'waiting'} as const;

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
 * A part of the line. Rank 0 (insert mode) and 1 (the counts) are always shown, cut if need be;
 * `cut` items (free text) may be shown cut; the others (numbers, bars, times) whole or not at all.
 * Every item but the first starts with the separator.
 */
type Item = {readonly rank: number; readonly cut: boolean; segments: Segment[]};

/** The items of the normal line, in display order. */
function items(input: StatusInput): Item[] {
	const list: Item[] = [];
	const add = (rank: number, cut: boolean, ...segments: Segment[]) => {
		list.push({rank, cut, segments: list.length === 0 ? segments : [{text: separator}, ...segments]});
	};

	if (input.inserting !== undefined) {
		add(
			0,
			true,
			{text: '-- INSERT --', color: theme.insert, bold: true, inverse: true},
			{text: insertText(input.inserting), color: theme.insert, bold: true},
		);
	}

	add(1, true, ...countSegments(input.counts, false));
	add(2, false, {text: `runs ${input.active}/${input.limit}`});
	if (input.waiting) {
		add(3, false, {
			text: `${activityStyle.waiting.glyph} ${input.waiting} waiting`,
			color: theme.waiting,
			bold: true,
		});
	}

	if (input.error !== undefined) {
		add(4, true, {text: `error: ${sanitize(input.error)}`, color: theme.error, bold: true});
	}

	if (input.toast) {
		const {text, tone} = input.toast;
		add(5, true, {text: sanitize(text), color: theme[toastColor[tone]], bold: tone !== 'ok'});
	}

	if (input.unreadErrors) {
		const count = input.unreadErrors;
		add(6, false, {text: `! ${count} ${count === 1 ? 'error' : 'errors'}`, color: theme.error, bold: true});
	}

	// The most used limit first; the quiet hours before the others, which say less.
	const [first, ...others] = (input.budget ?? []).map((meter): Segment => {
		const color =
			meter.level === 'exhausted' ? theme.error : meter.level === 'warn' ? theme.warning : undefined;
		return {text: meterText(meter), color, bold: meter.level !== 'ok'};
	});
	if (first) {
		add(7, false, first);
	}

	if (input.quiet) {
		add(8, false, {text: input.quiet.text, color: input.quiet.inside ? theme.quiet : theme.muted});
	}

	for (const meter of others) {
		add(9, false, meter);
	}

	if (input.warning && input.error === undefined) {
		add(10, true, {text: warningText(input.warning), color: theme.warning});
	}

	if (input.notice && !input.toast) {
		add(11, true, {text: sanitize(input.notice), color: theme.notice});
	}

	if (input.hiddenPanes > 0) {
		add(12, false, {text: `+${input.hiddenPanes} panes`, color: theme.muted});
	}

	return list;
}

const flat = (list: readonly Item[]) => list.flatMap((item) => item.segments);

/** The fewest cells an item is cut to rather than left out (a separator and a few words). */
const minCut = 12;

/** The normal line's items fitted to `room` cells, by the rules in this file's comment. */
function fitItems(input: StatusInput, room: number): Segment[] {
	const list = items(input);
	const counts = list.find((item) => item.rank === 1)!;
	if (widthOf(flat(list)) > room && list.length > (input.inserting === undefined ? 2 : 3)) {
		const compact = countSegments(input.counts, true);
		counts.segments = counts === list[0] ? compact : [{text: separator}, ...compact];
	}

	const fitted: Segment[] = [];
	for (const item of list) {
		const left = room - widthOf(fitted);
		const cells = widthOf(item.segments);
		if (cells <= left) {
			fitted.push(...item.segments);
		} else if (item.rank <= 1 || (item.cut && left >= minCut)) {
			// Cut, and nothing after it: a less important item never takes the place of a more important one.
			fitted.push(...fitSegments(item.segments, left));
			break;
		}
	}

	const pathRoom = room - widthOf(fitted) - separator.length;
	if (pathRoom >= 8) {
		fitted.push({text: separator + shortenPath(input.home, pathRoom), color: theme.muted});
	}

	return fitted;
}

/**
 * Segments for a bar `width` cells wide: the left part (see the file's comment) cut to fit, then
 * padding, then `? help` at the right edge; or, while quitting waits for an answer, only the question.
 */
export function statusSegments(input: StatusInput, width: number): Segment[] {
	const room = Math.max(0, width - help.length - 1);
	const left = input.confirmingQuit
		? fitSegments([{text: quitQuestion(input.active), color: theme.warning, bold: true}], room)
		: fitItems(input, room);
	const used = widthOf(left);
	return [
		...left,
		{text: ' '.repeat(Math.max(0, width - used - help.length))},
		{text: help, color: theme.muted},
	];
}
