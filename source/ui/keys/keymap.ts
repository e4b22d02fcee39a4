/**
 * Rebinding: the person's `keys:` from `config.yml` applied to the bindings table. A setting names an
 * action, wherever it is bound outside modals (`dispatch: D`), or in one scope (`panes.zoom: Z`,
 * `help.close: x`; an action bound only in a modal, like `leaveInsert`, needs no scope), and gives its
 * keys (one, or a list; an empty list unbinds it). The result is checked as a whole: an unknown action
 * or scope, a key that is not a key, a printable key where typing goes (the REPL, the search prompt),
 * two actions on one key in one scope, and a rebound key that a global binding and an area's would
 * share (the area would take it first) are errors naming the setting, which the config loader turns
 * into `file:line:column`.
 */
import {
	actions,
	bindings,
	modalScopes,
	type Action,
	type Binding,
	type Keymap,
	type Scope,
} from './bindings.js';
import {keyBytes, keyLabel, parseKeySpec, sameKey, type KeySpec} from './key-spec.js';

/** `keys:` as written: setting name → one key or a list of keys. */
export type KeyOverrides = Readonly<Record<string, string | readonly string[]>>;

/** A problem with one setting of `keys:`. */
export type KeymapProblem = {
	/** The setting's name (its key under `keys:`). */
	readonly setting: string;
	/** Index in the setting's list, when the problem is one key of it. */
	readonly index?: number;
	readonly message: string;
};

const scopes: readonly Scope[] = [...new Set(bindings.map((binding) => binding.scope))];
/** Scopes where printable keys are text: binding one there would make it impossible to type. */
const typingScopes: ReadonlySet<Scope> = new Set(['repl', 'search', 'edit']);

function isPrintable(spec: KeySpec): boolean {
	return 'input' in spec && !spec.ctrl;
}

type Parsed = {readonly keys: KeySpec[]; readonly problems: KeymapProblem[]};

function parseKeys(setting: string, value: string | readonly string[]): Parsed {
	const texts = typeof value === 'string' ? [value] : value;
	const keys: KeySpec[] = [];
	const problems: KeymapProblem[] = [];
	for (const [index, text] of texts.entries()) {
		try {
			keys.push(parseKeySpec(text));
		} catch (error) {
			problems.push({
				setting,
				index: typeof value === 'string' ? undefined : index,
				message: (error as Error).message,
			});
		}
	}

	return {keys, problems};
}

/** Edits (insert, delete, replace) turning `a` into `b`: Levenshtein's distance. */
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				previous[j]! + 1,
				current[j - 1]! + 1,
				previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}

		previous = current;
	}

	return previous[b.length]!;
}

/** `(did you mean "dispatch"?)` for a near miss, else the list of `names`. */
function suggest(wrong: string, names: readonly string[], what: string): string {
	const near = names.find((name) => distance(wrong.toLowerCase(), name.toLowerCase()) <= 2);
	return near === undefined ? `${what}: ${names.join(', ')}` : `did you mean "${near}"?`;
}

/** The rows of `table` a setting names, or why it names none. */
function target(table: Keymap, setting: string): {rows: number[]} | {problem: string} {
	const [first, second] = setting.split('.');
	const scope = second === undefined ? undefined : (first as Scope);
	const action = (second ?? first) as Action;
	if (scope !== undefined && !scopes.includes(scope)) {
		return {problem: `unknown scope "${first}"; ${suggest(first!, scopes, 'scopes')}`};
	}

	if (!actions.includes(action)) {
		return {problem: `unknown action "${action}"; ${suggest(action, actions, 'actions')}`};
	}

	const rows = table.flatMap((binding, index) =>
		binding.action === action && (scope === undefined || binding.scope === scope) ? [index] : [],
	);
	// Unscoped, an action means its non-modal bindings (`quit` is not also help's Ctrl-C), unless it
	// has only modal ones (`leaveInsert`).
	const open = rows.filter((row) => !modalScopes.has(table[row]!.scope));
	const named = scope === undefined && open.length > 0 ? open : rows;
	return named.length > 0
		? {rows: named}
		: {problem: `"${action}" is not an action of ${scope ?? 'any scope'}`};
}

/** Keys insert mode can act on: the leave chord needs a doubled key with bytes, the others bytes. */
function insertProblem(binding: Binding, keys: readonly KeySpec[]): string | undefined {
	if (binding.scope !== 'insert') {
		return undefined;
	}

	const bad = keys.find((spec) =>
		binding.action === 'leaveInsert'
			? !('twice' in spec && spec.twice) || keyBytes(spec) === undefined
			: keyBytes(spec) === undefined || ('twice' in spec && spec.twice),
	);
	if (bad === undefined) {
		return undefined;
	}

	return binding.action === 'leaveInsert'
		? `${binding.action} takes a key pressed twice, such as "esc esc"`
		: `${binding.action} takes a control key, such as "ctrl+]" (not ${keyLabel(bad)})`;
}

/** Scopes that take keys before the global ones; a printable key in the REPL is text there anyway. */
const areaScopes: ReadonlySet<Scope> = new Set(['board', 'panes', 'detail']);

/**
 * Two actions on one key in one scope, or (for the rows a setting changed) a global key that an area
 * would take first, or an area key that hides a global one: as messages.
 */
function clashes(
	table: Keymap,
	shipped: Keymap,
	changed: ReadonlySet<number>,
): Array<{row: number; message: string}> {
	const found: Array<{row: number; message: string}> = [];
	const meets = (binding: Binding, candidate: Binding) =>
		candidate.scope === binding.scope ||
		(binding.scope === 'global' && areaScopes.has(candidate.scope)) ||
		(areaScopes.has(binding.scope) && candidate.scope === 'global');
	// A pair the shipped table has on purpose (`q` quits, and closes the detail view) is no clash.
	const wasShipped = (row: number, other: number, spec: KeySpec) =>
		[row, other].every((index) => shipped[index]?.keys.some((key) => sameKey(key, spec)));
	for (const row of changed) {
		const binding = table[row]!;
		for (const spec of binding.keys) {
			const other = table.findIndex(
				(candidate, index) =>
					index !== row &&
					meets(binding, candidate) &&
					candidate.keys.some((key) => sameKey(key, spec)) &&
					!wasShipped(row, index, spec),
			);
			if (other !== -1) {
				const {action, scope} = table[other]!;
				found.push({
					row,
					message: `"${keyLabel(spec)}" is already bound to ${action} in ${scope}; rebind or unbind that too`,
				});
			}
		}
	}

	return found;
}

/**
 * The table with `overrides` applied, and the problems found. With problems, the table returned is
 * the shipped one: half a rebinding is worse than none.
 */
export function applyKeyOverrides(
	overrides: KeyOverrides,
	table: Keymap = bindings,
): {readonly keymap: Keymap; readonly problems: readonly KeymapProblem[]} {
	const next = [...table];
	const problems: KeymapProblem[] = [];
	const settingOf = new Map<number, string>();
	for (const [setting, value] of Object.entries(overrides)) {
		const rows = target(table, setting);
		if ('problem' in rows) {
			problems.push({setting, message: rows.problem});
			continue;
		}

		const parsed = parseKeys(setting, value);
		problems.push(...parsed.problems);
		for (const row of rows.rows) {
			const binding = table[row]!;
			const typing = typingScopes.has(binding.scope)
				? parsed.keys.find((spec) => isPrintable(spec))
				: undefined;
			const message =
				typing === undefined
					? insertProblem(binding, parsed.keys)
					: `"${keyLabel(typing)}" types text in ${binding.scope}: bind a named or ctrl key there`;
			if (message !== undefined) {
				problems.push({setting, message});
				continue;
			}

			next[row] = {...binding, keys: parsed.keys};
			settingOf.set(row, setting);
		}
	}

	for (const clash of clashes(next, table, new Set(settingOf.keys()))) {
		problems.push({setting: settingOf.get(clash.row)!, message: clash.message});
	}

	return problems.length > 0 ? {keymap: table, problems} : {keymap: next, problems};
}
