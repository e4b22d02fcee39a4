/**
 * The status bar with its live parts: toasts, unread errors, the budget bar and quiet hours. Their
 * hooks live here rather than in the screen, so a toast expiring re-renders only this line.
 */
import {useMemo, useSyncExternalStore} from 'react';
import type {StoreSnapshot} from '../ports.js';
import {StatusBar, type StatusBarProps} from '../status-bar.js';
import {useBoardNews} from '../toast/use-board-news.js';
import type {ErrorInbox} from '../toast/error-inbox.js';
import {budgetMeters} from './budget-meter.js';
import type {ChromeSettings} from './chrome-settings.js';
import {useQuiet} from './use-quiet.js';

/** Props of {@link LiveStatusBar}: the bar's own, the store's snapshot, and the chrome settings. */
export type LiveStatusBarProps = Omit<StatusBarProps, 'toast' | 'unreadErrors' | 'budget' | 'quiet'> & {
	readonly snapshot: StoreSnapshot;
	readonly chrome: ChromeSettings;
};

const never = () => () => {};
const none = () => 0;

function useUnread(inbox: ErrorInbox | undefined): number {
	return useSyncExternalStore(inbox?.subscribe ?? never, inbox?.getUnread ?? none);
}

/** The status bar, fed from the store and the settings. */
export function LiveStatusBar({snapshot, chrome, ...bar}: LiveStatusBarProps) {
	const toast = useBoardNews(snapshot, chrome);
	const quiet = useQuiet(chrome.quietHours, chrome.now);
	const unreadErrors = useUnread(chrome.errors);
	const budget = useMemo(() => budgetMeters(snapshot.board, chrome.budget), [snapshot.board, chrome.budget]);
	return <StatusBar {...bar} toast={toast} unreadErrors={unreadErrors} budget={budget} quiet={quiet} />;
}
