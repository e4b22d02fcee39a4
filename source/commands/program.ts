/**
 * The commander program over the registry, and the help texts it prints. `xsarena <command> --help`
 * and `help <command>` both print what commander's `outputHelp` writes for the command (its usage,
 * arguments, options and the examples added here), so the two cannot differ.
 */
import {Command, Option} from 'commander';
import {commands} from './registry.js';
import {UsageError, type CommandOptions, type CommandSpec} from './types.js';

/** The program version, shown by `--version`. */
export const version = '0.1.0';

/** Where commander writes help and parse errors. */
export type ProgramOutput = {writeOut(text: string): void; writeErr(text: string): void};

/** What a parsed command line runs: the command, its arguments and its options. */
export type ProgramAction = (spec: CommandSpec, args: string[], options: CommandOptions) => Promise<void>;

const about = 'A local-first terminal control room for AI agents. No command: open the dashboard.';

/** The commands offered where the line was typed (`quit` only in the REPL, `watch` only in a shell). */
export function offered(origin: 'cli' | 'repl'): CommandSpec[] {
	return commands.filter((spec) => !spec.only || spec.only === origin);
}

/** The "Examples:" block of a command's help, or nothing when it has none. */
export function examplesText(spec: CommandSpec): string {
	const examples = spec.examples ?? [];
	// Commander ends the text with a newline of its own.
	return examples.length === 0 ? '' : `\nExamples:\n${examples.map((line) => `  ${line}`).join('\n')}`;
}

/** `help` alone: every command with its one-line summary, aliases after the name. */
export function commandList(origin: 'cli' | 'repl'): string {
	const specs = offered(origin);
	const names = specs.map((spec) => [spec.name, ...(spec.aliases ?? [])].join(', '));
	const width = Math.max(...names.map((name) => name.length)) + 2;
	const prefix = origin === 'cli' ? 'xsarena ' : '';
	return [
		about,
		'',
		'Commands:',
		...specs.map((spec, index) => `  ${names[index]!.padEnd(width)}${spec.summary}`),
		...(origin === 'cli'
			? [
					'',
					'Options:',
					'  --home <dir>   the .xsarena folder (default ./.xsarena, or $XSARENA_HOME)',
					'  -v, --version  the version',
				]
			: []),
		'',
		`Run "${prefix}help <command>" (or "${prefix}<command> --help") for its options and examples.`,
		'',
	].join('\n');
}

/**
 * Edit distance between `a` and `b`: insertions, deletions, substitutions and swaps of two neighbours
 * cost 1 each (the optimal string alignment distance, so `sreach` is one step from `search`).
 */
export function editDistance(a: string, b: string): number {
	const table = Array.from({length: a.length + 1}, (_, i) =>
		Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, table[i - 2]![j - 2]! + 1);
			}

			table[i]![j] = best;
		}
	}

	return table[a.length]![b.length]!;
}

/**
 * The command name (or alias) closest to `word`, when one is close enough to be a typo: a unique
 * name it starts, or one at most a third of its length (and at least 1, at most 3) edits away.
 */
export function nearestCommand(word: string, origin: 'cli' | 'repl'): string | undefined {
	const names = offered(origin).flatMap((spec) => [spec.name, ...(spec.aliases ?? [])]);
	const lower = word.toLowerCase();
	const started = names.filter((name) => name.startsWith(lower));
	if (lower.length >= 2 && started.length === 1) {
		return started[0];
	}

	const allowed = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
	let best: {name: string; distance: number} | undefined;
	for (const name of names) {
		const distance = editDistance(lower, name);
		if (distance <= allowed && (!best || distance < best.distance)) {
			best = {name, distance};
		}
	}

	return best?.name;
}

/** The refusal for a command that does not exist, with the nearest name when there is one. */
export function unknownCommand(word: string, origin: 'cli' | 'repl'): UsageError {
	const nearest = nearestCommand(word, origin);
	const hint = nearest ? ` (did you mean "${nearest}"?)` : '';
	const prefix = origin === 'cli' ? 'xsarena ' : '';
	return new UsageError(`unknown command "${word}"${hint}; "${prefix}help" lists them`);
}

/**
 * Build the program: every offered command with its options, `--json`, and its examples after the
 * help text. Output (help, parse errors) goes to `output`; a parsed line calls `action`.
 */
export function buildProgram(origin: 'cli' | 'repl', output: ProgramOutput, action: ProgramAction): Command {
	const program = new Command('xsarena')
		.description(about)
		.version(version, '-v, --version')
		.exitOverride()
		.helpCommand(false)
		.showSuggestionAfterError(true)
		.configureOutput(output);
	// `xsarena --help` and `help` print the same list, and one rule suggests the nearest command.
	program.helpInformation = () => commandList(origin);
	// Not in commander's types, but the method it calls for an unknown command (commander 14).
	(program as unknown as {unknownCommand(): never}).unknownCommand = () => {
		throw unknownCommand(program.args[0] ?? '', origin);
	};
	if (origin === 'cli') {
		program.addOption(
			new Option('--home <dir>', 'the .xsarena folder (default ./.xsarena, or $XSARENA_HOME)'),
		);
	}

	for (const spec of offered(origin)) {
		const description = spec.description ? `${spec.summary}\n\n${spec.description}` : spec.summary;
		const command = program.command(spec.name).summary(spec.summary).description(description).exitOverride();
		for (const alias of spec.aliases ?? []) {
			command.alias(alias);
		}

		spec.configure(command);
		command.option('--json', 'print the result as JSON');
		const examples = examplesText(spec);
		if (examples !== '') {
			command.addHelpText('after', examples);
		}

		command.action(async (...parameters: unknown[]) => {
			const self = parameters.at(-1) as Command;
			const args = self.processedArgs.flat().filter((arg): arg is string => typeof arg === 'string');
			await action(spec, args, self.opts());
		});
	}

	return program;
}

/**
 * The help of one command, exactly as `<command> --help` prints it.
 *
 * @throws {UsageError} for a name that is no command here (naming the nearest one).
 */
export function commandHelp(name: string, origin: 'cli' | 'repl'): string {
	let text = '';
	const sink = (chunk: string) => {
		text += chunk;
	};

	const program = buildProgram(origin, {writeOut: sink, writeErr: sink}, async () => undefined);
	const command = program.commands.find(
		(candidate) => candidate.name() === name || candidate.aliases().includes(name),
	);
	if (!command) {
		throw unknownCommand(name, origin);
	}

	command.outputHelp();
	return text;
}
