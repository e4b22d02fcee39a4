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

/**
 * Selection changes. `heights` (rows of each card) and `rows` (rows for cards) describe the current
 * column when the action is sent.
 */
export type BoardAction =
	| {readonly type: 'column'; readonly delta: number}
	| {
			readonly type: 'card';
			readonly delta: number;
			readonly heights: readonly number[];
			readonly rows: number;
	  }
	/** Select card `card` of column `column` (a click); `heights` are that column's cards. */
	| {
			readonly type: 'select';
			readonly column: number;
			readonly card: number;
			readonly heights: readonly number[];
			readonly rows: number;
	  };

/** The first column, first card of each column, nothing scrolled. */
export const initialBoardState: BoardState = {
	column: 0,
	cards: jobStatuses.map(() => 0),
	offsets: jobStatuses.map(() => 0),
};

const clamp = (value: number, low: number, high: number) =>
	Math.min(Math.max(value, low), Math.max(low, high));

const sum = (values: readonly number[], from: number, to: number) =>
	values.slice(from, to + 1).reduce((total, value) => total + value, 0);

/** What a column shows: the selected card, the first card shown, and how many are shown. */
export type ScrollView = {readonly selected: number; readonly offset: number; readonly shown: number};

/**
 * The view of a column whose cards are `heights` rows tall in `rows` rows: the selection is clamped to
 * the column and the window moves as little as possible to show it, never leaving rows empty at the
 * bottom that earlier cards could fill. A card taller than the rows is still shown (cut).
 */
export function scrollWindow(
	selected: number,
	offset: number,
	heights: readonly number[],
	rows: number,
): ScrollView {
	const count = heights.length;
	const card = clamp(selected, 0, count - 1);
	let first = clamp(offset, 0, card);
	while (first < card && sum(heights, first, card) > rows) {
		first++;
	}

	// The first card from which the rest of the column fits: scrolling further only wastes rows.
	let tail = count;
	while (tail > 0 && sum(heights, tail - 1, count - 1) <= rows) {
		tail--;
	}

	first = Math.min(first, tail);
	let shown = 0;
	let used = 0;
	while (first + shown < count && used + (heights[first + shown] ?? 0) <= rows) {
		used += heights[first + shown] ?? 0;
		shown++;
	}

	return {selected: card, offset: first, shown: count === 0 ? 0 : Math.max(1, shown)};
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
				action.heights,
				action.rows,
			);
			const next = scrollWindow(current.selected + action.delta, current.offset, action.heights, action.rows);
			return {
				...state,
				cards: state.cards.with(column, next.selected),
				offsets: state.offsets.with(column, next.offset),
			};
		}

		case 'select': {
			const column = clamp(action.column, 0, jobStatuses.length - 1);
			const next = scrollWindow(action.card, state.offsets[column] ?? 0, action.heights, action.rows);
			return {
				column,
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
	/** Select card `card` (clamped) of column `column` (an index into `jobStatuses`). */
	select(column: number, card: number): void;
};

/**
 * Selection over `columns`, whose cards are `heights` rows tall, in `rows` rows for cards per column.
 */
export function useBoardState(
	columns: BoardColumns,
	heights: Readonly<Record<JobStatus, readonly number[]>>,
	rows: number,
): BoardSelection {
	const [state, dispatch] = useReducer(boardReducer, initialBoardState);
	const status = jobStatuses[state.column] ?? 'inbox';
	const jobs = columns[status];
	const job = jobs[clamp(state.cards[state.column] ?? 0, 0, jobs.length - 1)];
	const cardHeights = heights[status];
	return useMemo(
		() => ({
			state,
			status,
			job,
			moveColumn(delta: number) {
				dispatch({type: 'column', delta});
			},
			moveCard(delta: number) {
				dispatch({type: 'card', delta, heights: cardHeights, rows});
			},
			select(column: number, card: number) {
				const heightsThere = heights[jobStatuses[column] ?? 'inbox'];
				dispatch({type: 'select', column, card, heights: heightsThere, rows});
			},
		}),
		[state, status, job, cardHeights, heights, rows],
	);
}
