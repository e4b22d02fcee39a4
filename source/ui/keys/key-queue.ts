/**
 * Keys handled one commit apart. Ink emits every key of one stdin chunk (a burst of arrows, text then
 * Enter) at once, while React renders the first key's update later and in slices; handled at once,
 * the second key would act on the state from before the first (Enter would show the card the arrow
 * just left). So a key arriving before the previous key's commit waits here until the next commit
 * (or a timeout, when the previous key changed nothing and no commit will come).
 */
import type {Key} from 'ink';
import {splitInput} from './split-input.js';

/** Handles one key; may hand back text it did not take, to be handled next (after a commit). */
export type KeyHandler = (input: string, key: Key) => string | undefined;

/** A queue in front of a key handler. */
export type KeyQueue = {
	/** A chunk arrived: split it into keys, and handle the first now or after the pending commit. */
	push(input: string, key: Key): void;
	/**
	 * React committed: from now on keys go to `handle` (built from the committed state), and a waiting
	 * key may go (on the next turn, outside the commit).
	 */
	committed(handle: KeyHandler): void;
	/** Drop pending keys and timers. */
	dispose(): void;
};

/** How long a queued key waits for a commit that may never come, in ms. */
export const commitTimeout = 100;

/** A queue handing keys one commit apart to the handler of the latest commit. */
export function createKeyQueue(): KeyQueue {
	let handle: KeyHandler = () => undefined;
	const pending: Array<[string, Key]> = [];
	let waiting = false;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const schedule = (ms: number) => {
		clearTimeout(timer);
		timer = setTimeout(next, ms);
	};

	function next(): void {
		timer = undefined;
		const item = pending.shift();
		waiting = item !== undefined;
		if (item) {
			const rest = handle(item[0], item[1]);
			if (rest !== undefined) {
				pending.unshift([rest, item[1]]);
			}

			schedule(commitTimeout);
		}
	}

	return {
		push(input, key) {
			pending.push(...splitInput(input, key));
			if (!waiting) {
				next();
			}
		},
		committed(latest) {
			handle = latest;
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
