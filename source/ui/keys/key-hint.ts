/**
 * The one-line key reminder under the REPL, drawn from the bindings table like the help overlay: the
 * keys of the scope that has them, then the global ones it does not shadow.
 */
import {bindings, modalScopes, type Action, type Keymap, type Scope} from './bindings.js';
import {keyLabel, sameKey} from './key-spec.js';

const hintSkip = new Set<Action>([
	'left',
	'right',
	'up',
	'down',
	'pageDown',
	'top',
	'bottom',
	'previousMatch',
	'focusPane',
	'moveCardLeft',
	'moveCardRight',
	'toggleBoard',
	'historyNext',
	'lineStart',
	'lineEnd',
	'erase',
	'clearLine',
	'toggleProfile',
]);

/** The hint's word for an action, by `scope.action` first, then by action. */
const hintWords: Readonly<Record<string, string>> = {
	focusRepl: 'command',
	cycleFocus: 'next area',
	historyPrev: 'history',
	leave: 'board',
	'search.leave': 'cancel',
	leaveInsert: 'leave',
	leaveInsertNow: 'leave at once',
	pageUp: 'scroll',
	nextMatch: 'next match',
	toggleStats: 'stats',
	editInEditor: '$EDITOR',
	nextField: 'next field',
	'results.submit': 'open',
	'edit.submit': 'save',
	'edit.leave': 'cancel',
};

/**
 * A one-line reminder of the keys of `scope`, then the global ones (`enter show · d dispatch · … ·
 * ? help`; a modal has none), drawn from the table like the help overlay. Arrows are left out: they
 * are the obvious part. A binding rebound to no keys is left out too.
 */
export function keyHint(scope: Scope, table: Keymap = bindings): string {
	const inScope = (wanted: Scope) =>
		table.filter(
			(binding) => binding.scope === wanted && !hintSkip.has(binding.action) && binding.keys.length > 0,
		);
	// A global key the scope uses for itself (`q` closes the detail view) is not offered as global.
	const own = table.filter((binding) => binding.scope === scope).flatMap((binding) => binding.keys);
	const global =
		scope === 'global' || modalScopes.has(scope)
			? []
			: inScope('global').flatMap((binding) => {
					const keys = binding.keys.filter((spec) => !own.some((key) => sameKey(key, spec)));
					return keys.length > 0 ? [{...binding, keys}] : [];
				});
	return [...inScope(scope), ...global]
		.map(
			(binding) =>
				`${keyLabel(binding.keys[0]!)} ${hintWords[`${binding.scope}.${binding.action}`] ?? hintWords[binding.action] ?? binding.action}`,
		)
		.join(' · ');
}
