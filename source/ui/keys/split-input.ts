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
			// Ctrl+letter: codes 1–26 are `a`–`z`.
			return [String.fromCodePoint(code + 96), {...plainKey, ctrl: true}];
		}
	}
}

// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001F\u007F]/;

/**
 * The keys in `input` (as Ink delivered it with `key`). Anything but a multi-character chunk of plain
 * text and control characters is returned as it came.
 */
export function splitInput(input: string, key: Key): Array<[string, Key]> {
	if (input.length <= 1 || key.ctrl || key.meta || input.includes('\u001B')) {
		return [[input, key]];
	}

	const keys: Array<[string, Key]> = [];
	let text = '';
	for (const char of input) {
		if (control.test(char)) {
			if (text !== '') {
				keys.push([text, plainKey]);
				text = '';
			}

			keys.push(controlKey(char));
		} else {
			text += char;
		}
	}

	if (text !== '') {
		keys.push([text, plainKey]);
	}

	return keys;
}

/** The first character of a text run and the rest, for layers that take one key at a time. */
export function firstKey(text: string): [string, string] {
	const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
	return [first, text.slice(first.length)];
}
