/**
 * Every colour and glyph the dashboard draws, in one place, so a palette change is one edit and the
 * views stay free of literals. Colours are Ink colour strings (see `color/palettes.ts`); an empty
 * string draws no colour.
 *
 * The objects here are filled from a palette and refilled in place by {@link applyTheme}, which the
 * entry point calls once, before the UI modules load and before the first frame: views read
 * `theme.focus` when they render and need no provider. Modules that copy a colour at load time keep
 * the palette of that moment, which is why the choice is made before they load.
 */
import type {JobStatus, Priority} from '../core/job.js';
import type {RunActivity} from '../core/supervision.js';
import type {ThemeName} from './color/choose-theme.js';
import {darkPalette, lightPalette, noColorPalette, type ChromeRole, type Palette} from './color/palettes.js';

/** Colour of a card's priority, by priority. */
export const priorityColor: Record<Priority, string> = {...darkPalette.priority};

/** Colour of each column's count in the status bar. */
export const statusColor: Record<JobStatus, string> = {...darkPalette.status};

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

/**
 * Colours of the chrome around the data:
 * - `focus`: border of the pane that has focus, and headers of the focused area;
 * - `muted`: borders and rules that carry no meaning;
 * - `ok`: exit code 0, and successful command output markers;
 * - `error`: non-zero exit codes, runner failures, the store's persistent error;
 * - `warning`: store warnings (a torn or invalid log line), the quit question, a budget near its limit;
 * - `notice`: the one-off notice passed at start (e.g. the demo board was seeded);
 * - `prompt`: the REPL prompt;
 * - `insert`: insert mode's `-- INSERT --` and the border of the pane taking the keys;
 * - `waiting`: a run waiting for a person, the loudest thing on screen;
 * - `quiet`: quiet hours in the status bar.
 */
export const theme: Record<ChromeRole, string> = {...darkPalette.chrome};

/** How a run's activity is drawn: a glyph, a word, and its style. */
export type ActivityStyle = {
	readonly glyph: string;
	readonly word: string;
	readonly color?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
};

/** Each activity's look apart from its colour. */
const activityShape: Readonly<Record<RunActivity, Omit<ActivityStyle, 'color'>>> = {
	starting: {glyph: '◌', word: 'starting'},
	busy: {glyph: '●', word: 'busy'},
	waiting: {glyph: '▲', word: 'waiting for input', bold: true},
	idle: {glyph: '○', word: 'idle', dim: true},
	exited: {glyph: '■', word: 'exited'},
};

function activityStyles(palette: Palette): Record<RunActivity, ActivityStyle> {
	const styles = {} as Record<RunActivity, ActivityStyle>;
	for (const [activity, shape] of Object.entries(activityShape) as Array<[RunActivity, ActivityStyle]>) {
		const color = palette.activity[activity];
		styles[activity] = color === '' ? shape : {...shape, color};
	}

	return styles;
}

/**
 * Each activity's look. None animates: a spinner would commit a frame on its own (~20 ms each,
 * PITFALLS.md). `waiting` is bold and its cards are drawn in reverse, so it stands out most, with or
 * without colour.
 */
export const activityStyle: Readonly<Record<RunActivity, ActivityStyle>> = activityStyles(darkPalette);

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
	/** The budget bar's used and free cells (Geometric Shapes, narrow in every width table). */
	barFull: '▰',
	barEmpty: '▱',
} as const;

/** What {@link applyTheme} decides from. */
export type ThemeChoice = {
	/** The palette for the terminal's background. */
	readonly name: ThemeName;
	/** Colour allowed at all (false for `NO_COLOR` and `--no-color`). */
	readonly color: boolean;
	/** Bits per colour the terminal supports (Node's `getColorDepth()`: 1, 4, 8 or 24). */
	readonly depth: number;
};

let current: ThemeChoice = {name: 'dark', color: true, depth: 4};

/** The palette `choice` draws with. */
export function paletteFor(choice: ThemeChoice): Palette {
	if (!choice.color) {
		return noColorPalette;
	}

	return choice.name === 'light' ? lightPalette(choice.depth) : darkPalette;
}

/**
 * Change what the dashboard draws with (the parts of `choice` given; the rest stays) and refill
 * {@link theme}, {@link priorityColor}, {@link statusColor} and {@link activityStyle} in place.
 *
 * @returns the whole choice now in force.
 */
export function applyTheme(choice: Partial<ThemeChoice>): ThemeChoice {
	current = {...current, ...choice};
	const palette = paletteFor(current);
	Object.assign(theme, palette.chrome);
	Object.assign(priorityColor, palette.priority);
	Object.assign(statusColor, palette.status);
	// Replaced whole, so a style never keeps the colour of the palette before.
	Object.assign(activityStyle, activityStyles(palette));
	return current;
}

/** The choice in force (see {@link applyTheme}). */
export function currentTheme(): ThemeChoice {
	return current;
}
