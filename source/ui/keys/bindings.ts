/**
 * Every key the dashboard understands, declared once: named actions, the scope they act in, the keys
 * bound to them and what they do. The router resolves keys through this table and the help overlay is
 * drawn from it, so the two cannot drift apart (the shape of gemini-cli's `keyBindings.ts`).
 */
import type {Key} from 'ink';

/**
 * Where a binding applies. `insert`, `help` and `confirm` are modals (they take keys first; insert
 * mode sends every key but its own to the focused pane's agent); `board`, `panes` and `repl` are the
 * focusable areas; `global` applies when nothing before it used the key.
 */
export type Scope = 'insert' | 'help' | 'confirm' | 'board' | 'panes' | 'repl' | 'global';

/** Scopes that take every key while open: the global bindings do not apply under them. */
export const modalScopes: ReadonlySet<Scope> = new Set(['insert', 'help', 'confirm']);

/** Named actions. An area decides what an action means there (`left` moves a card or a pane). */
export type Action =
	| 'quit'
	| 'help'
	| 'focusRepl'
	| 'cycleFocus'
	| 'left'
	| 'right'
	| 'up'
	| 'down'
	| 'show'
	| 'dispatch'
	| 'cancel'
	| 'insert'
	| 'leaveInsert'
	| 'leaveInsertNow'
	| 'leave'
	| 'submit'
	| 'historyPrev'
	| 'historyNext'
	| 'lineStart'
	| 'lineEnd'
	| 'erase'
	| 'clearLine'
	| 'close'
	| 'confirm'
	| 'deny';

/** The special keys a binding can name: flags of Ink's `Key`. */
export type NamedKey =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
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

/** One row of the table. */
export type Binding = {
	readonly scope: Scope;
	readonly action: Action;
	readonly keys: readonly KeySpec[];
	/** Shown in the help overlay. */
	readonly description: string;
};

const arrows = {
	left: [{name: 'leftArrow'}, {input: 'h'}],
	right: [{name: 'rightArrow'}, {input: 'l'}],
	up: [{name: 'upArrow'}, {input: 'k'}],
	down: [{name: 'downArrow'}, {input: 'j'}],
} as const satisfies Record<string, readonly KeySpec[]>;

const ctrlC: KeySpec = {input: 'c', ctrl: true};
const escape: KeySpec = {name: 'escape'};
/** Insert mode's way out: Esc twice within the escape window. */
export const escapeEscape: KeySpec = {name: 'escape', twice: true};
/** Insert mode's instant way out: Ctrl-], telnet's escape character. */
export const ctrlBracket: KeySpec = {input: ']', ctrl: true};
const enter: KeySpec = {name: 'return'};

/** The table, in the order the help overlay lists it. */
export const bindings: readonly Binding[] = [
	{
		scope: 'global',
		action: 'quit',
		keys: [{input: 'q'}, ctrlC],
		description: 'quit (asks if runs are active)',
	},
	{scope: 'global', action: 'help', keys: [{input: '?'}], description: 'this help'},
	{scope: 'global', action: 'focusRepl', keys: [{input: ':'}], description: 'type a command'},
	{
		scope: 'global',
		action: 'cycleFocus',
		keys: [{name: 'tab'}],
		description: 'next area: board, panes, REPL',
	},
	{scope: 'board', action: 'left', keys: arrows.left, description: 'previous column'},
	{scope: 'board', action: 'right', keys: arrows.right, description: 'next column'},
	{scope: 'board', action: 'up', keys: arrows.up, description: 'previous card'},
	{scope: 'board', action: 'down', keys: arrows.down, description: 'next card'},
	{scope: 'board', action: 'show', keys: [enter], description: 'show the job (show <id>)'},
	{scope: 'board', action: 'dispatch', keys: [{input: 'd'}], description: 'start it now (dispatch <id>)'},
	{scope: 'board', action: 'cancel', keys: [{input: 'x'}], description: 'cancel it (cancel <id>)'},
	{scope: 'panes', action: 'left', keys: arrows.left, description: 'pane to the left'},
	{scope: 'panes', action: 'right', keys: arrows.right, description: 'pane to the right'},
	{scope: 'panes', action: 'up', keys: arrows.up, description: 'pane above'},
	{scope: 'panes', action: 'down', keys: arrows.down, description: 'pane below'},
	{scope: 'panes', action: 'show', keys: [enter], description: "show the pane's job"},
	{scope: 'panes', action: 'cancel', keys: [{input: 'x'}], description: "cancel the pane's job"},
	{scope: 'panes', action: 'insert', keys: [{input: 'i'}], description: "type into the pane's agent"},
	{scope: 'panes', action: 'leave', keys: [escape], description: 'back to the board'},
	{scope: 'repl', action: 'submit', keys: [enter], description: 'run the line'},
	{scope: 'repl', action: 'historyPrev', keys: [{name: 'upArrow'}], description: 'previous line'},
	{scope: 'repl', action: 'historyNext', keys: [{name: 'downArrow'}], description: 'next line'},
	{scope: 'repl', action: 'left', keys: [{name: 'leftArrow'}], description: 'cursor left'},
	{scope: 'repl', action: 'right', keys: [{name: 'rightArrow'}], description: 'cursor right'},
	{
		scope: 'repl',
		action: 'lineStart',
		keys: [{name: 'home'}, {input: 'a', ctrl: true}],
		description: 'start of line',
	},
	{
		scope: 'repl',
		action: 'lineEnd',
		keys: [{name: 'end'}, {input: 'e', ctrl: true}],
		description: 'end of line',
	},
	// Terminals send DEL (Ink's `delete`) or BS (Ink's `backspace`) for the backspace key.
	{scope: 'repl', action: 'erase', keys: [{name: 'backspace'}, {name: 'delete'}], description: 'erase left'},
	{scope: 'repl', action: 'clearLine', keys: [{input: 'u', ctrl: true}], description: 'clear the line'},
	{scope: 'repl', action: 'leave', keys: [escape], description: 'back to the board'},
	{
		scope: 'insert',
		action: 'leaveInsert',
		keys: [escapeEscape],
		description: 'leave (one esc waits 300 ms)',
	},
	{scope: 'insert', action: 'leaveInsertNow', keys: [ctrlBracket], description: 'leave insert mode at once'},
	{
		scope: 'help',
		action: 'close',
		keys: [{input: '?'}, escape, {input: 'q'}],
		description: 'close this help',
	},
	{scope: 'help', action: 'quit', keys: [ctrlC], description: 'quit'},
	{scope: 'confirm', action: 'confirm', keys: [{input: 'y'}, ctrlC], description: 'quit and stop the runs'},
	{scope: 'confirm', action: 'deny', keys: [{input: 'n'}, escape], description: 'stay'},
];

const keyLabels: Record<NamedKey, string> = {
	upArrow: '↑',
	downArrow: '↓',
	leftArrow: '←',
	rightArrow: '→',
	return: 'enter',
	escape: 'esc',
	tab: 'tab',
	backspace: 'bksp',
	delete: 'del',
	home: 'home',
	end: 'end',
};

/** How a key is written in the help overlay: `q`, `ctrl+c`, `←`, `esc esc`. */
export function keyLabel(spec: KeySpec): string {
	if ('name' in spec) {
		const label = keyLabels[spec.name];
		return spec.twice ? `${label} ${label}` : label;
	}

	return spec.ctrl ? `ctrl+${spec.input}` : spec.input;
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

/** The action bound to this key in `scope`, if any (`raw`: see {@link matchesKey}). */
export function findAction(scope: Scope, input: string, key: Key, raw?: string): Action | undefined {
	return bindings.find(
		(binding) => binding.scope === scope && binding.keys.some((spec) => matchesKey(spec, input, key, raw)),
	)?.action;
}

/** The keys bound to `action` in `scope`, in table order. */
export function keysOf(scope: Scope, action: Action): readonly KeySpec[] {
	return bindings.find((binding) => binding.scope === scope && binding.action === action)?.keys ?? [];
}

const hintSkip = new Set<Action>([
	'left',
	'right',
	'up',
	'down',
	'historyNext',
	'lineStart',
	'lineEnd',
	'erase',
	'clearLine',
]);
const hintWords: Partial<Record<Action, string>> = {
	focusRepl: 'command',
	cycleFocus: 'next area',
	historyPrev: 'history',
	leave: 'board',
	leaveInsert: 'leave',
	leaveInsertNow: 'leave at once',
};

/**
 * A one-line reminder of the keys of `scope`, then the global ones (`enter show · d dispatch · … ·
 * ? help`; a modal has none), drawn from the table like the help overlay. Arrows are left out: they
 * are the obvious part.
 */
export function keyHint(scope: Scope): string {
	const inScope = (wanted: Scope) =>
		bindings.filter((binding) => binding.scope === wanted && !hintSkip.has(binding.action));
	const global = scope === 'global' || modalScopes.has(scope) ? [] : inScope('global');
	return [...inScope(scope), ...global]
		.map((binding) => `${keyLabel(binding.keys[0]!)} ${hintWords[binding.action] ?? binding.action}`)
		.join(' · ');
}
