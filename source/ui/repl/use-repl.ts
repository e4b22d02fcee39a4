/**
 * The REPL as a hook: its state plus running lines through the command runner. Board keys run their
 * commands (`show <id>`, …) through the same `execute`, so every command's output lands in one place.
 */
import {useCallback, useMemo, useReducer} from 'react';
import {useCommandRunner} from '../command-runner-context.js';
import type {CommandOutcome} from '../ports.js';
import type {Edit} from './line-editor.js';
import {initialReplState, replReducer, type ReplState} from './repl-state.js';

/** What the views and the key layer use. */
export type Repl = {
	readonly state: ReplState;
	/** Change the input line (typing, erasing, moving the cursor). */
	edit(change: Edit): void;
	/** Run the input line (ignored when blank). */
	submit(): void;
	/** Run `line` without touching the input or its history. */
	execute(line: string): void;
	browseHistory(delta: -1 | 1): void;
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
	const [state, dispatch] = useReducer(replReducer, initialReplState);

	const start = useCallback(
		(line: string, typed: boolean) => {
			dispatch({type: 'started', line, typed});
			const done = (outcome: CommandOutcome) => {
				dispatch({type: 'finished'});
				if (outcome.output !== '') {
					dispatch({type: 'print', tone: outcome.exitCode === 0 ? 'output' : 'error', text: outcome.output});
				} else if (outcome.exitCode !== 0) {
					dispatch({type: 'print', tone: 'error', text: `exit ${outcome.exitCode}`});
				}

				if (outcome.quit) {
					onQuit();
				}
			};

			const failed = (error: unknown) => {
				dispatch({type: 'finished'});
				dispatch({type: 'print', tone: 'error', text: describe(error)});
			};

			// Through a promise even for a runner that throws synchronously.
			Promise.resolve()
				.then(async () => run(line))
				.then(done, failed);
		},
		[run, onQuit],
	);

	const input = state.input.text;
	return useMemo(
		() => ({
			state,
			edit(change: Edit) {
				dispatch({type: 'edit', edit: change});
			},
			submit() {
				const line = input.trim();
				if (line !== '' && intercept?.(line)) {
					dispatch({type: 'started', line, typed: true});
					dispatch({type: 'finished'});
				} else if (line !== '') {
					start(line, true);
				}
			},
			execute(line: string) {
				start(line, false);
			},
			browseHistory(delta: -1 | 1) {
				dispatch({type: 'history', delta});
			},
		}),
		[state, input, start, intercept],
	);
}
