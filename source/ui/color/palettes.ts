/**
 * The dashboard's palettes: dark (for dark backgrounds, the default), light, and none (`NO_COLOR`).
 *
 * Colours are Ink colour strings. Named colours (`cyan`) are sent as 16-colour SGR codes whatever the
 * terminal supports, so they work everywhere and take the shades of the person's terminal theme. The
 * light palette avoids the named colours that are unreadable on white in common palettes (yellow,
 * cyan, white and every bright variant); on terminals with 256 colours or more it uses darker shades
 * from the xterm-256 palette. chalk, under Ink, degrades those to 16 colours should its own detection
 * of the terminal disagree with ours.
 */
import type {JobStatus, Priority} from '../../core/job.js';
import type {RunActivity} from '../../core/supervision.js';

/** The roles of the chrome's colours; see `theme` in `theme.ts` for what each colours. */
export type ChromeRole =
	'focus' | 'muted' | 'ok' | 'error' | 'warning' | 'notice' | 'prompt' | 'insert' | 'waiting' | 'quiet';

/** Every colour the dashboard draws, by what it means. An empty string means "no colour". */
export type Palette = {
	readonly chrome: Readonly<Record<ChromeRole, string>>;
	readonly priority: Readonly<Record<Priority, string>>;
	/** Column colours: the status bar's counts. */
	readonly status: Readonly<Record<JobStatus, string>>;
	readonly activity: Readonly<Record<RunActivity, string>>;
};

/** For dark backgrounds: the colours the dashboard was designed with. */
export const darkPalette: Palette = {
	chrome: {
		focus: 'cyan',
		muted: 'gray',
		ok: 'green',
		error: 'red',
		warning: 'yellow',
		notice: 'cyan',
		prompt: 'cyan',
		insert: 'green',
		waiting: 'yellow',
		quiet: 'magenta',
	},
	priority: {low: 'gray', medium: 'blue', high: 'yellow', urgent: 'red'},
	status: {
		inbox: 'white',
		planning: 'magenta',
		ready: 'blue',
		in_flight: 'cyan',
		review: 'yellow',
		done: 'green',
		blocked: 'red',
	},
	activity: {starting: 'blue', busy: 'cyan', waiting: 'yellow', idle: '', exited: 'gray'},
};

/** For light backgrounds on 16-colour terminals: named colours only, none of the pale ones. */
const light16: Palette = {
	chrome: {
		focus: 'blue',
		muted: 'gray',
		ok: 'green',
		error: 'red',
		warning: 'magenta',
		notice: 'blue',
		prompt: 'blue',
		insert: 'green',
		waiting: 'magenta',
		quiet: 'magenta',
	},
	priority: {low: 'gray', medium: 'blue', high: 'magenta', urgent: 'red'},
	status: {
		inbox: '',
		planning: 'magenta',
		ready: 'blue',
		in_flight: 'blue',
		review: 'magenta',
		done: 'green',
		blocked: 'red',
	},
	activity: {starting: 'gray', busy: 'blue', waiting: 'magenta', idle: '', exited: 'gray'},
};

// xterm-256 entries by number, so chalk sends exactly these (its conversion of `#rrggbb` rounds to
// other, paler cube entries): dark orange #af5f00, dark teal #005f87, dark green #008700, purple
// #870087, dark red #af0000.
const orange = 'ansi256(130)';
const teal = 'ansi256(24)';
const green = 'ansi256(28)';
const purple = 'ansi256(90)';
const red = 'ansi256(124)';

/** For light backgrounds on 256-colour and truecolor terminals: darker shades of the dark palette's hues. */
const light256: Palette = {
	chrome: {
		focus: teal,
		muted: 'gray',
		ok: green,
		error: red,
		warning: orange,
		notice: teal,
		prompt: teal,
		insert: green,
		waiting: orange,
		quiet: purple,
	},
	priority: {low: 'gray', medium: 'blue', high: orange, urgent: red},
	status: {
		inbox: '',
		planning: purple,
		ready: 'blue',
		in_flight: teal,
		review: orange,
		done: green,
		blocked: red,
	},
	activity: {starting: 'blue', busy: teal, waiting: orange, idle: '', exited: 'gray'},
};

/**
 * The light palette for a terminal of `depth` bits per colour (Node's `getColorDepth()`: 1, 4, 8 or
 * 24): shades from the 256-colour cube from 8 bits up, else named colours.
 */
export function lightPalette(depth: number): Palette {
	return depth >= 8 ? light256 : light16;
}

function blank<K extends string>(record: Readonly<Record<K, string>>): Record<K, string> {
	return Object.fromEntries(Object.keys(record).map((key) => [key, ''])) as Record<K, string>;
}

/** No colour at all (`NO_COLOR`, `--no-color`): bold, dim and inverse still mark what they mark. */
export const noColorPalette: Palette = {
	chrome: blank(darkPalette.chrome),
	priority: blank(darkPalette.priority),
	status: blank(darkPalette.status),
	activity: blank(darkPalette.activity),
};
