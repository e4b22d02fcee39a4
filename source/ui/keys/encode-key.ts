/**
 * Bytes for keys, both ways a terminal may need them: back from Ink's parsed key when its bytes were
 * not seen, and translated into the cursor-key form an agent asked for (DECCKM).
 */
import type {Key} from 'ink';
import type {InputModes} from '../ports.js';

const escape = '\u001B';

const sequences: ReadonlyArray<[keyof Key, string]> = [
	['upArrow', `${escape}[A`],
	['downArrow', `${escape}[B`],
	['rightArrow', `${escape}[C`],
	['leftArrow', `${escape}[D`],
	['home', `${escape}[H`],
	['end', `${escape}[F`],
	['pageUp', `${escape}[5~`],
	['pageDown', `${escape}[6~`],
	['return', '\r'],
	['tab', '\t'],
	['backspace', '\u007F'],
	// Ink reports the DEL byte that most terminals send for Backspace as `delete`.
	['delete', '\u007F'],
	['escape', escape],
];

/**
 * The bytes a terminal most likely sent for the key Ink parsed as (`input`, `key`): arrows as
 * `ESC [ A`…, Enter `\r`, Backspace DEL, Ctrl+letter its control code, Meta an `ESC` prefix. Used
 * only when the bytes themselves were not captured.
 */
export function encodeKey(input: string, key: Key): string {
	const named = sequences.find(([flag]) => key[flag] === true)?.[1];
	if (named !== undefined) {
		return key.shift && key.tab ? `${escape}[Z` : named;
	}

	if (key.ctrl && input.length === 1) {
		const code = input.toUpperCase().codePointAt(0) ?? 0;
		if (code >= 0x40 && code <= 0x5f) {
			return String.fromCodePoint(code - 0x40);
		}
	}

	return key.meta ? `${escape}${input}` : input;
}

// eslint-disable-next-line no-control-regex
const normalCursorKey = /^\u001B\[([ABCDHF])$/;

/**
 * `raw` as an agent in `modes` expects it: with application cursor keys on (vim, less, many full-screen
 * programs) the arrows, Home and End go as `ESC O A` instead of `ESC [ A`. Other bytes are unchanged.
 */
export function forMode(raw: string, modes: InputModes | undefined): string {
	if (!modes?.applicationCursorKeys) {
		return raw;
	}

	const match = normalCursorKey.exec(raw);
	return match ? `${escape}O${match[1]}` : raw;
}
