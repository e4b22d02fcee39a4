/**
 * What the screen shows besides the data: the job detail view (which job, how far scrolled), a
 * zoomed pane, a hidden board, and a pane search being typed. A reducer, so the key layers only
 * dispatch and the rules live in one place.
 */
import {useMemo, useReducer} from 'react';

/** The view. */
export type ViewState = {
	/** The job detail view is open on this job, scrolled `offset` lines down. */
	readonly detail: {readonly jobId: string; readonly offset: number} | undefined;
	/** The focused pane fills the pane area (and the board's place). */
	readonly zoomed: boolean;
	/** The board is hidden: the panes take its rows. */
	readonly boardHidden: boolean;
	/** A pane search being typed (`/`): the text so far. */
	readonly searchInput: string | undefined;
	/** Page of the help overlay, from 0. */
	readonly helpPage: number;
	/** The stats view (`s`) is drawn in the main area. */
	readonly stats: boolean;
};

/** How far a scroll goes: lines (negative: up), or to an end. */
export type ScrollTarget = number | 'top' | 'bottom';

/** View changes. `max` is the largest offset the detail view can scroll to when the action is sent. */
export type ViewAction =
	| {readonly type: 'openDetail'; readonly jobId: string}
	| {readonly type: 'closeDetail'}
	| {readonly type: 'scrollDetail'; readonly by: ScrollTarget; readonly max: number}
	| {readonly type: 'toggleZoom'}
	| {readonly type: 'toggleBoard'}
	| {readonly type: 'toggleStats'}
	| {readonly type: 'closeStats'}
	| {readonly type: 'startSearch'}
	| {readonly type: 'editSearch'; readonly text: string}
	| {readonly type: 'endSearch'}
	| {readonly type: 'pageHelp'; readonly by: number | 'first'; readonly pages: number};

/** Nothing open, nothing zoomed or hidden. */
export const initialViewState: ViewState = {
	detail: undefined,
	zoomed: false,
	boardHidden: false,
	searchInput: undefined,
	helpPage: 0,
	stats: false,
};

function scrolled(offset: number, by: ScrollTarget, max: number): number {
	const next = by === 'top' ? 0 : by === 'bottom' ? max : offset + by;
	return Math.min(Math.max(0, next), max);
}

/** The reducer. */
export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'openDetail': {
			return {...state, detail: {jobId: action.jobId, offset: 0}};
		}

		case 'closeDetail': {
			return state.detail === undefined ? state : {...state, detail: undefined};
		}

		case 'scrollDetail': {
			const {detail} = state;
			if (!detail) {
				return state;
			}

			const offset = scrolled(Math.min(detail.offset, action.max), action.by, action.max);
			return offset === detail.offset ? state : {...state, detail: {...detail, offset}};
		}

		case 'toggleZoom': {
			return {...state, zoomed: !state.zoomed};
		}

		case 'toggleBoard': {
			return {...state, boardHidden: !state.boardHidden};
		}

		case 'toggleStats': {
			return {...state, stats: !state.stats};
		}

		case 'closeStats': {
			return state.stats ? {...state, stats: false} : state;
		}

		case 'startSearch': {
			return {...state, searchInput: ''};
		}

		case 'editSearch': {
			return state.searchInput === undefined ? state : {...state, searchInput: action.text};
		}

		case 'endSearch': {
			return {...state, searchInput: undefined};
		}

		case 'pageHelp': {
			const page =
				action.by === 'first' ? 0 : Math.min(Math.max(0, state.helpPage + action.by), action.pages - 1);
			return page === state.helpPage ? state : {...state, helpPage: page};
		}

		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}

/** The view state and its actions. */
export type ViewControls = ViewState & {
	openDetail(jobId: string): void;
	closeDetail(): void;
	scrollDetail(by: ScrollTarget, max: number): void;
	toggleZoom(): void;
	toggleBoard(): void;
	toggleStats(): void;
	closeStats(): void;
	startSearch(): void;
	editSearch(text: string): void;
	endSearch(): void;
	/** Turn the help overlay's page (`pages`: how many there are), or back to the first. */
	pageHelp(by: number | 'first', pages: number): void;
};

/** View state as a hook. */
export function useViewState(): ViewControls {
	const [state, dispatch] = useReducer(viewReducer, initialViewState);
	return useMemo(
		() => ({
			...state,
			openDetail(jobId: string) {
				dispatch({type: 'openDetail', jobId});
			},
			closeDetail() {
				dispatch({type: 'closeDetail'});
			},
			scrollDetail(by: ScrollTarget, max: number) {
				dispatch({type: 'scrollDetail', by, max});
			},
			toggleZoom() {
				dispatch({type: 'toggleZoom'});
			},
			toggleBoard() {
				dispatch({type: 'toggleBoard'});
			},
			toggleStats() {
				dispatch({type: 'toggleStats'});
			},
			closeStats() {
				dispatch({type: 'closeStats'});
			},
			startSearch() {
				dispatch({type: 'startSearch'});
			},
			editSearch(text: string) {
				dispatch({type: 'editSearch', text});
			},
			endSearch() {
				dispatch({type: 'endSearch'});
			},
			pageHelp(by: number | 'first', pages: number) {
				dispatch({type: 'pageHelp', by, pages});
			},
		}),
		[state],
	);
}
