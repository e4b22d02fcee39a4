/** The status bar's settings as the dashboard uses them, and the REPL runner that reads the errors inbox. */
import {useMemo} from 'react';
import type {CommandRunner} from './ports.js';
import type {ChromeSettings} from './status/chrome-settings.js';
import {createErrorInbox, withErrorsCommand, type ErrorInbox} from './toast/error-inbox.js';

/**
 * `chrome` (none: no budget, quiet hours or notifications) with an errors inbox for sure, and `run` with the
 * REPL's `errors` command reading that inbox in front.
 */
export function useChrome(
	chrome: ChromeSettings | undefined,
	run: CommandRunner,
): {readonly chrome: ChromeSettings & {readonly errors: ErrorInbox}; readonly run: CommandRunner} {
	const settings = useMemo(() => {
		const base = chrome ?? {};
		return {...base, errors: base.errors ?? createErrorInbox(base.now)};
	}, [chrome]);
	const runner = useMemo(() => withErrorsCommand(run, settings.errors), [run, settings.errors]);
	return useMemo(() => ({chrome: settings, run: runner}), [settings, runner]);
}
