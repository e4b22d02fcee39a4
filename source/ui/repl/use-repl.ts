/**
 * The REPL as a hook: its state plus running lines through the command runner. Board keys run their
 * commands (`show <id>`, …) through the same `execute`, so every command's output lands in one place.
 * A `search` that found something opens its matches as a list (see `result-list.ts`).
 */
import {useCallback, useMemo, useState, useSyncExternalStore} from 'react';
import {useCommandRunner} from '../command-runner-context.js';
import type {CommandOutcome} from '../ports.js';
import type {Edit} from './line-editor.js';
import type {ReplTone} from './repl-state.js';
import {createReplStore, type LineSource, type ReplView} from './repl-store.js';
import {isSearchResult, resultList, type ResultMove} from './result-list.js';

/** What the views and the key layer use. */
export type Repl = {
	/** Everything but the input line, as of the last commit. */
	readonly state: ReplView;
	/** The input line, current between commits too (see `repl-store.ts`). */
	readonly line: LineSource;
	/**
	 * Change the input line (typing, erasing, moving the cursor). Commits nothing: whoever draws the
	 * line hears of it through {@link line}.
	 */
	edit(change: Edit): void;
	/** Run the input line (ignored when blank). */
	submit(): void;
	/**
	 * Run `line` without touching the input or its history. Resolves with the outcome once it is
	 * printed (`undefined` when the runner failed; its error is printed too).
	 */
	execute(line: string): Promise<CommandOutcome | undefined>;
	browseHistory(delta: -1 | 1): void;
	/** Print a line of the dashboard's own (an edit aborted, a file kept) in the output area. */
	print(tone: ReplTone, text: string): void;
	/** Move the open result list's cursor. */
	moveResult(by: ResultMove): void;
	/** Close the result list (the output comes back). */
	closeResults(): void;
};

function describe(error: unknown): string {
	return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Takes a typed line the dashboard answers itself instead of running it (`show <id>` opens the job's
 * detail view); returns true when it did.
 */
export type LineInterceptor = (line: string) => boolean;

/**
 * REPL state and actions. A runner that throws or rejects prints its error; it never takes the
 * dashboard down. `onQuit` is called when an outcome asks to quit. A typed line `intercept` takes is
 * echoed and kept in the history, but not run.
 */
export function useRepl(onQuit: () => void, intercept?: LineInterceptor): Repl {
	const run = useCommandRunner();
	const [store] = useState(createReplStore);
	const state = useSyncExternalStore(store.subscribe, store.getView);
	const {dispatch} = store;

	const start = useCallback(
		async (line: string, typed: boolean): Promise<CommandOutcome | undefined> => {
			dispatch({type: 'started', line, typed});
			const done = (outcome: CommandOutcome) => {
				dispatch({type: 'finished'});
				if (outcome.output !== '') {
					dispatch({type: 'print', tone: outcome.exitCode === 0 ? 'output' : 'error', text: outcome.output});
				} else if (outcome.exitCode !== 0) {
					dispatch({type: 'print', tone: 'error', text: `exit ${outcome.exitCode}`});
				}

				const list = outcome.command === 'search' && isSearchResult(outcome.data) && resultList(outcome.data);
				if (list) {
					dispatch({type: 'showResults', list});
				}

				if (outcome.quit) {
					onQuit();
				}

				return outcome;
			};

			const failed = (error: unknown) => {
				dispatch({type: 'finished'});
				dispatch({type: 'print', tone: 'error', text: describe(error)});
				return undefined;
			};

			// Through a promise even for a runner that throws synchronously.
			return Promise.resolve()
				.then(async () => run(line))
				.then(done, failed);
		},
		[run, onQuit, dispatch],
	);

	return useMemo(
		() => ({
			state,
			line: store.line,
			edit(change: Edit) {
				dispatch({type: 'edit', edit: change});
			},
			submit() {
				// What is typed now: the line may have changed since the last commit.
				const line = store.getState().input.text.trim();
				if (line !== '' && intercept?.(line)) {
					dispatch({type: 'started', line, typed: true});
					dispatch({type: 'finished'});
				} else if (line !== '') {
					void start(line, true);
				}
			},
			async execute(line: string) {
				return start(line, false);
			},
			browseHistory(delta: -1 | 1) {
				dispatch({type: 'history', delta});
			},
			print(tone: ReplTone, text: string) {
				dispatch({type: 'print', tone, text});
			},
			moveResult(by: ResultMove) {
				dispatch({type: 'moveResult', by});
			},
			closeResults() {
				dispatch({type: 'closeResults'});
			},
		}),
		[state, store, dispatch, start, intercept],
	);
}
