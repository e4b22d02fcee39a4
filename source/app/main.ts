/**
 * The program: resolve the home folder, then either open the dashboard or run one command.
 */
import {ConfigError} from '../config/yaml-file.js';
import {loadConfig} from '../config/config.js';
import {runArgv} from '../commands/runner.js';
import type {CommandContext} from '../commands/types.js';
import {homePaths} from '../store/paths.js';
import {JobStore} from '../store/job-store.js';
import {ensureHomeGitignore, resolveHome} from './home.js';

/**
 * Import the dashboard's modules as an interactive program. Ink reads `CI` once, when it is loaded
 * (`is-in-ci`), and then draws nothing until exit; a dashboard on a terminal must draw even where `CI`
 * is set (a CI job driving it in a pty, a person whose shell exports it). The variable is restored
 * afterwards, so agents still see it.
 */
async function importInteractive<T>(load: () => Promise<T>): Promise<T> {
	const names = ['CI', 'CONTINUOUS_INTEGRATION'] as const;
	const saved = names.map((name) => process.env[name]);
	if (process.stdout.isTTY) {
		for (const name of names) {
			delete process.env[name];
		}
	}

	try {
		return await load();
	} finally {
		for (const [index, name] of names.entries()) {
			if (saved[index] !== undefined) {
				process.env[name] = saved[index];
			}
		}
	}
}

/**
 * Run the program with `argv` (without `node` and the script).
 *
 * @returns the exit code: 0 ok, 1 refused or failed, 2 usage or configuration error.
 */
export async function main(argv: readonly string[]): Promise<number> {
	const {argv: rest, home} = resolveHome(argv, process.env, process.cwd());
	if (rest.length === 0) {
		const {openDashboard} = await importInteractive(async () => import('./dashboard.js'));
		return openDashboard(home);
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
