/**
 * SGR mouse reports (`ESC[?1006h`): a press is `ESC [ < b ; x ; y M`, a release the same ending in
 * `m`, with 1-based cell coordinates. The low two bits of `b` name the button (0 left, 1 middle,
 * 2 right); +4 Shift, +8 Meta, +16 Ctrl; +32 marks motion; 64 and 65 are the wheel up and down
 * (xterm's ctlseqs, "Extended coordinates").
 *
 * The dashboard reads stdin through Ink, which hands each escape sequence over whole when it came in
 * one chunk, but flushes an unfinished one on the next turn of the event loop: a report split across
 * two reads reaches us as `ESC[<0;1` and then `2;5M`. The filter here keeps such a head until its
 * tail comes, so no part of a report is ever seen as keys.
 */

/** What the mouse did. */
export type MouseEvent = {
	readonly kind: 'press' | 'release' | 'wheel' | 'move';
	/** `left`, `middle`, `right`; for the wheel, `up` (away from the person) or `down`. */
	readonly button: 'left' | 'middle' | 'right' | 'up' | 'down' | 'none';
	/** The cell, 0-based from the top-left corner of the terminal (the layout's coordinates). */
	readonly x: number;
	readonly y: number;
	readonly shift: boolean;
	readonly meta: boolean;
	readonly ctrl: boolean;
};

// eslint-disable-next-line no-control-regex
const report = /^\u001B\[<(\d+);(\d+);(\d+)([Mm])$/;
/**
 * A report's start: `ESC[`, or `ESC[<` and digits and semicolons, no final byte yet. A lone `ESC[` is
 * held too: Ink flushes it alone when a read ends right after it.
 */
// eslint-disable-next-line no-control-regex
const head = /^\u001B\[(?:<[\d;]*)?$/;
/** The rest of a split report, and what came after it in the same chunk. */
const tail = /^(<?[\d;]*[Mm])([\s\S]*)$/;
/** No report is longer; a longer head is not one. */
const maxReport = 32;

const buttons = ['left', 'middle', 'right', 'none'] as const;

/** The event a whole report stands for, or `undefined` when `text` is not one. */
export function parseSgrMouse(text: string): MouseEvent | undefined {
	const match = report.exec(text);
	if (!match) {
		return undefined;
	}

	const code = Number(match[1]);
	const modifiers = {shift: (code & 4) !== 0, meta: (code & 8) !== 0, ctrl: (code & 16) !== 0};
	const at = {x: Number(match[2]) - 1, y: Number(match[3]) - 1};
	const low = code & 3;
	if ((code & 64) !== 0) {
		// 66 and 67 are the horizontal wheel on some terminals: not used here.
		return low > 1 ? undefined : {kind: 'wheel', button: low === 0 ? 'up' : 'down', ...at, ...modifiers};
	}

	const kind = (code & 32) === 0 ? (match[4] === 'M' ? 'press' : 'release') : 'move';
	return {kind, button: buttons[low]!, ...at, ...modifiers};
}

/** What {@link MouseFilter.feed} found in one input event. */
export type Sorted = {
	/** Mouse events, in order. */
	readonly mouse: readonly MouseEvent[];
	/**
	 * What is left for the keys: `undefined` when the input was no mouse report at all (route it as it
	 * came), `''` when all of it was, or the text that followed a report's split tail.
	 */
	readonly rest: string | undefined;
};

/** Sorts input events (as Ink emits them) into mouse events and keys. */
export type MouseFilter = {
	feed(raw: string): Sorted;
};

const none: Sorted = {mouse: [], rest: undefined};

/** A filter; it keeps the head of a report split across reads until its tail arrives. */
export function createMouseFilter(): MouseFilter {
	let pending = '';
	return {
		feed(raw) {
			if (pending !== '') {
				const joined = tail.exec(raw);
				const whole = joined ? parseSgrMouse(pending + joined[1]!) : undefined;
				const held = pending;
				pending = '';
				if (whole) {
					return {mouse: [whole], rest: joined![2]!};
				}

				if (head.test(held + raw) && held.length + raw.length < maxReport) {
					pending = held + raw;
					return {mouse: [], rest: ''};
				}

				// Not a report after all: the head is dropped (it is no key either), the rest goes on.
			}

			if (raw.startsWith('\u001B[<') || raw === '\u001B[') {
				const event = parseSgrMouse(raw);
				if (event) {
					return {mouse: [event], rest: ''};
				}

				if (head.test(raw) && raw.length < maxReport) {
					pending = raw;
					return {mouse: [], rest: ''};
				}
			}

			return none;
		},
	};
}
