/**
 * One key as the bindings table names it: how it is written (`q`, `ctrl+c`, `pgup`), the bytes a
 * terminal sends for it, whether a key Ink parsed is it, and reading it back from what a person wrote
 * in `config.yml` (`keys:`). Pure, no React.
 */
import type {Key} from 'ink';

/** The special keys a binding can name: flags of Ink's `Key`. */
export type NamedKey =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'pageUp'
	| 'pageDown'
	| 'return'
	| 'escape'
	| 'tab'
	| 'backspace'
	| 'delete'
	| 'home'
	| 'end';

/**
 * One key: a named key or a character, optionally with Ctrl (`{input: ']', ctrl: true}` is Ctrl-]).
 * `twice` makes a named key a chord of the key pressed twice in a row (Esc Esc); the router matches
 * the two presses only when they arrive together, the layer that owns the chord times the rest.
 */
export type KeySpec =
	{readonly name: NamedKey; readonly twice?: boolean} | {readonly input: string; readonly ctrl?: boolean};

const keyLabels: Record<NamedKey, string> = {
	upArrow: '↑',
	downArrow: '↓',
	leftArrow: '←',
	rightArrow: '→',
	pageUp: 'pgup',
	pageDown: 'pgdn',
	return: 'enter',
	escape: 'esc',
	tab: 'tab',
	backspace: 'bksp',
	delete: 'del',
	home: 'home',
	end: 'end',
};

/** How a key is written in the help overlay: `q`, `ctrl+c`, `←`, `esc esc`, `space`. */
export function keyLabel(spec: KeySpec): string {
	if ('name' in spec) {
		const label = keyLabels[spec.name];
		return spec.twice ? `${label} ${label}` : label;
	}

	return spec.ctrl ? `ctrl+${spec.input}` : spec.input === ' ' ? 'space' : spec.input;
}

const namedBytes: Partial<Record<NamedKey, string>> = {
	return: '\r',
	escape: '\u001B',
	tab: '\t',
};

/**
 * The bytes a terminal sends for `spec` (one press, even for a `twice` chord), or `undefined` for
 * keys sent as escape sequences. Ctrl with `@`–`_` or a letter is the C0 control code (`ctrl+]` is
 * `0x1D`).
 */
export function keyBytes(spec: KeySpec): string | undefined {
	if ('name' in spec) {
		return namedBytes[spec.name];
	}

	if (!spec.ctrl) {
		return spec.input;
	}

	const code = spec.input.toUpperCase().codePointAt(0) ?? 0;
	return code >= 0x40 && code <= 0x5f ? String.fromCodePoint(code - 0x40) : undefined;
}

/**
 * True when the key Ink parsed (`input`, `key`) is `spec`. `raw` is the key's bytes as they came,
 * when known: a `twice` chord matches only its doubled bytes (Ink reports one Esc and Esc Esc alike).
 */
export function matchesKey(spec: KeySpec, input: string, key: Key, raw?: string): boolean {
	if ('name' in spec) {
		if (spec.twice) {
			const bytes = keyBytes(spec);
			return bytes !== undefined && raw === bytes + bytes;
		}

		return key[spec.name];
	}

	return input === spec.input && Boolean(spec.ctrl) === key.ctrl;
}

/** Two specs name the same key. */
export function sameKey(a: KeySpec, b: KeySpec): boolean {
	if ('name' in a) {
		return 'name' in b && a.name === b.name && Boolean(a.twice) === Boolean(b.twice);
	}

	return 'input' in b && a.input === b.input && Boolean(a.ctrl) === Boolean(b.ctrl);
}

/** Words a person may write for a named key in `config.yml`, besides the labels above. */
const namedWords: Readonly<Record<string, NamedKey>> = {
	up: 'upArrow',
	down: 'downArrow',
	left: 'leftArrow',
	right: 'rightArrow',
	pgup: 'pageUp',
	pageup: 'pageUp',
	pgdn: 'pageDown',
	pagedown: 'pageDown',
	enter: 'return',
	return: 'return',
	esc: 'escape',
	escape: 'escape',
	tab: 'tab',
	backspace: 'backspace',
	bksp: 'backspace',
	del: 'delete',
	delete: 'delete',
	home: 'home',
	end: 'end',
};

/**
 * Read a key as written in `config.yml`: one character (`D`, `/`), `space`, `ctrl+<character>`, a
 * named key (`enter`, `esc`, `tab`, `up`, `down`, `left`, `right`, `pgup`, `pgdn`, `home`, `end`,
 * `backspace`, `delete`), or a named key twice (`esc esc`). Names are case-insensitive; a single
 * character is taken as written.
 *
 * @throws Error naming what was not understood.
 */
export function parseKeySpec(text: string): KeySpec {
	if ([...text].length === 1) {
		return {input: text};
	}

	const lower = text.trim().toLowerCase();
	if (lower === 'space') {
		return {input: ' '};
	}

	const ctrl = /^(?:ctrl|c)[+-](.)$/i.exec(text.trim());
	if (ctrl) {
		return {input: ctrl[1]!.toLowerCase(), ctrl: true};
	}

	const name = namedWords[lower];
	if (name) {
		return {name};
	}

	// A named key pressed twice in a row: `esc esc`.
	const doubled = /^(\S+)\s+(\S+)$/.exec(lower);
	const twice = doubled && doubled[1] === doubled[2] ? namedWords[doubled[1]!] : undefined;
	if (twice) {
		return {name: twice, twice: true};
	}

	throw new Error(
		`"${text}" is not a key: use one character, space, ctrl+<character>, or one of ${Object.keys(namedWords).join(', ')}`,
	);
}
