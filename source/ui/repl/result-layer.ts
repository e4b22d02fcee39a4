/**
 * The search result list's keys: ↑↓ (j k) move, PgUp PgDn and Home End (g G) by a page or to the ends,
 * Enter opens the match, Esc or q closes the list. Any other key closes it
 * and then acts as usual (`:` focuses the REPL, Tab moves on), so the list never traps the keyboard.
 */
import type {Key} from 'ink';
import type {KeyLayer} from '../keys/router.js';
import type {ResultMove} from './result-list.js';

/** What the layer acts on. */
export type ResultControls = {
	/** Matches a page moves. */
	readonly page: number;
	move(by: ResultMove): void;
	/** Open the selected match (and close the list). */
	open(): void;
	close(): void;
};

/**
 * A move of the cursor, read from the keys themselves as every list here reads them (the table keeps
 * only Enter and Esc, so the help overlay stays one page).
 */
function listMove(input: string, key: Key, page: number): ResultMove | undefined {
	if (key.upArrow || key.downArrow || input === 'k' || input === 'j') {
		return key.upArrow || input === 'k' ? -1 : 1;
	}

	if (key.pageUp || key.pageDown) {
		return key.pageUp ? -page : page;
	}

	if (key.home || input === 'g') {
		return 'top';
	}

	return key.end || input === 'G' ? 'bottom' : undefined;
}

/** The layer while a result list is open. */
export function resultLayer(c: ResultControls): KeyLayer {
	return {
		scope: 'results',
		handle(action, input, key) {
			const by = listMove(input, key, c.page);
			if (by !== undefined) {
				c.move(by);
				return true;
			}

			if (action === 'submit') {
				c.open();
				return true;
			}

			c.close();
			return action === 'close';
		},
	};
}
