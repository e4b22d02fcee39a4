/**
 * Every colour and glyph the dashboard draws, in one place, so a palette change is one edit and the
 * views stay free of literals. Colours are Ink colour names (chalk's), which degrade on 16-colour
 * terminals.
 */
import type {JobStatus, Priority} from '../core/job.js';
import type {RunActivity} from '../core/supervision.js';

/** Colour of a card's priority, by priority. */
export const priorityColor: Readonly<Record<Priority, string>> = {
	low: 'gray',
	medium: 'blue',
	high: 'yellow',
	urgent: 'red',
};

/** Short column names for the one-line status bar, where the full names do not fit at 80 columns. */
export const statusLabel: Readonly<Record<JobStatus, string>> = {
	inbox: 'in',
	planning: 'plan',
	ready: 'rdy',
	in_flight: 'run',
	review: 'rev',
	done: 'done',
	blocked: 'blk',
};

/** Colours of the chrome around the data. */
export const theme = {
	/** Border of the pane that has focus, and headers of the focused area. */
	focus: 'cyan',
	/** Borders and rules that carry no meaning. */
	muted: 'gray',
	/** Exit code 0, and successful command output markers. */
	ok: 'green',
	/** Errors: non-zero exit codes, runner failures, the store's persistent error. */
	error: 'red',
	/** Store warnings (a torn or invalid log line) and the quit confirmation. */
	warning: 'yellow',
	/** The one-off notice passed at start (e.g. the demo board was seeded). */
	notice: 'cyan',
	/** The REPL prompt. */
	prompt: 'cyan',
	/** Insert mode: the status bar's `-- INSERT --` and the border of the pane taking the keys. */
	insert: 'green',
	/** A run waiting for a person: the loudest thing on screen. */
	waiting: 'yellow',
} as const;

/** How a run's activity is drawn: a glyph, a word, and its style. */
export type ActivityStyle = {
	readonly glyph: string;
	readonly word: string;
	readonly color?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
};

/**
 * Each activity's look. None animates: a spinner would commit a frame on its own (~20 ms each,
 * PITFALLS.md). `waiting` is bold yellow and its cards are drawn in reverse, so it stands out most.
 */
export const activityStyle: Readonly<Record<RunActivity, ActivityStyle>> = {
	starting: {glyph: '◌', word: 'starting', color: 'blue'},
	busy: {glyph: '●', word: 'busy', color: 'cyan'},
	waiting: {glyph: '▲', word: 'waiting for input', color: theme.waiting, bold: true},
	idle: {glyph: '○', word: 'idle', dim: true},
	exited: {glyph: '■', word: 'exited', color: 'gray'},
};

/** Glyphs, kept to narrow, widely available characters so `string-width` and terminals agree. */
export const glyph = {
	prompt: '›',
	separator: '·',
	warning: '!',
	running: '▶',
	ellipsis: '…',
	more: '↓',
	less: '↑',
	messages: '✉',
	branch: '⎇',
} as const;
