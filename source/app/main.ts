/**
 * The program: resolve the home folder, then either open the dashboard or run one command.
 *
 * Only what every path needs is imported statically: the dashboard, `watch` and the commands each load
 * their own modules (commander and the command registry are not needed to draw the board; B1).
 */
import {ConfigError} from '../config/yaml-file.js';
import {loadConfig} from '../config/config.js';
import {UsageError, type CommandContext} from '../commands/types.js';
import type {WatchRequest} from '../commands/watch.js';
import {homePaths} from '../store/paths.js';
import {JobStore} from '../store/job-store.js';
import {colorWanted, takeNoColorFlag} from '../ui/color/choose-theme.js';
import {applyTheme} from '../ui/theme.js';
import {capHeap} from './heap-cap.js';
import {ensureHomeGitignore, resolveHome} from './home.js';
import {traceStartup} from '../ui/profile/startup-trace.js';

/**
 * Import the dashboard's modules as an interactive program. Ink reads `CI` once, when it is loaded
 * (`is-in-ci`), and then draws nothing until exit; a dashboard on a terminal must draw even where `CI`
 * is set (a CI job driving it in a pty, a person whose shell exports it). The variable is restored
 * afterwards, so agents still see it.
 */
async function importInteractive<T>(load: () => Promise<T>): Promise<T> {
	// A screen stays open for hours under floods of output: bound the heap's slack (heap-cap.ts).
	capHeap();
	const names = ['CI', 'CONTINUOUS_INTEGRATION'] as const;
	const saved = names.map((name) => process.env[name]);
	if (process.stdout.isTTY) {
		for (const name of names) {
			delete process.env[name];
		}
	}

	// Ink's layout engine (yoga-layout) loads its WebAssembly from a data: URL with `fetch` when there
	// is one, which loads Node's whole HTTP client (undici) first: ~30-80 ms of a cold start. Without
	// `fetch` it decodes the same bytes itself. Nothing else runs while the modules load.
	const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (fetch?.configurable) {
		Object.defineProperty(globalThis, 'fetch', {value: undefined, writable: true, configurable: true});
	}

	try {
		return await load();
	} finally {
		if (fetch?.configurable) {
			Object.defineProperty(globalThis, 'fetch', fetch);
		}

		for (const [index, name] of names.entries()) {
			if (saved[index] !== undefined) {
				process.env[name] = saved[index];
			}
		}
	}
}

/**
 * The dashboard's options when argv (without `--home`) asks for the dashboard: nothing, or only
 * `--profile <file>`; otherwise `undefined`.
 */
function dashboardArgv(argv: readonly string[]): {profile?: string} | undefined {
	if (argv.length === 0) {
		return {};
	}

	if (argv.length === 2 && argv[0] === '--profile') {
		return {profile: argv[1]};
	}

	if (argv.length === 1 && argv[0]!.startsWith('--profile=')) {
		return {profile: argv[0]!.slice('--profile='.length)};
	}

	return undefined;
}

/**
 * Run the program with `argv` (without `node` and the script).
 *
 * @returns the exit code: 0 ok, 1 refused or failed, 2 usage or configuration error.
 */
export async function main(argv: readonly string[]): Promise<number> {
	// Decided before the dashboard's modules load: some copy a colour when they load.
	const {argv: withoutColor, noColor} = takeNoColorFlag(argv);
	applyTheme({color: colorWanted(process.env, noColor)});
	const {argv: rest, home} = resolveHome(withoutColor, process.env, process.cwd());
	const dashboard = dashboardArgv(rest);
	if (dashboard) {
		const {openDashboard} = await importInteractive(async () => import('./dashboard.js'));
		traceStartup('main: dashboard modules loaded');
		return openDashboard(home, dashboard);
	}

	let watch: WatchRequest | undefined;
	try {
		const {parseWatchArgv} = await import('../commands/watch.js');
		watch = parseWatchArgv(rest);
	} catch (error) {
		process.stderr.write(`error: ${(error as Error).message}\n`);
		return error instanceof UsageError ? 2 : 1;
	}

	if (watch) {
		// Only `--home` names a watch board: $XSARENA_HOME is where a person's real board lives.
		const named = resolveHome(withoutColor, {}, process.cwd()).home;
		const {openWatch} = await importInteractive(async () => import('./watch.js'));
		traceStartup('main: watch modules loaded');
		return openWatch(watch, {root: named.explicit ? named.root : undefined, projectDir: process.cwd()});
	}

	let store: JobStore | undefined;
	const controller = new AbortController();
	const onSigint = () => controller.abort();
	process.once('SIGINT', onSigint);
	const context = async (): Promise<CommandContext> => {
		const paths = homePaths(home.root);
		const config = loadConfig(paths.configFile);
		ensureHomeGitignore(paths.root);
		store ??= await JobStore.open(paths.root, {watch: false, fsync: config.store.fsync});
		return {
			paths,
			projectDir: home.projectDir,
			config,
			store,
			origin: 'cli',
			write: (text) => process.stdout.write(text),
			signal: controller.signal,
		};
	};

	let exitCode: number;
	try {
		const {runArgv} = await import('../commands/runner.js');
		const outcome = await runArgv(rest, context, 'cli');
		process.stdout.write(outcome.stdout);
		process.stderr.write(outcome.stderr);
		exitCode = outcome.exitCode;
	} catch (error) {
		process.stderr.write(`error: ${(error as Error).message}\n`);
		exitCode = error instanceof ConfigError ? 2 : 1;
	} finally {
		process.off('SIGINT', onSigint);
	}

	// The last group commit is synced on close; a failed one must fail the command, not vanish.
	const closeError = await store?.close().then(
		() => undefined,
		(error: unknown) => error as Error,
	);
	if (closeError) {
		process.stderr.write(`error: ${closeError.message}\n`);
		return Math.max(exitCode, 1);
	}

	return exitCode;
}
