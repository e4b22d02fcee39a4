/** The result list's controls for this render: moves go to the REPL's reducer, Enter to {@link openMatch}. */
import type {ResultControls} from './result-layer.js';
import {openMatch, type MatchTargets} from './open-match.js';
import type {Repl} from './use-repl.js';

/** Controls of the open result list, or `undefined` when none is open. */
export function resultControls(
	repl: Pick<Repl, 'state' | 'moveResult' | 'closeResults'>,
	targets: MatchTargets,
	page: number,
): ResultControls | undefined {
	const list = repl.state.results;
	return list
		? {
				page: Math.max(1, page),
				move: repl.moveResult,
				open() {
					repl.closeResults();
					openMatch(list, targets);
				},
				close: repl.closeResults,
			}
		: undefined;
}
