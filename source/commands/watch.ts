/**
 * `xsarena watch -- "cmd 1" "cmd 2" …` (or `xsarena --pane "cmd 1" --pane "cmd 2"`): the dashboard on
 * shell commands, one pane each, without a config (like mprocs). Opening a screen is not a command's
 * business (commands return data), so the program recognises these forms before the registry and
 * opens the dashboard itself (`app/watch.ts`); the spec here declares the options once, parses them
 * for the program, and gives `help watch` its text.
 */
import {Command, CommanderError} from 'commander';
import {UsageError, type CommandSpec} from './types.js';

/** What `watch` was asked for. */
export type WatchRequest = {
	/** Shell command lines, one pane each, in order. */
	readonly commands: readonly string[];
	/** Keep the throwaway board folder on exit (its path is printed then). */
	readonly keep: boolean;
	/** File to append the profiler's JSON lines to, one per second. */
	readonly profile?: string;
};

/** `watch <commands...>`. */
export const watch: CommandSpec = {
	name: 'watch',
	summary: 'open the dashboard on shell commands, one pane each, with a throwaway board (like mprocs)',
	examples: [
		'xsarena watch -- "npm run dev" "npm test -- --watch"',
		'xsarena watch --pane "tail -f app.log" --pane htop',
	],
	only: 'cli',
	configure(command) {
		command
			.argument('[commands...]', 'shell command lines (bash -c), one pane each; quote each one')
			.option(
				'--pane <command>',
				'another command line (the form `xsarena --pane <cmd>…` also works)',
				collect,
				[],
			)
			.option('--keep', 'keep the throwaway board folder on exit and print where it is')
			.option('--profile <file>', 'append frame metrics as JSON lines, one per second (see bench/README.md)')
			.addHelpText(
				'after',
				'\nThe board lives in a new folder under the system temp folder (or --home DIR, kept), with one\n' +
					'`shell` job per command and as many runs at once as commands. Quit with q (it asks first while\n' +
					'commands run): the runs are stopped and the folder removed unless --keep.',
			);
	},
	async run() {
		// Only reached when the registry is asked directly: the program opens watch before the registry.
		throw new UsageError(
			'watch opens the dashboard: run it from a shell, as xsarena watch -- "cmd 1" "cmd 2"',
		);
	},
};

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * The `watch` request in `argv` (after `--home` was taken out), or `undefined` when argv asks for
 * something else. Recognised: `watch …`, and argv holding `--pane` before any `--`.
 *
 * @throws {UsageError} for bad options or no command at all.
 */
export function parseWatchArgv(argv: readonly string[]): WatchRequest | undefined {
	const beforeDashes = argv.indexOf('--') === -1 ? argv : argv.slice(0, argv.indexOf('--'));
	const panes = beforeDashes.some((arg) => arg === '--pane' || arg.startsWith('--pane='));
	if (argv[0] !== 'watch' && !panes) {
		return undefined;
	}

	const rest = argv[0] === 'watch' ? argv.slice(1) : argv;
	const command = new Command('watch')
		.exitOverride()
		.configureOutput({writeOut: () => undefined, writeErr: () => undefined})
		.allowExcessArguments(false);
	watch.configure(command);
	try {
		command.parse([...rest], {from: 'user'});
	} catch (error) {
		const message = error instanceof CommanderError ? error.message.replace(/^error: /, '') : String(error);
		throw new UsageError(`watch: ${message}`);
	}

	const options = command.opts<{pane: string[]; keep?: boolean; profile?: string}>();
	const commands = [...options.pane, ...command.args].filter((line) => line.trim() !== '');
	if (commands.length === 0) {
		throw new UsageError('watch: give at least one command, as xsarena watch -- "cmd 1" "cmd 2"');
	}

	return {commands, keep: options.keep === true, profile: options.profile};
}
