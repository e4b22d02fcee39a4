/**
 * The key router: one place that decides who gets a key. Layers are tried in order (a modal, then the
 * focused area, then the global bindings); each gets the action its scope binds to the key (or
 * `undefined`) and returns `true` when it used the key, which stops the search.
 */
import type {Key} from 'ink';
import {bindings, findAction, type Action, type Keymap, type Scope} from './bindings.js';
import {firstKey} from './split-input.js';

/**
 * What a layer returns for a key it used without changing anything the layers are built from (the
 * REPL's line, kept outside React): the key after it need not wait for a commit (see `key-queue.ts`).
 */
export const keySettled: unique symbol = Symbol('key settled');

/** What a layer did with a key: ignored it (false), used it (true), or used it and {@link keySettled}. */
export type Handled = boolean | typeof keySettled;

/** One layer of the router. */
export type KeyLayer = {
	readonly scope: Scope;
	/**
	 * Takes a run of text as one key (the REPL inserts a paste at once). Other layers get text one
	 * character per commit, so `:list` typed at once focuses the REPL with `:` and then types `list`.
	 */
	readonly takesText?: boolean;
	/**
	 * A modal that takes the keyboard's bytes as they came (insert mode) has this instead of using
	 * `handle`: each chunk goes to it whole and at once (the key queue does not wait for a commit).
	 *
	 * @returns `undefined` while the layer keeps the keyboard; once it gave it back, the bytes it did not
	 *   take (maybe `''`), to be routed after the next commit.
	 */
	takeRaw?(raw: string): string | undefined;
	/**
	 * Handle a key. `action` is what this layer's scope binds the key to; a layer may also use an
	 * unbound key (the REPL inserts printable keys).
	 *
	 * @returns true when the key was used; {@link keySettled} when it was used and the layers still hold.
	 */
	handle(action: Action | undefined, input: string, key: Key): Handled;
};

/**
 * Route one key through `layers`, in order, naming it with `table`'s actions. Returns what the layer
 * that used it said (true or {@link keySettled}), or false when none did.
 */
export function routeKey(
	layers: readonly KeyLayer[],
	input: string,
	key: Key,
	raw?: string,
	table: Keymap = bindings,
): Handled {
	for (const layer of layers) {
		const used = layer.handle(findAction(layer.scope, input, key, raw, table), input, key);
		if (used !== false) {
			return used;
		}
	}

	return false;
}

/** The markers a terminal wraps a paste in once bracketed paste is on (the dashboard turns it on). */
export const pasteMarkers: ReadonlySet<string> = new Set(['\u001B[200~', '\u001B[201~']);

/**
 * Route a key or a run of text (`raw`: the bytes it came as). A layer that takes raw bytes gets them
 * whole; a run of text goes whole to a first layer that takes text; otherwise only its first
 * character is routed and the rest is returned, to be routed after the next commit (the first
 * character may have moved the focus). Paste markers reach only a raw layer: elsewhere a paste is
 * just its text. {@link keySettled} when the layer that used a whole key said so (or for a dropped
 * paste marker).
 */
export function routeInput(
	layers: readonly KeyLayer[],
	input: string,
	key: Key,
	raw = input,
	table: Keymap = bindings,
): string | undefined | typeof keySettled {
	const top = layers[0];
	if (top?.takeRaw) {
		return top.takeRaw(raw);
	}

	if (pasteMarkers.has(raw)) {
		// Dropped, which changes nothing: the paste's text need not wait for a commit.
		return keySettled;
	}

	if (!isPrintable(input, key) || input.length <= 1 || top?.takesText) {
		return routeKey(layers, input, key, raw, table) === keySettled ? keySettled : undefined;
	}

	const [first, rest] = firstKey(input);
	routeKey(layers, first, key, first, table);
	return rest === '' ? undefined : rest;
}

/** True when the first of `layers` takes raw bytes: keys for it need not wait for a commit. */
export function takesRaw(layers: readonly KeyLayer[]): boolean {
	return layers[0]?.takeRaw !== undefined;
}

/** True for a key that types text (not Ctrl/Meta chords, arrows, Enter, Esc, Tab or Backspace). */
export function isPrintable(input: string, key: Key): boolean {
	return input.length > 0 && !key.ctrl && !key.meta && !key.tab && !key.return && !key.escape;
}
