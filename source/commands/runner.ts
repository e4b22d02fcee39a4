/**
 * Running a command from argv: the one path shared by the CLI (`xsarena add …`) and the REPL
 * (`add …`). A fresh commander program is built per run, because commander keeps parsed option
 * values on its command objects.
 */
import {CommanderError} from 'commander';
import {ConfigError} from '../config/yaml-file.js';
import {buildProgram} from './program.js';
import {UsageError, type CommandContext, type CommandResult} from './types.js';

export {version} from './program.js';

/** What running one command produced. Nothing is printed: the caller decides where text goes. */
export type RunOutcome = {
	/** 0 ok, 1 refused or failed, 2 usage error. */
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly quit?: boolean;
	/** The command that ran (its registry name), when one did. */
	readonly command?: string;
	/** What it returned as data (what `--json` prints), when it ran. */
	readonly data?: unknown;
};

/**
 * The context of a command that needs no board: only `origin` is there; reading anything else is a
 * bug, not a user error.
 */
function standaloneContext(origin: 'cli' | 'repl'): CommandContext {
	return new Proxy({origin} as CommandContext, {
		get(target, key) {
			if (key === 'origin') {
				return target.origin;
			}

			throw new Error(`a standalone command read context.${String(key)}`);
		},
	});
}

function errorOutcome(error: unknown, stdout: string, stderr: string): RunOutcome {
	if (error instanceof CommanderError) {
		// Help and version "errors" exit 0; every other parse error is a usage error.
		return {exitCode: error.exitCode === 0 ? 0 : 2, stdout, stderr};
	}

	const message = error instanceof Error ? error.message : String(error);
	const usage = error instanceof UsageError || error instanceof ConfigError;
	return {exitCode: usage ? 2 : 1, stdout, stderr: `${stderr}error: ${message}\n`};
}

/**
 * Parse and run one command.
 *
 * @param argv arguments after the program name (`['add', 'title', '--priority', 'high']`).
 * @param context the context, built lazily: `--help` and `--version` need no store.
 * @param origin `cli` or `repl`; commands marked for the other origin are not offered.
 */
export async function runArgv(
	argv: readonly string[],
	context: () => Promise<CommandContext>,
	origin: 'cli' | 'repl',
): Promise<RunOutcome> {
	let stdout = '';
	let stderr = '';
	let result: CommandResult | undefined;
	let ran: string | undefined;
	let json = false;
	const output = {
		writeOut(text: string) {
			stdout += text;
		},
		writeErr(text: string) {
			stderr += text;
		},
	};
	const program = buildProgram(origin, output, async (spec, args, options) => {
		json = options['json'] === true;
		ran = spec.name;
		result = await spec.run(spec.standalone ? standaloneContext(origin) : await context(), args, options);
	});

	try {
		await program.parseAsync([...argv], {from: 'user'});
	} catch (error) {
		return errorOutcome(error, stdout, stderr);
	}

	if (!result) {
		return {exitCode: 0, stdout, stderr};
	}

	const text = json ? `${JSON.stringify(result.data, null, 2)}\n` : result.text ? `${result.text}\n` : '';
	return {
		exitCode: result.exitCode ?? 0,
		stdout: stdout + text,
		stderr,
		quit: result.quit,
		command: ran,
		data: result.data,
	};
}
