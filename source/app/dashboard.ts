/**
 * Opening the dashboard: load the config (a bad one stops us before the screen opens), seed the demo
 * board on a first start, open the store with its watcher, render, and start the engine. `watch` opens
 * it the same way on a board it prepared (`watch.ts`).
 *
 * What the first frame does not need is loaded after it (B1): the engine (`engine-starter.ts`), the
 * command registry (`repl-runner.ts`), the demo board's importer (first start only).
 */
import path from 'node:path';
import {loadConfig, type Config} from '../config/config.js';
import {ConfigError} from '../config/yaml-file.js';
import {createTextEditor} from '../commands/external-editor.js';
import type {CommandContext} from '../commands/types.js';
import {readEngineLock} from '../engine/engine-lock.js';
import {budgetsFromConfig, budgetWarningNotice, gateChangeNotice} from '../engine/schedule.js';
import {homePaths} from '../store/paths.js';
import {JobStore} from '../store/job-store.js';
import {resolveTheme} from '../ui/color/choose-theme.js';
import type {ChromeSettings} from '../ui/status/chrome-settings.js';
import {applyTheme} from '../ui/theme.js';
import {createErrorInbox} from '../ui/toast/error-inbox.js';
import {renderDashboard, type StartupUpdate} from '../ui/render-dashboard.js';
import {FrameMetrics} from '../ui/profile/frame-metrics.js';
import type {PaneSource} from '../ui/ports.js';
import type {TerminalSize} from '../terminal/types.js';
import {createEngineStarter} from './engine-starter.js';
import {ensureHomeGitignore, exampleDir, seedConfig, shouldSeed, type HomeChoice} from './home.js';
import {desktopNotifier} from './desktop-notify.js';
import {createNoticeBoard} from './notice-board.js';
import {writeProfile} from './profile-file.js';
import {createLineRunner} from './repl-runner.js';
import {startupTraced, traceStartup} from '../ui/profile/startup-trace.js';

/**
 * Longest the first frame waits for the panes `BoardSession.waitForPanes` asks for (in ms) and then
 * for their first output: a command that cannot start, or starts quietly, must not keep the screen blank.
 */
const paneWait = {panesMs: 1000, outputMs: 300} as const;

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
		traceStartup('dashboard: config loaded');
		const store = await JobStore.open(paths.root, {
			watch: config.store.watch === 'poll' ? 'poll' : true,
			fsync: config.store.fsync,
		});
		traceStartup('dashboard: store opened');
		void store.ready.then(() => traceStartup('dashboard: watcher ready'));
		if (seed) {
			const [{importBoard, readBoardFile}, {authorResolver}, {defaultTransportName}] = await Promise.all([
				import('./board-file.js'),
				import('../config/authoring.js'),
				import('../config/transports.js'),
			]);
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
	/**
	 * Start the engine before the first frame and hold that frame until the engine shows this many
	 * panes with their first output (at most {@link paneWait}): `watch` shows its commands' output from
	 * the first frame on, and frames drawn while the runs start would each delay them (B1).
	 * Absent: the board is drawn first and the engine started right after.
	 */
	readonly waitForPanes?: number;
};

const halfTerminal = ({columns, rows}: {columns: number; rows: number}): TerminalSize => ({
	cols: Math.max(20, Math.floor(columns / 2) - 2),
	rows: Math.max(5, Math.floor(rows / 2) - 4),
});

/**
 * Show the dashboard on an open board until it closes, with the engine started (after the first frame,
 * or before it when `session.waitForPanes` asks); then stop the engine and close the store (the
 * caller opened it).
 *
 * @returns the exit code.
 * @throws what starting the engine throws (the screen is restored first).
 */
export async function runDashboard(session: BoardSession): Promise<number> {
	const {home, paths, config, store} = session;
	const live = createNoticeBoard();
	const errors = createErrorInbox();
	// BEL passes through Ink untouched and moves no cursor, so it cannot tear a frame.
	const ringBell = () => process.stdout.write('\u0007');
	const initialSize = session.initialSize ?? halfTerminal;
	const engine = createEngineStarter({
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
	if (startupTraced) {
		tracePanes(engine.panes);
	}
	// Event-loop delay is sampled only for a profile file: its 10 ms timer would cost idle CPU.
	const metrics = new FrameMetrics({loopDelay: session.profile !== undefined});
	const stopProfile = session.profile === undefined ? undefined : writeProfile(metrics, session.profile);
	const chrome: ChromeSettings = {
		budget: budgetsFromConfig(config).budget,
		quietHours: config.scheduler.quietHours,
		notify: config.notify,
		ringBell,
		notifyDesktop: desktopNotifier((error) => errors.record(error.message)),
		errors,
	};
	const started = async (): Promise<StartupUpdate> => {
		const {engine: running, viewer} = await engine.start();
		traceStartup('dashboard: engine started');
		if (viewer) {
			const owner = readEngineLock(paths.engineLock);
			live.post([...session.notices, `viewer: jobs run in pid ${owner?.pid ?? '?'}`].join(' · '));
		}

		// A viewer's engine runs nothing: the dashboard notifies for every run.
		return {chrome: {...chrome, engineId: viewer ? undefined : running.id}};
	};

	const context = async (): Promise<CommandContext> => {
		const {engine: running} = await engine.start();
		return {paths, projectDir: home.projectDir, config, store, engine: running, origin: 'repl'};
	};

	applyTheme({
		name: resolveTheme(config.theme, process.env),
		depth: process.stdout.isTTY ? process.stdout.getColorDepth() : 4,
	});
	try {
		let early: StartupUpdate | undefined;
		if (session.waitForPanes !== undefined) {
			early = await started();
			await engine.panesReady(session.waitForPanes, paneWait);
		}

		traceStartup('dashboard: render');
		await renderDashboard({
			metrics,
			store,
			panes: engine.panes,
			run: createLineRunner(context),
			editor: (handover) => createTextEditor({handover}),
			home: paths.root,
			limit: config.scheduler.concurrency,
			notice: session.notices.join(' · ') || undefined,
			notices: live,
			keys: config.keys,
			ui: {layout: config.ui.layout, panes: config.ui.panes, mouse: config.ui.mouse},
			chrome: early?.chrome ?? chrome,
			startup: early ? undefined : started,
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

/** Note the first changes of the pane list in the startup trace (`startup-trace.ts`). */
function tracePanes(panes: PaneSource): void {
	let changes = 0;
	const unsubscribe = panes.subscribe(() => {
		if (panes.getPanes().length > 0) {
			traceStartup(`dashboard: pane change ${++changes}`);
			if (changes >= 3) {
				unsubscribe();
			}
		}
	});
}
