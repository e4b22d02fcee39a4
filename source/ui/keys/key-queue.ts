/**
 * Keys handled one commit apart. Ink emits every key of one stdin chunk (a burst of arrows, text then
 * Enter) at once, while React renders the first key's update later and in slices; handled at once,
 * the second key would act on the state from before the first (Enter would show the card the arrow
 * just left). So a key arriving before the previous key's commit waits here until the next commit
 * (or a timeout, when the previous key changed nothing and no commit will come). A key its handler
 * calls settled (an edit of the REPL's line, which lives outside React) lets the next go at once.
 *
 * In insert mode (an immediate handler) keys change no state: each goes to the agent the moment it
 * arrives, so typing echoes without waiting for a frame. Only the key that leaves insert mode makes the
 * keys after it wait for the commit that brings the normal layers back.
 */
import type {Key} from 'ink';
import {keySettled} from './router.js';
import {plainKey, splitInput, type KeyEvent} from './split-input.js';

/**
 * Handles one key (`raw`: its bytes as they came); may hand back text it did not take, to be handled
 * next (after a commit), or {@link keySettled} when the key left the handler valid (it edited state
 * kept outside React, so no commit need come first: the next key goes at once). An immediate handler
 * hands back a string (maybe `''`) only when the key changed the mode.
 */
export type KeyHandler = (input: string, key: Key, raw: string) => string | undefined | typeof keySettled;

/** A queue in front of a key handler. */
export type KeyQueue = {
	/**
	 * A chunk arrived (`raw`: its bytes, default `input`): split it into keys, and handle the first now
	 * or after the pending commit.
	 */
	push(input: string, key: Key, raw?: string): void;
	/**
	 * React committed: from now on keys go to `handle` (built from the committed state), and a waiting
	 * key may go (on the next turn, outside the commit). `immediate`: `handle` changes no state per key
	 * (insert mode), so keys go to it as they arrive, unsplit.
	 */
	committed(handle: KeyHandler, immediate?: boolean): void;
	/** Drop pending keys and timers. */
	dispose(): void;
};

/** How long a queued key waits for a commit that may never come, in ms. */
export const commitTimeout = 100;

/** A queue handing keys one commit apart to the handler of the latest commit. */
export function createKeyQueue(): KeyQueue {
	let handle: KeyHandler = () => undefined;
	let immediate = false;
	const pending: KeyEvent[] = [];
	let waiting = false;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const schedule = (ms: number) => {
		clearTimeout(timer);
		timer = setTimeout(next, ms);
	};

	/** Handle one key; true when the keys after it must wait for a commit. */
	const run = ([input, key, raw]: KeyEvent): boolean => {
		const rest = handle(input, key, raw);
		if (rest === keySettled) {
			return false;
		}

		if (rest !== undefined && rest !== '') {
			pending.unshift(...splitInput(rest, plainKey));
		}

		return !immediate || rest !== undefined;
	};

	function next(): void {
		timer = undefined;
		for (;;) {
			const item = pending.shift();
			waiting = item !== undefined;
			if (!item) {
				return;
			}

			if (run(item)) {
				schedule(commitTimeout);
				return;
			}
		}
	}

	return {
		push(input, key, raw = input) {
			if (immediate && !waiting) {
				// Whole, at once: a paste or an escape sequence reaches the agent as it came.
				waiting = run([input, key, raw]);
				if (waiting) {
					schedule(commitTimeout);
				}

				return;
			}

			pending.push(...splitInput(input, key, raw));
			if (!waiting) {
				next();
			}
		},
		committed(latest, isImmediate = false) {
			handle = latest;
			immediate = isImmediate;
			if (waiting) {
				schedule(0);
			}
		},
		dispose() {
			pending.length = 0;
			waiting = false;
			clearTimeout(timer);
		},
	};
}
