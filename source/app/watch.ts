/**
 * `xsarena watch -- "cmd 1" "cmd 2" …`: the dashboard on shell commands without a config. A throwaway
 * board folder under the system temp folder (or `--home DIR`) gets one `shell` job per command and a
 * concurrency limit of one run per command, so every command starts at once in its own pane; nothing
 * is seeded. The throwaway folder is removed when the program ends (also on a signal), unless `--keep`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {WatchRequest} from '../commands/watch.js';
import {loadConfig, type Config} from '../config/config.js';
import {ConfigError} from '../config/yaml-file.js';
import {decideCreate} from '../core/index.js';
import {homePaths} from '../store/paths.js';
import {JobStore, newJobId} from '../store/job-store.js';
import type {TerminalSize} from '../terminal/types.js';
import {computeLayout, type LayoutOptions} from '../ui/layout.js';
import {runDashboard} from './dashboard.js';
import {ensureHomeGitignore} from './home.js';
import {traceStartup} from '../ui/profile/startup-trace.js';

/** Where `watch` keeps its board. */
export type WatchHome = {
	/** The folder `--home` named (kept, and its `config.yml` used); absent: a throwaway folder. */
	readonly root?: string;
	/** The folder the commands run in. */
	readonly projectDir: string;
};

/** Longest job title: the event schema's limit (the whole command line is the job's command). */
const maxTitle = 500;

/**
 * The config of a watch board: the home's (defaults without a file), with room for every command at
 * once and every finished command's pane kept on screen.
 */
export function watchConfig(base: Config, commands: number): Config {
	return {
		...base,
		scheduler: {...base.scheduler, concurrency: Math.max(commands, 1)},
		ui: {...base.ui, keepFinishedPanes: Math.max(base.ui.keepFinishedPanes, commands)},
	};
}

/**
 * Each pane's content size for `count` panes on a terminal of `terminal` laid out as `ui` says, so a
 * program starts at its size.
 */
export function watchPaneSize(
	terminal: {columns: number; rows: number},
	count: number,
	ui: Pick<LayoutOptions, 'layout' | 'paneArrangement'> = {},
): TerminalSize {
	const layout = computeLayout(terminal, count, ui);
	const box = layout.kind === 'fits' ? layout.panes.boxes[0] : undefined;
	return box
		? {cols: Math.max(2, box.cols), rows: Math.max(1, box.rows)}
		: {cols: Math.max(20, Math.floor(terminal.columns / 2) - 2), rows: Math.max(5, terminal.rows - 10)};
}

/** Add one ready `shell` job per command, in order (the scheduler starts the oldest first). */
export function addWatchJobs(store: JobStore, commands: readonly string[]): string[] {
	return commands.map((command) => {
		const id = newJobId();
		const title = command.length > maxTitle ? `${command.slice(0, maxTitle - 1)}…` : command;
		const drafts = decideCreate(store.getSnapshot().board, {
			title,
			description: '',
			kind: 'agent',
			status: 'ready',
			priority: 'medium',
			agent: 'shell',
			command,
			blockedBy: [],
			acceptance: [],
		});
		store.append(id, drafts, 'watch');
		return id;
	});
}

/**
 * Open the dashboard on `request.commands`; resolves with the exit code when it closes.
 */
export async function openWatch(request: WatchRequest, home: WatchHome): Promise<number> {
	const throwaway = home.root === undefined;
	const root = home.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-watch-'));
	const remove = () => {
		if (throwaway && !request.keep) {
			fs.rmSync(root, {recursive: true, force: true});
		}
	};

	// The screen guard exits on SIGINT/SIGTERM; a closed terminal (SIGHUP) would end us with no `exit`.
	const onHangup = () => {
		process.exit(129);
	};

	process.once('exit', remove);
	process.once('SIGHUP', onHangup);
	try {
		const paths = homePaths(root);
		const config = watchConfig(loadConfig(paths.configFile), request.commands.length);
		if (!throwaway) {
			ensureHomeGitignore(root);
		}

		// A throwaway board need not survive a power loss; fsyncs would only cost.
		const store = JobStore.open(root, {watch: true, fsync: throwaway ? 'never' : config.store.fsync});
		addWatchJobs(store, request.commands);
		traceStartup('watch: store opened, jobs added');
		const where = throwaway ? (request.keep ? `${root} (kept)` : `${root} (removed on quit)`) : root;
		const plural = request.commands.length === 1 ? '' : 's';
		return await runDashboard({
			home: {root, projectDir: home.projectDir, explicit: true},
			paths,
			config,
			store,
			notices: [`watch: ${request.commands.length} command${plural} · board in ${where}`],
			profile: request.profile,
			waitForPanes: request.commands.length,
			initialSize: (terminal) =>
				watchPaneSize(terminal, request.commands.length, {
					layout: config.ui.layout,
					paneArrangement: config.ui.panes,
				}),
		});
	} catch (error) {
		process.stderr.write(`${error instanceof ConfigError ? '' : 'error: '}${(error as Error).message}\n`);
		return error instanceof ConfigError ? 2 : 1;
	} finally {
		process.off('SIGHUP', onHangup);
		process.off('exit', remove);
		remove();
		if (throwaway && request.keep) {
			process.stderr.write(`watch: the board is kept in ${root}\n`);
		}
	}
}
