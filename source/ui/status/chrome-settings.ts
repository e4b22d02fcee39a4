/**
 * What the status bar and the toasts need from `config.yml` and the process: the budget, quiet hours,
 * how to notify, and the errors inbox.
 */
import type {Budget} from '../../core/budget.js';
import type {QuietWindow} from '../../core/quiet-hours.js';
import type {RunActivity} from '../../core/supervision.js';
import type {ErrorInbox} from '../toast/error-inbox.js';

/** `notify:` of `config.yml`, the same settings the engine's state notifier reads. */
export type NotifySettings = {
	readonly bell: boolean;
	readonly desktop: boolean;
	/** Run states that notify; `exited` covers a job done or blocked by its run. */
	readonly states: readonly RunActivity[];
};

/** Settings of the status bar and toasts; every one optional (tests leave out what they do not test). */
export type ChromeSettings = {
	/** The board's budget (`budget:`); without one there is no budget bar. */
	readonly budget?: Budget;
	/** `scheduler.quietHours`; without any there is no quiet-hours segment. */
	readonly quietHours?: readonly QuietWindow[];
	readonly notify?: NotifySettings;
	/**
	 * Id of the engine that runs jobs in this process, which rings and notifies for its own runs: the
	 * dashboard then only does so for runs of other processes, so nothing rings twice.
	 */
	readonly engineId?: string;
	/** Rings the terminal bell. */
	readonly ringBell?: () => void;
	/** Shows a desktop notification (`notify-send`); must not throw or wait. */
	readonly notifyDesktop?: (summary: string, body: string) => void;
	/** Where errors wait to be read; default: a new inbox of the dashboard's own. */
	readonly errors?: ErrorInbox;
	/** How long a toast shows, in ms (default 4000). */
	readonly toastMs?: number;
	/** The wall clock in ms (default `Date.now`); tests inject one. */
	readonly now?: () => number;
};
