/**
 * The command runner, as a context: the REPL and the board's keys both change things only by running a
 * command line, and neither should need it passed through the layout. It never changes while the
 * dashboard is up, so the context never re-renders its consumers.
 */
import {createContext, useContext} from 'react';
import type {CommandRunner} from './ports.js';

/** Holds the `CommandRunner`; `undefined` outside a provider. */
export const CommandRunnerContext = createContext<CommandRunner | undefined>(undefined);

/**
 * The command runner of the enclosing provider.
 *
 * @throws Error when there is no `CommandRunnerContext.Provider` above (a wiring bug, not a user error).
 */
export function useCommandRunner(): CommandRunner {
	const run = useContext(CommandRunnerContext);
	if (!run) {
		throw new Error('useCommandRunner() needs a CommandRunnerContext.Provider above it');
	}

	return run;
}
