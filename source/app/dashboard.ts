/**
 * Opening the dashboard: load the config (a bad one stops us before the screen opens), seed the demo
 * board on a first start, open the store with its watcher, start the engine, and render. `watch` opens
 * it the same way on a board it prepared (`watch.ts`).
 */
import {loadConfig} from '../config/config.js';
import {ConfigError} from '../config/yaml-file.js';
import {createTextEditor} from '../commands/external-editor.js';
import {runArgv} from '../commands/runner.js';
import {tokenizeLine} from '../commands/tokenize.js';
import type {CommandContext} from '../commands/types.js';
import {Engine} from '../engine/engine.js';
import {readEngineLock} from '../engine/engine-lock.js';
import {budgetsFromConfig, budgetWarningNotice, gateChangeNotice} from '../engine/schedule.js';
import {homePaths} from '../store/paths.js';
import {JobStore} from '../store/job-store.js';
import {resolveTheme} from '../ui/color/choose-theme.js';
import type {ChromeSettings} from '../ui/status/chrome-settings.js';
import {applyTheme} from '../ui/theme.js';
import {createErrorInbox} from '../ui/toast/error-inbox.js';
import {renderDashboard} from '../ui/render-dashboard.js';
import {FrameMetrics} from '../ui/profile/frame-metrics.js';
import type {CommandRunner} from '../ui/ports.js';
import type {TerminalSize} from '../terminal/types.js';
import type {Config} from '../config/config.js';
import {authorResolver} from '../config/authoring.js';
import {defaultTransportName} from '../config/transports.js';
import {importBoard, readBoardFile} from './board-file.js';
import {ensureHomeGitignore, exampleDir, seedConfig, shouldSeed, type HomeChoice} from './home.js';
import {desktopNotifier} from './desktop-notify.js';
import {createNoticeBoard} from './notice-board.js';
import {writeProfile} from './profile-file.js';
import path from 'node:path';

/** How the dashboard is opened, besides its home. */
export type DashboardOptions = {
	/** Append the profiler's samples to this file, one JSON line per second (`--profile`). */
	readonly profile?: string;
};

/** Open the dashboard on `home`; resolves with the exit code when it closes. */
export async function openDashboard(home: HomeChoice, options: DashboardOptions = {}): Promise<number> {
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

		return await runDashboard({home, paths, config, store, notices, profile: options.profile});
	} catch (error) {
		process.stderr.write(`${error instanceof ConfigError ? '' : 'error: '}${(error as Error).message}\n`);
		return error instanceof ConfigError ? 2 : 1;
	}
}

/** An open board, ready to be shown. */
export type BoardSession = DashboardOptions & {
	readonly home: HomeChoice;
	readonly paths: ReturnType<typeof homePaths>;
	readonly config: Config;
	readonly store: JobStore;
	/** Shown on the status bar at start. */
	readonly notices: readonly string[];
	/**
	 * Size of a new run's pty before its pane is laid out, from the terminal's size; default: half the
	 * terminal. `watch` knows its panes and gives each its final size, so no program starts at a size
	 * it is resized from at once.
	 */
	readonly initialSize?: (terminal: {columns: number; rows: number}) => TerminalSize;
};

const halfTerminal = ({columns, rows}: {columns: number; rows: number}): TerminalSize => ({
	cols: Math.max(20, Math.floor(columns / 2) - 2),
	rows: Math.max(5, Math.floor(rows / 2) - 4),
});

/**
 * Start the engine on an open board and show the dashboard until it closes; then stop the engine and
 * close the store (the caller opened it).
 *
 * @returns the exit code.
 */
export async function runDashboard(session: BoardSession): Promise<number> {
	const {home, paths, config, store} = session;
	const notices = [...session.notices];
	const live = createNoticeBoard();
	const errors = createErrorInbox();
	// BEL passes through Ink untouched and moves no cursor, so it cannot tear a frame.
	const ringBell = () => process.stdout.write('\u0007');
	const initialSize = session.initialSize ?? halfTerminal;
	const engine = new Engine({
		store,
		config,
		paths,
		projectDir: home.projectDir,
		initialSize: () => initialSize({columns: process.stdout.columns || 160, rows: process.stdout.rows || 48}),
		onError: (error) => {
			live.post(`engine: ${error.message}`);
			errors.record(`engine: ${error.message}`);
		},
		onGate: (gate) => live.post(gateChangeNotice(gate)),
		onBudgetWarning: (state) => live.post(budgetWarningNotice(state)),
		ringBell,
	});
	const viewer = (await engine.start()) === 'viewer';
	if (viewer) {
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
				command: outcome.command,
				data: outcome.data,
			};
		} catch (error) {
			return {exitCode: 2, output: `error: ${(error as Error).message}`};
		}
	};

	// Event-loop delay is sampled only for a profile file: its 10 ms timer would cost idle CPU.
	const metrics = new FrameMetrics({loopDelay: session.profile !== undefined});
	const stopProfile = session.profile === undefined ? undefined : writeProfile(metrics, session.profile);
	const chrome: ChromeSettings = {
		budget: budgetsFromConfig(config).budget,
		quietHours: config.scheduler.quietHours,
		notify: config.notify,
		// A viewer's engine runs nothing: the dashboard notifies for every run.
		engineId: viewer ? undefined : engine.id,
		ringBell,
		notifyDesktop: desktopNotifier((error) => errors.record(error.message)),
		errors,
	};
	applyTheme({
		name: resolveTheme(config.theme, process.env),
		depth: process.stdout.isTTY ? process.stdout.getColorDepth() : 4,
	});
	try {
		await renderDashboard({
			metrics,
			store,
			panes: engine.panes,
			run: runLine,
			editor: (handover) => createTextEditor({handover}),
			home: paths.root,
			limit: config.scheduler.concurrency,
			notice: notices.join(' · ') || undefined,
			notices: live,
			keys: config.keys,
			ui: {layout: config.ui.layout, panes: config.ui.panes, mouse: config.ui.mouse},
			chrome,
		});
	} finally {
		const profileError = await stopProfile?.();
		if (profileError) {
			process.stderr.write(`profile: ${profileError.message}\n`);
		}

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
