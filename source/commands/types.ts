/**
 * The shape of a command: declared once, run from argv (the CLI) or a typed line (the REPL).
 * Modelled on pastel's commands (vadimdemedes/pastel `source/internal-types.ts`): each module declares
 * its name, summary and options, and a registry holds them.
 */
import type {Command} from 'commander';
import type {Config} from '../config/config.js';
import type {HomePaths} from '../store/paths.js';
import type {JobStore} from '../store/job-store.js';
import type {TextEditor} from './external-editor.js';

/** The engine as commands see it, when one runs in this process (the dashboard's REPL). */
export type EngineHandle = {
	/** `running`: this process dispatches jobs; `viewer`: another process holds the engine lock. */
	readonly state: 'running' | 'viewer' | 'stopped';
	/** Most runs at once. */
	readonly limit: number;
	/** Runs going on in this process. */
	readonly active: number;
	/** Run a scheduling pass soon (after the store changed). */
	poke(): void;
};

/** Everything a command may use. Built by the CLI or the dashboard; tests build their own. */
export type CommandContext = {
	readonly paths: HomePaths;
	/** The folder agents work in by default: the one holding `.xsarena/`. */
	readonly projectDir: string;
	readonly config: Config;
	readonly store: JobStore;
	/** The in-process engine, when there is one. */
	readonly engine?: EngineHandle;
	/** Where the command was typed: a shell or the dashboard's REPL. */
	readonly origin: 'cli' | 'repl';
	/** Streams text as it comes (e.g. `tail --follow`); only set where streaming makes sense. */
	readonly write?: (text: string) => void;
	/** Aborted when the person interrupts a long command (Ctrl-C). */
	readonly signal?: AbortSignal;
	/** How `edit <id>` alone opens the person's editor (default: `$VISUAL`/`$EDITOR` in this terminal). */
	readonly editor?: TextEditor;
};

/** What a command returns: data for `--json`, text for people. Commands never print themselves. */
export type CommandResult = {
	readonly data: unknown;
	readonly text: string;
	/** Non-zero exit code for a result that is not an error but should fail a script (e.g. a failed run). */
	readonly exitCode?: number;
	/** The dashboard should quit. */
	readonly quit?: boolean;
};

/** Parsed options of a command (commander's `opts()`). */
export type CommandOptions = Record<string, unknown>;

/** One command, declared once. */
export type CommandSpec = {
	readonly name: string;
	readonly aliases?: readonly string[];
	/** One line for `help`. */
	readonly summary: string;
	/** A paragraph or two for `help <command>` and `--help`, after the summary. */
	readonly description?: string;
	/**
	 * Real command lines, as typed in a shell (`xsarena add "Fix login" --priority high`), shown under
	 * "Examples" by `help <command>` and `--help`. Every registered command has at least one (a test
	 * parses each).
	 */
	readonly examples?: readonly string[];
	/** Runs without a board: the context is never built (`help` must work where no `.xsarena/` is). */
	readonly standalone?: boolean;
	/** Only in the dashboard's REPL (e.g. `quit`), or only from a shell. */
	readonly only?: 'cli' | 'repl';
	/** Declare arguments and options on the commander command (`name`, `summary` and `--json` are set). */
	configure(command: Command): void;
	/** Do the work. Throw {@link DomainError} to refuse (exit 1) and `UsageError` for bad input (exit 2). */
	run(context: CommandContext, args: readonly string[], options: CommandOptions): Promise<CommandResult>;
};

/** Bad input to a command (not a refusal by the domain): exit code 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}
