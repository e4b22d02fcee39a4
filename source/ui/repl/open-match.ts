/**
 * Enter on a search match: the run's pane when it is on screen (focused, its buffer searched for the
 * same text and stepped back to the match nearest the line, highlighted as `/` does), else the job's
 * detail view with the log's lines around the match printed by `tail --line`.
 */
import type {PaneInfo} from '../ports.js';
import {newerInRun, type ResultList} from './result-list.js';

/** What opening a match can act on. */
export type MatchTargets = {
	/** The panes, in display order. */
	readonly panes: readonly PaneInfo[];
	/** Panes `focusPane` can reach: the first this many (the visible ones). */
	readonly selectable: number;
	/** Give the panes the keys with the pane at `index` focused. */
	focusPane(index: number): void;
	openDetail(jobId: string): void;
	execute(line: string): void;
};

/** Where a match was opened: a pane (its index) or the log. */
export type MatchOpened = {readonly pane: number} | {readonly log: string};

/** Open the selected match of `list`. */
export function openMatch(list: ResultList, targets: MatchTargets): MatchOpened | undefined {
	const match = list.matches[list.cursor];
	if (!match) {
		return undefined;
	}

	const index = targets.panes.findIndex((pane) => pane.jobId === match.jobId && pane.run === match.run);
	const scrollback = targets.panes[index]?.screen.scrollback;
	if (index !== -1 && index < targets.selectable && scrollback) {
		targets.focusPane(index);
		const found = scrollback.find(list.query);
		// The buffer search starts at the newest match; a line drawn twice (or gone from the capped buffer) makes this approximate.
		const back = Math.min(newerInRun(list, match), Math.max(0, (found?.count ?? 1) - 1));
		for (let step = 0; step < back; step++) {
			scrollback.nextMatch(-1);
		}

		return {pane: index};
	}

	const line = `tail ${match.jobId} --run ${match.run} --line ${match.line}`;
	targets.openDetail(match.jobId);
	targets.execute(line);
	return {log: line};
}
