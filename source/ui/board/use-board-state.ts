/**
 * The board's selection: which column, which card in each column, and how far each column is
 * scrolled. A reducer (ink-ui's select pattern); the views and the key layer only dispatch.
 *
 * Card positions are indices, clamped at read time, so a selection survives jobs moving between
 * columns (the store changes under it) without effects that copy state into state.
 */
import {useMemo, useReducer} from 'react';
import {jobStatuses, type Job, type JobStatus} from '../../core/index.js';
import type {BoardColumns} from './columns.js';

/** Selection state. */
export type BoardState = {
	/** Index into `jobStatuses`. */
	readonly column: number;
	/** Selected card index per column (may be past the end; clamp with {@link scrollWindow}). */
	readonly cards: readonly number[];
	/** First visible card per column. */
	readonly offsets: readonly number[];
};

/** Selection changes. `count` and `capacity` describe the current column when the action is sent. */
export type BoardAction =
	| {readonly type: 'column'; readonly delta: number}
	| {readonly type: 'card'; readonly delta: number; readonly count: number; readonly capacity: number};

/** The first column, first card of each column, nothing scrolled. */
export const initialBoardState: BoardState = {
	column: 0,
	cards: jobStatuses.map(() => 0),
	offsets: jobStatuses.map(() => 0),
};

const clamp = (value: number, low: number, high: number) =>
	Math.min(Math.max(value, low), Math.max(low, high));

/**
 * The selected card and first visible card of a column holding `count` cards of which `capacity` fit:
 * the selection is clamped to the column and the window moves as little as possible to show it.
 */
export function scrollWindow(
	selected: number,
	offset: number,
	count: number,
	capacity: number,
): {selected: number; offset: number} {
	const card = clamp(selected, 0, count - 1);
	const first = clamp(offset, card - capacity + 1, card);
	return {selected: card, offset: clamp(first, 0, count - capacity)};
}

/** The reducer. */
export function boardReducer(state: BoardState, action: BoardAction): BoardState {
	switch (action.type) {
		case 'column': {
			return {...state, column: clamp(state.column + action.delta, 0, jobStatuses.length - 1)};
		}

		case 'card': {
			const {column} = state;
			const current = scrollWindow(
				state.cards[column] ?? 0,
				state.offsets[column] ?? 0,
				action.count,
				action.capacity,
			);
			const next = scrollWindow(
				current.selected + action.delta,
				current.offset,
				action.count,
				action.capacity,
			);
			return {
				...state,
				cards: state.cards.with(column, next.selected),
				offsets: state.offsets.with(column, next.offset),
			};
		}

		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}

/** What the board view and the key layer get from {@link useBoardState}. */
export type BoardSelection = {
	readonly state: BoardState;
	readonly status: JobStatus;
	/** The selected job, if its column has any. */
	readonly job: Job | undefined;
	moveColumn(delta: number): void;
	moveCard(delta: number): void;
};

/**
 * Selection over `columns`, where `capacity(status)` cards fit in a column.
 */
export function useBoardState(
	columns: BoardColumns,
	capacity: (status: JobStatus) => number,
): BoardSelection {
	const [state, dispatch] = useReducer(boardReducer, initialBoardState);
	const status = jobStatuses[state.column] ?? 'inbox';
	const jobs = columns[status];
	const {selected} = scrollWindow(state.cards[state.column] ?? 0, 0, jobs.length, jobs.length);
	const job = jobs[selected];
	const room = capacity(status);
	return useMemo(
		() => ({
			state,
			status,
			job,
			moveColumn(delta: number) {
				dispatch({type: 'column', delta});
			},
			moveCard(delta: number) {
				dispatch({type: 'card', delta, count: jobs.length, capacity: room});
			},
		}),
		[state, status, job, jobs.length, room],
	);
}
