/**
 * Splitting a chunk of input into keys. Ink hands a chunk without escape sequences to input handlers
 * as one string: a fast typist, a paste, or a script (`tmux send-keys`, a test writing `:list\r` at
 * once) arrives as `':list\r'`, which no binding matches and whose Enter is buried in the text. Here
 * such a chunk becomes what the keys would have been one by one, except that runs of printable text
 * stay together, so a paste into the REPL is inserted in one step.
 */
import type {Key} from 'ink';

/** A key with no flags set. */
export const plainKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/**
 * One key: what Ink parsed (`input`, `key`) and the bytes it came as (`raw`), which insert mode sends
 * on to an agent unchanged.
 */
export type KeyEvent = readonly [input: string, key: Key, raw: string];

/** One control character as Ink reports it when it arrives alone. */
function controlKey(char: string): [string, Key] {
	const code = char.codePointAt(0) ?? 0;
	switch (char) {
		case '\r':
		case '\n': {
			return ['', {...plainKey, return: true}];
		}

		case '\t': {
			return ['', {...plainKey, tab: true}];
		}

		case '\b': {
			return ['', {...plainKey, backspace: true}];
		}

		case '\u007F': {
			return ['', {...plainKey, delete: true}];
		}

		default: {
			// Ctrl+letter: codes 1–26 are `a`–`z`; 27–31 are `[`, `\`, `]`, `^`, `_`.
			return [String.fromCodePoint(code + (code <= 26 ? 96 : 64)), {...plainKey, ctrl: true}];
		}
	}
}

/**
 * Ink reports Ctrl-\, Ctrl-], Ctrl-^ and Ctrl-_ (codes 28–31) as an empty input with no flags; here
 * they become Ctrl with their character, so the bindings table can name them (`ctrl+]`).
 */
export function normalizeKey(input: string, key: Key, raw: string): [string, Key] {
	const code = raw.length === 1 ? (raw.codePointAt(0) ?? 0) : 0;
	return code >= 0x1c && code <= 0x1f ? controlKey(raw) : [input, key];
}

// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001F\u007F]/;

/**
 * The keys in `input` (as Ink delivered it with `key`, from the bytes `raw`). Anything but a
 * multi-character chunk of plain text and control characters is returned as it came; in such a chunk
 * the input is the bytes, so each key's `raw` is its part of them.
 */
export function splitInput(input: string, key: Key, raw = input): KeyEvent[] {
	if (input.length <= 1 || key.ctrl || key.meta || input.includes('\u001B') || input !== raw) {
		return [[input, key, raw]];
	}

	const keys: KeyEvent[] = [];
	let text = '';
	for (const char of input) {
		if (control.test(char)) {
			if (text !== '') {
				keys.push([text, plainKey, text]);
				text = '';
			}

			keys.push([...controlKey(char), char]);
		} else {
			text += char;
		}
	}

	if (text !== '') {
		keys.push([text, plainKey, text]);
	}

	return keys;
}

/** The first character of a text run and the rest, for layers that take one key at a time. */
export function firstKey(text: string): [string, string] {
	const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
	return [first, text.slice(first.length)];
}
