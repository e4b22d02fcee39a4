/**
 * Insert mode as a hook: which pane's agent gets the keyboard, the session forwarding the bytes, and a
 * short notice when there is nothing to type into. Insert mode ends by a leave key or, derived at
 * read time, when the run stops taking input (its pane loses `write`).
 */
import {useCallback, useEffect, useMemo, useState} from 'react';
import {bindings, keyBytes, keysOf, type Keymap} from '../keys/bindings.js';
import type {PaneInfo} from '../ports.js';
import {createInsertSession, type InsertSession} from './insert-session.js';

/** Shown when `i` is pressed on a pane whose run has ended. */
export const nothingToTypeInto = 'run ended; nothing to type into';
/** Shown when the run ends while its pane is in insert mode. */
export const runEndedWhileInserting = 'run ended; insert mode left';
/** How long a notice stays, in ms. */
export const noticeMs = 4000;

/** Insert mode's state and its one action. */
export type InsertMode = {
	/** The pane whose agent gets the keys; `undefined` outside insert mode. */
	readonly pane: PaneInfo | undefined;
	/** The session forwarding keys to it (defined exactly when `pane` is). */
	readonly session: InsertSession | undefined;
	/** A notice for the status bar, for a few seconds after insert mode was refused or ended. */
	readonly notice: string | undefined;
	/** Enter insert mode on `pane`, or (its run ended) show {@link nothingToTypeInto}. */
	enter(pane: PaneInfo): void;
};

type Target = {readonly jobId: string; readonly run: number; readonly session: InsertSession};
type State = {readonly target?: Target; readonly notice?: string};

const bytesOf = (action: 'leaveInsert' | 'leaveInsertNow', keymap: Keymap) =>
	keysOf('insert', action, keymap).flatMap((spec) => keyBytes(spec) ?? []);

/**
 * Insert mode over `panes` (this frame's). The leave keys come from the bindings table: the first
 * `leaveInsert` key is the chord pressed twice, the `leaveInsertNow` keys leave at once.
 *
 * @param escapeWindowMs how long a lone Esc waits for a second one (tests shorten it).
 * @param keymap the bindings in force (the person may have rebound the leave keys).
 */
export function useInsertMode(
	panes: readonly PaneInfo[],
	escapeWindowMs?: number,
	keymap: Keymap = bindings,
): InsertMode {
	const [state, setState] = useState<State>({});
	const {target} = state;
	const pane =
		target && panes.find((info) => info.jobId === target.jobId && info.run === target.run && info.write);
	const ended = target !== undefined && pane === undefined;
	const notice = state.notice ?? (ended ? runEndedWhileInserting : undefined);

	useEffect(() => {
		if (notice === undefined) {
			return;
		}

		// The run ended under insert mode: a held Esc must not outlive it.
		if (ended) {
			target.session.dispose();
		}

		const timer = setTimeout(() => {
			setState((current) => (current === state ? {} : current));
		}, noticeMs);
		return () => {
			clearTimeout(timer);
		};
	}, [notice, ended, target, state]);

	// Leaving, entering another pane, or unmounting stops the previous session.
	useEffect(
		() => () => {
			target?.session.dispose();
		},
		[target],
	);

	const enter = useCallback(
		(info: PaneInfo) => {
			const {write} = info;
			if (!write) {
				setState({notice: nothingToTypeInto});
				return;
			}

			const session: InsertSession = createInsertSession({
				write,
				leave() {
					setState((current) => (current.target?.session === session ? {} : current));
				},
				chord: bytesOf('leaveInsert', keymap)[0] ?? '\u001B',
				instant: bytesOf('leaveInsertNow', keymap),
				modes: () => info.screen.inputModes,
				escapeWindowMs,
			});
			setState({target: {jobId: info.jobId, run: info.run, session}});
		},
		[escapeWindowMs, keymap],
	);

	const session = pane ? target?.session : undefined;
	return useMemo(() => ({pane, session, notice, enter}), [pane, session, notice, enter]);
}
