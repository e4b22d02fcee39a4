/**
 * The key router: one place that decides who gets a key. Layers are tried in order (a modal, then the
 * focused area, then the global bindings); each gets the action its scope binds to the key (or
 * `undefined`) and returns `true` when it used the key, which stops the search.
 */
import type {Key} from 'ink';
import {findAction, type Action, type Scope} from './bindings.js';
import {firstKey} from './split-input.js';

/** One layer of the router. */
export type KeyLayer = {
	readonly scope: Scope;
	/**
	 * Takes a run of text as one key (the REPL inserts a paste at once). Other layers get text one
	 * character per commit, so `:list` typed at once focuses the REPL with `:` and then types `list`.
	 */
	readonly takesText?: boolean;
	/**
	 * Handle a key. `action` is what this layer's scope binds the key to; a layer may also use an
	 * unbound key (the REPL inserts printable keys).
	 *
	 * @returns true when the key was used.
	 */
	handle(action: Action | undefined, input: string, key: Key): boolean;
};

/** Route one key through `layers`, in order. Returns true when some layer used it. */
export function routeKey(layers: readonly KeyLayer[], input: string, key: Key): boolean {
	for (const layer of layers) {
		if (layer.handle(findAction(layer.scope, input, key), input, key)) {
			return true;
		}
	}

	return false;
}

/**
 * Route a key or a run of text. A run goes whole to a first layer that takes text; otherwise only its
 * first character is routed and the rest is returned, to be routed after the next commit (the first
 * character may have moved the focus).
 */
export function routeInput(layers: readonly KeyLayer[], input: string, key: Key): string | undefined {
	if (!isPrintable(input, key) || input.length <= 1 || layers[0]?.takesText) {
		routeKey(layers, input, key);
		return undefined;
	}

	const [first, rest] = firstKey(input);
	routeKey(layers, first, key);
	return rest === '' ? undefined : rest;
}

/** True for a key that types text (not Ctrl/Meta chords, arrows, Enter, Esc, Tab or Backspace). */
export function isPrintable(input: string, key: Key): boolean {
	return input.length > 0 && !key.ctrl && !key.meta && !key.tab && !key.return && !key.escape;
}
