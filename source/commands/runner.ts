/**
 * Running a command from argv: the one path shared by the CLI (`xsarena add …`) and the REPL
 * (`add …`). A fresh commander program is built per run, because commander keeps parsed option
 * values on its command objects.
 */
import {Command, CommanderError, Option} from 'commander';
import {ConfigError} from '../config/yaml-file.js';
import {commands} from './registry.js';
import {UsageError, type CommandContext, type CommandResult} from './types.js';

/** What running one command produced. Nothing is printed: the caller decides where text goes. */
export type RunOutcome = {
	/** 0 ok, 1 refused or failed, 2 usage error. */
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly quit?: boolean;
};

/** The program version, shown by `--version`. */
export const version = '0.1.0';

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
	let json = false;
	const program = new Command('xsarena')
		.description('A local-first terminal control room for AI agents. No command: open the dashboard.')
		.version(version, '-v, --version')
		.exitOverride()
		.showSuggestionAfterError(true)
		.configureOutput({
			writeOut(text) {
				stdout += text;
			},
			writeErr(text) {
				stderr += text;
			},
		});
	if (origin === 'cli') {
		program.addOption(
			new Option('--home <dir>', 'the .xsarena folder (default ./.xsarena, or $XSARENA_HOME)'),
		);
	}

	program.addHelpText(
		'after',
		`\nRun "${origin === 'cli' ? 'xsarena ' : ''}help <command>" for a command's options.`,
	);
	for (const spec of commands) {
		if (spec.only && spec.only !== origin) {
			continue;
		}

		const command = program.command(spec.name).description(spec.summary).exitOverride();
		for (const alias of spec.aliases ?? []) {
			command.alias(alias);
		}

		spec.configure(command);
		command.option('--json', 'print the result as JSON');
		command.action(async (...parameters: unknown[]) => {
			const self = parameters.at(-1) as Command;
			const options = self.opts();
			json = options['json'] === true;
			const args = self.processedArgs.flat().filter((arg): arg is string => typeof arg === 'string');
			result = await spec.run(await context(), args, options);
		});
	}

	try {
		await program.parseAsync([...argv], {from: 'user'});
	} catch (error) {
		return errorOutcome(error, stdout, stderr);
	}

	if (!result) {
		return {exitCode: 0, stdout, stderr};
	}

	const text = json ? `${JSON.stringify(result.data, null, 2)}\n` : result.text ? `${result.text}\n` : '';
	return {exitCode: result.exitCode ?? 0, stdout: stdout + text, stderr, quit: result.quit};
}
