/**
 * The REPL's state as a reducer: the input line, its history, and the output area. Both lists are
 * bounded (a flood of output or a long session must not grow memory), and nothing here runs commands.
 */
import {sanitize} from '../format.js';
import {edit, emptyLine, lineOf, type Edit, type EditLine} from './line-editor.js';
import {moveCursor, type ResultList, type ResultMove} from './result-list.js';

/** How an output line is drawn: the echoed command, normal output, or an error (red). */
export type ReplTone = 'input' | 'output' | 'error';

/** One line of the output area. `id` is a stable React key. */
export type ReplLine = {readonly id: number; readonly text: string; readonly tone: ReplTone};

/** Output lines kept (the view shows the last ones that fit). */
export const maxOutputLines = 500;
/** Input lines kept for ↑/↓. */
export const maxHistory = 100;

/** REPL state. */
export type ReplState = {
	readonly input: EditLine;
	readonly history: readonly string[];
	/** Index into `history` while browsing it with ↑/↓. */
	readonly browsing: number | undefined;
	/** What was typed before browsing started; ↓ past the newest entry brings it back. */
	readonly draft: EditLine;
	readonly lines: readonly ReplLine[];
	readonly nextId: number;
	/** Commands started and not finished. */
	readonly pending: number;
	/** The last search's matches, drawn as a list in place of the output until closed. */
	readonly results: ResultList | undefined;
};

/** REPL changes. */
export type ReplAction =
	| {readonly type: 'edit'; readonly edit: Edit}
	/** A command started: echo it; a `typed` line also goes to the history and clears the input. */
	| {readonly type: 'started'; readonly line: string; readonly typed: boolean}
	| {readonly type: 'history'; readonly delta: -1 | 1}
	| {readonly type: 'print'; readonly tone: ReplTone; readonly text: string}
	| {readonly type: 'finished'}
	| {readonly type: 'showResults'; readonly list: ResultList}
	| {readonly type: 'moveResult'; readonly by: ResultMove}
	| {readonly type: 'closeResults'};

/** An empty REPL. */
export const initialReplState: ReplState = {
	input: emptyLine,
	history: [],
	browsing: undefined,
	draft: emptyLine,
	lines: [],
	nextId: 0,
	pending: 0,
	results: undefined,
};

function print(state: ReplState, tone: ReplTone, text: string): ReplState {
	// One entry per line; a trailing newline is not an empty line.
	const texts = text.replace(/\r?\n$/, '').split(/\r?\n/);
	const added = texts.map((line, index) => ({id: state.nextId + index, text: sanitize(line, true), tone}));
	return {
		...state,
		lines: [...state.lines, ...added].slice(-maxOutputLines),
		nextId: state.nextId + added.length,
	};
}

function browse(state: ReplState, delta: -1 | 1): ReplState {
	const {history} = state;
	if (state.browsing === undefined) {
		if (delta === 1 || history.length === 0) {
			return state;
		}

		const browsing = history.length - 1;
		return {...state, browsing, draft: state.input, input: lineOf(history[browsing]!)};
	}

	const next = state.browsing + delta;
	if (next >= history.length) {
		return {...state, browsing: undefined, input: state.draft};
	}

	const browsing = Math.max(0, next);
	return {...state, browsing, input: lineOf(history[browsing]!)};
}

/** The reducer. `started` echoes the line and counts it as pending until `finished`. */
export function replReducer(state: ReplState, action: ReplAction): ReplState {
	switch (action.type) {
		case 'edit': {
			const input = edit(state.input, action.edit);
			return input === state.input ? state : {...state, input};
		}

		case 'started': {
			const {line} = action;
			// A new command replaces an open result list with its own output.
			const echoed = {...print(state, 'input', `› ${line}`), pending: state.pending + 1, results: undefined};
			if (!action.typed) {
				return echoed;
			}

			const history =
				state.history.at(-1) === line ? state.history : [...state.history, line].slice(-maxHistory);
			return {...echoed, input: emptyLine, browsing: undefined, draft: emptyLine, history};
		}

		case 'history': {
			return browse(state, action.delta);
		}

		case 'print': {
			return print(state, action.tone, action.text);
		}

		case 'finished': {
			return {...state, pending: Math.max(0, state.pending - 1)};
		}

		case 'showResults': {
			return {...state, results: action.list};
		}

		case 'moveResult': {
			const results = state.results && moveCursor(state.results, action.by);
			return results === state.results ? state : {...state, results};
		}

		case 'closeResults': {
			return state.results === undefined ? state : {...state, results: undefined};
		}

		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}
