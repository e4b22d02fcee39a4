/**
 * The dashboard's REPL lines, run through the same command registry as the CLI. The registry (and
 * commander) are loaded with the first line, not before the first frame (B1).
 */
import type {CommandContext} from '../commands/types.js';
import type {CommandRunner} from '../ui/ports.js';

/**
 * A {@link CommandRunner} running each line against the context `context` resolves with (awaited per
 * line: it may wait for the engine to start). A failure to build the context or to parse the line is
 * an outcome with exit code 2, never a rejection.
 */
export function createLineRunner(context: () => Promise<CommandContext>): CommandRunner {
	return async (line) => {
		try {
			const [{runArgv}, {tokenizeLine}] = await Promise.all([
				import('../commands/runner.js'),
				import('../commands/tokenize.js'),
			]);
			const outcome = await runArgv(tokenizeLine(line), context, 'repl');
			return {
				exitCode: outcome.exitCode,
				output: `${outcome.stdout}${outcome.stderr}`.trimEnd(),
				quit: outcome.quit,
				command: outcome.command,
				data: outcome.data,
			};
		} catch (error) {
			return {exitCode: 2, output: `error: ${(error as Error).message}`};
		}
	};
}
