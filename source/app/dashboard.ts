/**
 * Opening the dashboard: load the config (a bad one stops us before the screen opens), seed the demo
 * board on a first start, open the store with its watcher, start the engine, and render.
 */
import {loadConfig} from '../config/config.js';
import {ConfigError} from '../config/yaml-file.js';
import {runArgv} from '../commands/runner.js';
import {tokenizeLine} from '../commands/tokenize.js';
import type {CommandContext} from '../commands/types.js';
import {Engine} from '../engine/engine.js';
import {readEngineLock} from '../engine/engine-lock.js';
import {budgetWarningNotice, gateChangeNotice} from '../engine/schedule.js';
import {homePaths} from '../store/paths.js';
import {JobStore} from '../store/job-store.js';
import {renderDashboard} from '../ui/render-dashboard.js';
import type {CommandRunner} from '../ui/ports.js';
import {authorResolver} from '../config/authoring.js';
import {defaultTransportName} from '../config/transports.js';
import {importBoard, readBoardFile} from './board-file.js';
import {ensureHomeGitignore, exampleDir, seedConfig, shouldSeed, type HomeChoice} from './home.js';
import {createNoticeBoard} from './notice-board.js';
import path from 'node:path';

/** Open the dashboard on `home`; resolves with the exit code when it closes. */
export async function openDashboard(home: HomeChoice): Promise<number> {
	const paths = homePaths(home.root);
	const notices: string[] = [];
	let config;
	try {
		const seed = shouldSeed(home);
		if (seed) {
			seedConfig(paths.root);
		}

		config = loadConfig(paths.configFile);
		ensureHomeGitignore(paths.root);
		const store = await JobStore.open(paths.root, {
			watch: config.store.watch === 'poll' ? 'poll' : true,
			fsync: config.store.fsync,
		});
		if (seed) {
			importBoard(
				store,
				readBoardFile(path.join(exampleDir, 'board.yml')),
				'demo',
				authorResolver(config.authoring, defaultTransportName(config.transports), paths.root),
			);
			notices.push(`new board: seeded the demo from .xsarena.example/ into ${paths.root}`);
		}

		return await run(home, paths, config, store, notices);
	} catch (error) {
		process.stderr.write(`${error instanceof ConfigError ? '' : 'error: '}${(error as Error).message}\n`);
		return error instanceof ConfigError ? 2 : 1;
	}
}

async function run(
	home: HomeChoice,
	paths: ReturnType<typeof homePaths>,
	config: ReturnType<typeof loadConfig>,
	store: JobStore,
	notices: string[],
): Promise<number> {
	const live = createNoticeBoard();
	const engine = new Engine({
		store,
		config,
		paths,
		projectDir: home.projectDir,
		initialSize: () => ({
			cols: Math.max(20, Math.floor((process.stdout.columns || 160) / 2) - 2),
			rows: Math.max(5, Math.floor((process.stdout.rows || 48) / 2) - 4),
		}),
		onError: (error) => live.post(`engine: ${error.message}`),
		onGate: (gate) => live.post(gateChangeNotice(gate)),
		onBudgetWarning: (state) => live.post(budgetWarningNotice(state)),
		// BEL passes through Ink untouched and moves no cursor, so it cannot tear a frame.
		ringBell: () => process.stdout.write('\u0007'),
	});
	if ((await engine.start()) === 'viewer') {
		const owner = readEngineLock(paths.engineLock);
		notices.push(`viewer: jobs run in pid ${owner?.pid ?? '?'}`);
	}

	const context: CommandContext = {paths, projectDir: home.projectDir, config, store, engine, origin: 'repl'};
	const runLine: CommandRunner = async (line) => {
		try {
			const outcome = await runArgv(tokenizeLine(line), async () => context, 'repl');
			return {
				exitCode: outcome.exitCode,
				output: `${outcome.stdout}${outcome.stderr}`.trimEnd(),
				quit: outcome.quit,
			};
		} catch (error) {
			return {exitCode: 2, output: `error: ${(error as Error).message}`};
		}
	};

	try {
		await renderDashboard({
			store,
			panes: engine.panes,
			run: runLine,
			home: paths.root,
			limit: config.scheduler.concurrency,
			notice: notices.join(' · ') || undefined,
			notices: live,
			keys: config.keys,
		});
	} finally {
		await engine.stop();
		// After the screen closed: a failed final sync is printed where the person can read it.
		await store.close().catch((error: unknown) => {
			process.stderr.write(`error: ${(error as Error).message}\n`);
			process.exitCode = 1;
		});
	}

	// The dashboard sets a non-zero exit code when it had to restore the terminal after a render error.
	return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
