/**
 * Every key the dashboard understands, declared once: named actions, the scope they act in, the keys
 * bound to them and what they do. The router resolves keys through this table and the help overlay is
 * drawn from it, so the two cannot drift apart (the shape of gemini-cli's `keyBindings.ts`).
 */
import type {Key} from 'ink';

/**
 * Where a binding applies. `help` and `confirm` are modals (they take keys first); `board`, `panes`
 * and `repl` are the focusable areas; `global` applies when nothing before it used the key.
 */
export type Scope = 'help' | 'confirm' | 'board' | 'panes' | 'repl' | 'global';

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

/** One key: a named key or a printable character, optionally with Ctrl. */
export type KeySpec = {readonly name: NamedKey} | {readonly input: string; readonly ctrl?: boolean};

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

/** How a key is written in the help overlay: `q`, `ctrl+c`, `←`. */
export function keyLabel(spec: KeySpec): string {
	if ('name' in spec) {
		return keyLabels[spec.name];
	}

	return spec.ctrl ? `ctrl+${spec.input}` : spec.input;
}

/** True when the key Ink parsed (`input`, `key`) is `spec`. */
export function matchesKey(spec: KeySpec, input: string, key: Key): boolean {
	if ('name' in spec) {
		return key[spec.name];
	}

	return input === spec.input && Boolean(spec.ctrl) === key.ctrl;
}

/** The action bound to this key in `scope`, if any. */
export function findAction(scope: Scope, input: string, key: Key): Action | undefined {
	return bindings.find(
		(binding) => binding.scope === scope && binding.keys.some((spec) => matchesKey(spec, input, key)),
	)?.action;
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
};

/**
 * A one-line reminder of the keys of `scope`, then the global ones (`enter show · d dispatch · … ·
 * ? help`), drawn from the table like the help overlay. Arrows are left out: they are the obvious part.
 */
export function keyHint(scope: Scope): string {
	const inScope = (wanted: Scope) =>
		bindings.filter((binding) => binding.scope === wanted && !hintSkip.has(binding.action));
	return [...inScope(scope), ...(scope === 'global' ? [] : inScope('global'))]
		.map((binding) => `${keyLabel(binding.keys[0]!)} ${hintWords[binding.action] ?? binding.action}`)
		.join(' · ');
}
