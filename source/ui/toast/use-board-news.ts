/**
 * Toasts, the bell and desktop notifications for what changes on the board while the dashboard is
 * open, and the errors inbox fed from the same comparison of snapshots.
 */
import {useEffect, useMemo, useReducer, useRef} from 'react';
import type {StoreSnapshot} from '../ports.js';
import type {ChromeSettings} from '../status/chrome-settings.js';
import {boardChanges, newProblems, toastFor, type BoardChange} from './board-changes.js';
import {defaultToastMs, initialToastState, toastReducer, type Toast} from './toast-queue.js';

/** Desktop notifications sent for the changes of one snapshot, at most. */
const maxDesktopPerBatch = 3;

/**
 * The changes to ring and notify for: a budget level always (the engine only posts a notice), run
 * changes named in `notify.states` unless this process's engine ran them (it notified already) or no
 * run made them (a person moved the job: they know).
 */
export function changesToAlert(changes: readonly BoardChange[], chrome: ChromeSettings): BoardChange[] {
	const states = chrome.notify?.states ?? [];
	return changes.filter(
		(change) =>
			change.kind === 'budget' ||
			(change.state !== undefined &&
				states.includes(change.state) &&
				change.engine !== undefined &&
				change.engine !== chrome.engineId),
	);
}

function alert(changes: readonly BoardChange[], chrome: ChromeSettings): void {
	const {notify} = chrome;
	const due = notify && (notify.bell || notify.desktop) ? changesToAlert(changes, chrome) : [];
	if (due.length === 0) {
		return;
	}

	// One BEL per snapshot: ten jobs finishing together are one event to the ear.
	if (notify?.bell) {
		chrome.ringBell?.();
	}

	if (notify?.desktop) {
		for (const change of due.slice(0, maxDesktopPerBatch)) {
			chrome.notifyDesktop?.(change.title ? `xsarena: ${change.title}` : 'xsarena', change.text);
		}
	}
}

/**
 * The toast to show now, from comparing each store snapshot with the one before (the first one, the
 * board as loaded, is never news). Commits only when a toast appears or expires.
 */
export function useBoardNews(snapshot: StoreSnapshot, chrome: ChromeSettings): Toast | undefined {
	const durationMs = chrome.toastMs ?? defaultToastMs;
	const now = chrome.now ?? Date.now;
	const reducer = useMemo(() => toastReducer(durationMs), [durationMs]);
	const [state, dispatch] = useReducer(reducer, initialToastState);
	const previous = useRef(snapshot);

	useEffect(() => {
		const before = previous.current;
		previous.current = snapshot;
		if (before === snapshot) {
			return;
		}

		// Settings changing alone (they are memoised, so hardly ever) is no news: `before === snapshot`.
		const changes = boardChanges(before.board, snapshot.board, chrome.budget);
		for (const problem of newProblems(before, snapshot, changes)) {
			chrome.errors?.record(problem);
		}

		const toast = toastFor(changes);
		if (toast) {
			dispatch({type: 'push', toasts: [toast], now: now()});
		}

		alert(changes, chrome);
	}, [snapshot, chrome, now]);

	const until = state.current?.until;
	useEffect(() => {
		if (until === undefined) {
			return;
		}

		const timer = setTimeout(
			() => {
				// The timer firing means the time is up, even if the clock reads a ms early (or is a test's).
				dispatch({type: 'expire', now: Math.max(now(), until)});
			},
			Math.max(0, until - now()),
		);
		return () => {
			clearTimeout(timer);
		};
	}, [until, now]);

	return state.current;
}
