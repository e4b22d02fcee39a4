/** The dashboard's root: providers and the screen. */
import {useApp} from 'ink';
import {useCallback, useMemo} from 'react';
import {CommandRunnerContext} from './command-runner-context.js';
import {ControlRoom} from './control-room.js';
import {KeymapContext} from './keys/keymap-context.js';
import {applyKeyOverrides, type KeyOverrides} from './keys/keymap.js';
import type {ScreenSettings, TerminalSize} from './layout.js';
import type {BoardSource, CommandRunner, NoticeSource, PaneSource} from './ports.js';
import type {ChromeSettings} from './status/chrome-settings.js';
import {useChrome} from './use-chrome.js';
import {useNotice} from './use-notice.js';
import {useTerminalSize} from './use-terminal-size.js';

/** Props of the dashboard. */
export type DashboardProps = {
	/** The job store. */
	readonly store: BoardSource;
	/** The panes this process can show. */
	readonly panes: PaneSource;
	/** Runs a REPL line (and the board's `show`/`dispatch`/`cancel`). */
	readonly run: CommandRunner;
	/** The `.xsarena` folder, shown in the status bar. */
	readonly home: string;
	/** Concurrency limit, shown as `runs active/limit`. */
	readonly limit: number;
	/** A one-off message for the status bar (e.g. "seeded the demo board from .xsarena.example/"). */
	readonly notice?: string;
	/** Notices that arrive later; the latest replaces `notice`. */
	readonly notices?: NoticeSource;
	/** Terminal size to use instead of stdout's (tests; ink-testing-library's stdout has no rows). */
	readonly size?: TerminalSize;
	/** Shortest time between two data-driven frames, in ms (default 50). */
	readonly frameInterval?: number;
	/** How long a lone Esc waits for a second one in insert mode, in ms (default 300; tests shorten it). */
	readonly escapeWindowMs?: number;
	/** Called when the person quits, just before Ink unmounts. */
	readonly onQuit?: () => void;
	/**
	 * The person's `keys:` from `config.yml` (checked by the config loader; should a bad one get here,
	 * the shipped bindings are used).
	 */
	readonly keys?: KeyOverrides;
	/** `ui.layout`, `ui.panes` and `ui.mouse` from `config.yml` (default: auto, grid, mouse on). */
	readonly ui?: ScreenSettings;
	/** Budget, quiet hours, notifications and the errors inbox; default: none of them (an inbox of its own). */
	readonly chrome?: ChromeSettings;
};

/** Providers, the terminal size, and how quitting ends the Ink app. */
export function App({run, size, onQuit, notice, notices, keys, chrome, ...rest}: DashboardProps) {
	const terminal = useTerminalSize(size);
	const shown = useNotice(notice, notices);
	const {exit} = useApp();
	const quit = useCallback(() => {
		onQuit?.();
		exit();
	}, [onQuit, exit]);
	const keymap = useMemo(() => applyKeyOverrides(keys ?? {}).keymap, [keys]);
	const settings = useChrome(chrome, run);
	return (
		<CommandRunnerContext.Provider value={settings.run}>
			<KeymapContext.Provider value={keymap}>
				<ControlRoom {...rest} notice={shown} size={terminal} quit={quit} chrome={settings.chrome} />
			</KeymapContext.Provider>
		</CommandRunnerContext.Provider>
	);
}
