/**
 * Every key the dashboard understands, declared once: named actions, the scope they act in, the keys
 * bound to them and what they do. The router resolves keys through this table and the help overlay is
 * drawn from it, so the two cannot drift apart (the shape of gemini-cli's `keyBindings.ts`).
 */
import type {Key} from 'ink';
import {matchesKey, type KeySpec} from './key-spec.js';

export {keyBytes, keyLabel, matchesKey, type KeySpec, type NamedKey} from './key-spec.js';

/**
 * Where a binding applies. `insert`, `help`, `confirm` and `search` (typing a pane search) are modals
 * (they take keys first; insert mode sends every key but its own to the focused pane's agent);
 * `board`, `panes` and `repl` are the focusable areas; `detail` is the job detail view and `stats` the
 * stats view, which take keys in place of the board and the panes while open; `global` applies when
 * nothing before it used the key.
 */
export type Scope =
	| 'insert'
	| 'help'
	| 'confirm'
	| 'search'
	| 'detail'
	| 'stats'
	| 'edit'
	| 'results'
	| 'board'
	| 'panes'
	| 'repl'
	| 'global';

/** Scopes that take every key while open: the global bindings do not apply under them. */
export const modalScopes: ReadonlySet<Scope> = new Set(['insert', 'help', 'confirm', 'search', 'edit']);

/**
 * Named actions, the names `keys:` in `config.yml` rebinds. An area decides what an action means
 * there (`left` moves a card or a pane).
 */
export const actions = [
	'quit',
	'help',
	'toggleProfile',
	'focusRepl',
	'cycleFocus',
	'toggleBoard',
	'toggleStats',
	'left',
	'right',
	'up',
	'down',
	'pageUp',
	'pageDown',
	'top',
	'bottom',
	'moveCardLeft',
	'moveCardRight',
	'show',
	'dispatch',
	'cancel',
	'edit',
	'editInEditor',
	'nextField',
	'insert',
	'focusPane',
	'zoom',
	'follow',
	'search',
	'nextMatch',
	'previousMatch',
	'leaveInsert',
	'leaveInsertNow',
	'leave',
	'submit',
	'historyPrev',
	'historyNext',
	'lineStart',
	'lineEnd',
	'erase',
	'clearLine',
	'close',
	'confirm',
	'deny',
] as const;

/** A named action (see {@link actions}). */
export type Action = (typeof actions)[number];

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
	{
		scope: 'global',
		action: 'toggleProfile',
		keys: [{input: 'p', ctrl: true}],
		description: 'profile overlay: frame times, bytes written, memory',
	},
	{scope: 'global', action: 'focusRepl', keys: [{input: ':'}], description: 'type a command'},
	{
		scope: 'global',
		action: 'cycleFocus',
		keys: [{name: 'tab'}],
		description: 'next area: board, panes, REPL',
	},
	{
		scope: 'global',
		action: 'toggleBoard',
		keys: [{input: 'b'}],
		description: 'hide or show the board',
	},
	{
		scope: 'global',
		action: 'toggleStats',
		keys: [{input: 's'}],
		description: 'stats: output rates, run times, cost',
	},
	{scope: 'board', action: 'left', keys: arrows.left, description: 'previous column'},
	{scope: 'board', action: 'right', keys: arrows.right, description: 'next column'},
	{scope: 'board', action: 'up', keys: arrows.up, description: 'previous card'},
	{scope: 'board', action: 'down', keys: arrows.down, description: 'next card'},
	{
		scope: 'board',
		action: 'moveCardLeft',
		keys: [{input: 'H'}, {input: '<'}],
		description: 'move the card to the previous column',
	},
	{
		scope: 'board',
		action: 'moveCardRight',
		keys: [{input: 'L'}, {input: '>'}],
		description: 'move the card to the next column',
	},
	{scope: 'board', action: 'show', keys: [enter], description: 'open the job (show <id>)'},
	{scope: 'board', action: 'dispatch', keys: [{input: 'd'}], description: 'start it now (dispatch <id>)'},
	{scope: 'board', action: 'cancel', keys: [{input: 'x'}], description: 'cancel it (cancel <id>)'},
	{scope: 'board', action: 'edit', keys: [{input: 'e'}], description: 'edit its title and priority here'},
	{
		scope: 'board',
		action: 'editInEditor',
		keys: [{input: 'E'}],
		description: 'edit it all (description, criteria) in $EDITOR',
	},
	{scope: 'panes', action: 'left', keys: arrows.left, description: 'pane to the left'},
	{scope: 'panes', action: 'right', keys: arrows.right, description: 'pane to the right'},
	{scope: 'panes', action: 'up', keys: arrows.up, description: 'pane above'},
	{scope: 'panes', action: 'down', keys: arrows.down, description: 'pane below'},
	{scope: 'panes', action: 'show', keys: [enter], description: "open the pane's job"},
	{scope: 'panes', action: 'cancel', keys: [{input: 'x'}], description: "cancel the pane's job"},
	{scope: 'panes', action: 'insert', keys: [{input: 'i'}], description: "type into the pane's agent"},
	{scope: 'panes', action: 'leave', keys: [escape], description: 'clear the search, or back to the board'},
	{scope: 'panes', action: 'zoom', keys: [{input: 'z'}], description: 'zoom the pane to full size and back'},
	{scope: 'panes', action: 'pageUp', keys: [{name: 'pageUp'}], description: 'scroll back a page'},
	{scope: 'panes', action: 'pageDown', keys: [{name: 'pageDown'}], description: 'scroll on a page'},
	{scope: 'panes', action: 'top', keys: [{name: 'home'}], description: 'oldest line of the scrollback'},
	{
		scope: 'panes',
		action: 'follow',
		keys: [{input: 'f'}, {name: 'end'}],
		description: 'follow the output (f again: pause)',
	},
	{scope: 'panes', action: 'search', keys: [{input: '/'}], description: 'search the scrollback'},
	{scope: 'panes', action: 'nextMatch', keys: [{input: 'n'}], description: 'next (newer) match'},
	{scope: 'panes', action: 'previousMatch', keys: [{input: 'N'}], description: 'previous (older) match'},
	{
		scope: 'panes',
		action: 'focusPane',
		keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => ({input: digit})),
		description: 'focus pane 1–9',
	},
	{scope: 'search', action: 'submit', keys: [enter], description: 'search'},
	{
		scope: 'search',
		action: 'erase',
		keys: [{name: 'backspace'}, {name: 'delete'}],
		description: 'erase left',
	},
	{scope: 'search', action: 'leave', keys: [escape], description: 'cancel'},
	{scope: 'detail', action: 'up', keys: arrows.up, description: 'scroll up a line'},
	{scope: 'detail', action: 'down', keys: arrows.down, description: 'scroll down a line'},
	{
		scope: 'detail',
		action: 'pageUp',
		keys: [{name: 'pageUp'}, {input: 'b', ctrl: true}],
		description: 'scroll up a page',
	},
	{
		scope: 'detail',
		action: 'pageDown',
		keys: [{name: 'pageDown'}, {input: ' '}, {input: 'f', ctrl: true}],
		description: 'scroll down a page',
	},
	{scope: 'detail', action: 'top', keys: [{name: 'home'}, {input: 'g'}], description: 'top'},
	{
		scope: 'detail',
		action: 'bottom',
		keys: [{name: 'end'}, {input: 'G'}],
		description: 'bottom (the latest events)',
	},
	{scope: 'detail', action: 'close', keys: [escape, {input: 'q'}], description: 'close the job'},
	{scope: 'detail', action: 'edit', keys: [{input: 'e'}], description: 'edit its title and priority here'},
	{
		scope: 'detail',
		action: 'editInEditor',
		keys: [{input: 'E'}],
		description: 'edit it all (description, criteria) in $EDITOR',
	},
	{scope: 'edit', action: 'submit', keys: [enter], description: 'save (edit <id> --title …)'},
	{scope: 'edit', action: 'leave', keys: [escape], description: 'cancel'},
	// Two fields: "next" and "previous" are the same move.
	{
		scope: 'edit',
		action: 'nextField',
		keys: [{name: 'tab'}, {name: 'downArrow'}, {name: 'upArrow'}],
		description: 'other field (←→ move in the title or change the priority)',
	},
	{
		scope: 'edit',
		action: 'editInEditor',
		keys: [{input: 'g', ctrl: true}],
		description: 'every field (description, criteria) in $EDITOR',
	},
	{
		scope: 'results',
		action: 'submit',
		keys: [enter],
		description: "open the match (↑↓ j k move): its run's pane, else its log",
	},
	{
		scope: 'results',
		action: 'close',
		keys: [escape, {input: 'q'}],
		description: 'close the list (any other key too)',
	},
	{scope: 'stats', action: 'close', keys: [escape, {input: 'q'}], description: 'close the stats'},
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
	{
		scope: 'help',
		action: 'pageDown',
		keys: [{name: 'pageDown'}, {input: ' '}, {name: 'downArrow'}, {input: 'j'}],
		description: 'next page',
	},
	{
		scope: 'help',
		action: 'pageUp',
		keys: [{name: 'pageUp'}, {name: 'upArrow'}, {input: 'k'}],
		description: 'previous page',
	},
	{scope: 'help', action: 'quit', keys: [ctrlC], description: 'quit'},
	{scope: 'confirm', action: 'confirm', keys: [{input: 'y'}, ctrlC], description: 'quit and stop the runs'},
	{scope: 'confirm', action: 'deny', keys: [{input: 'n'}, escape], description: 'stay'},
];

/** A bindings table: {@link bindings}, or it with a person's `keys:` applied (see `keymap.ts`). */
export type Keymap = readonly Binding[];

/** The action bound to this key in `scope`, if any (`raw`: see {@link matchesKey}). */
export function findAction(
	scope: Scope,
	input: string,
	key: Key,
	raw?: string,
	table: Keymap = bindings,
): Action | undefined {
	return table.find(
		(binding) => binding.scope === scope && binding.keys.some((spec) => matchesKey(spec, input, key, raw)),
	)?.action;
}

/** The keys bound to `action` in `scope`, in table order. */
export function keysOf(scope: Scope, action: Action, table: Keymap = bindings): readonly KeySpec[] {
	return table.find((binding) => binding.scope === scope && binding.action === action)?.keys ?? [];
}
