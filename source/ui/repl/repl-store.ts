/**
 * The REPL's state outside React: {@link replReducer} run in a small external store, so that typing
 * into the input line commits nothing.
 *
 * Every commit costs a full Ink frame (~20 ms at 200×50, PITFALLS.md), and a keystroke is the one
 * change a person waits on (B3). So the store has two audiences: React subscribes to the state as of
 * its last change other than the input line ({@link ReplStore.getView}), and whoever draws the line
 * subscribes to the line alone ({@link ReplStore.line}): with the pane surface, the line's slot paints
 * it at once; without it, the line's own component re-renders and nothing else does.
 */
import type {EditLine} from './line-editor.js';
import {initialReplState, replReducer, type ReplAction, type ReplState} from './repl-state.js';

/** The input line as an external store: its current value and a change notification. */
export type LineSource = {
	/** The line now (always current, between commits too). */
	get(): EditLine;
	/** Calls `listener` after each change of the line; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
};

/** The REPL state React draws: the input line is not in it (it may be older than what is typed). */
export type ReplView = Omit<ReplState, 'input' | 'draft'>;

/** The store. */
export type ReplStore = {
	/** The whole state now, the input line included (key handlers read it: Enter runs what is typed). */
	getState(): ReplState;
	/** The state as of its last change that was not an edit of the line alone; stable between them. */
	getView(): ReplView;
	/** Apply `action` (see {@link replReducer}) and tell whoever it concerns. */
	dispatch(action: ReplAction): void;
	/** Calls `listener` after each change of the view; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void;
	readonly line: LineSource;
};

/** True when `next` differs from `previous` in its input line only. */
function onlyLine(previous: ReplState, next: ReplState): boolean {
	for (const key of Object.keys(next) as Array<keyof ReplState>) {
		if (key !== 'input' && next[key] !== previous[key]) {
			return false;
		}
	}

	return true;
}

/** A REPL store starting from `initial` (default: an empty REPL). */
export function createReplStore(initial: ReplState = initialReplState): ReplStore {
	let state = initial;
	let view: ReplView = initial;
	const viewListeners = new Set<() => void>();
	const lineListeners = new Set<() => void>();
	const subscribeTo = (listeners: Set<() => void>) => (listener: () => void) => {
		listeners.add(listener);
		return () => {
			listeners.delete(listener);
		};
	};

	return {
		getState: () => state,
		getView: () => view,
		dispatch(action) {
			const previous = state;
			state = replReducer(previous, action);
			if (state === previous) {
				return;
			}

			const lineChanged = state.input !== previous.input;
			if (!onlyLine(previous, state)) {
				view = state;
				for (const listener of [...viewListeners]) {
					listener();
				}
			}

			if (lineChanged) {
				for (const listener of [...lineListeners]) {
					listener();
				}
			}
		},
		subscribe: subscribeTo(viewListeners),
		line: {
			get: () => state.input,
			subscribe: subscribeTo(lineListeners),
		},
	};
}
