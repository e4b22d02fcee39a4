/**
 * Which area takes keys, and which modal (if any) is open. A reducer, so the key layers only dispatch
 * and the rules (Tab skips an empty pane grid; a modal keeps the focus underneath) live in one place.
 */
import {useMemo, useReducer} from 'react';

/** The focusable areas, in Tab order. */
export const focusOrder = ['board', 'panes', 'repl'] as const;
/** A focusable area. */
export type Focus = (typeof focusOrder)[number];
/** An open modal: the help overlay, or the quit confirmation in the status bar. */
export type Modal = 'help' | 'confirm-quit';

/** Focus state. */
export type FocusState = {readonly focus: Focus; readonly modal: Modal | undefined};

/** Focus changes. `cycle` skips the panes when none are shown. */
export type FocusAction =
	| {readonly type: 'focus'; readonly focus: Focus}
	| {readonly type: 'cycle'; readonly hasPanes: boolean}
	| {readonly type: 'open'; readonly modal: Modal}
	| {readonly type: 'close'};

/** The board has focus and nothing is open. */
export const initialFocusState: FocusState = {focus: 'board', modal: undefined};

/** The reducer. */
export function focusReducer(state: FocusState, action: FocusAction): FocusState {
	switch (action.type) {
		case 'focus': {
			return {...state, focus: action.focus};
		}

		case 'cycle': {
			const areas = focusOrder.filter((area) => area !== 'panes' || action.hasPanes);
			const next = areas[(areas.indexOf(state.focus) + 1) % areas.length] ?? 'board';
			return {...state, focus: next};
		}

		case 'open': {
			return {...state, modal: action.modal};
		}

		case 'close': {
			return {...state, modal: undefined};
		}

		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}

/** Focus state and its actions. */
export type FocusControls = FocusState & {
	setFocus(focus: Focus): void;
	cycle(hasPanes: boolean): void;
	open(modal: Modal): void;
	close(): void;
};

/** Focus state as a hook. */
export function useFocusState(): FocusControls {
	const [state, dispatch] = useReducer(focusReducer, initialFocusState);
	return useMemo(
		() => ({
			...state,
			setFocus(focus: Focus) {
				dispatch({type: 'focus', focus});
			},
			cycle(hasPanes: boolean) {
				dispatch({type: 'cycle', hasPanes});
			},
			open(modal: Modal) {
				dispatch({type: 'open', modal});
			},
			close() {
				dispatch({type: 'close'});
			},
		}),
		[state],
	);
}
