/**
 * The matches of the last `search`, as a list with a cursor in the REPL's output area: pure state and
 * moves, so the key layer only dispatches. Enter opens the match (see `open-match.ts`).
 */
import type {SearchMatch, SearchResult} from '../../commands/search.js';

/** An open result list. */
export type ResultList = {
	readonly query: string;
	readonly matches: readonly SearchMatch[];
	/** Index of the selected match. */
	readonly cursor: number;
	/** The search stopped at its match limit: there may be more. */
	readonly limited: boolean;
};

/** How far a move goes: matches (negative: up), or to an end. */
export type ResultMove = number | 'top' | 'bottom';

/** True for what `search` returns as data (a command outcome's `data` is `unknown`). */
export function isSearchResult(data: unknown): data is SearchResult {
	const candidate = data as Partial<SearchResult> | undefined;
	return typeof candidate?.query === 'string' && Array.isArray(candidate.matches);
}

/** A list over `result`'s matches, the first selected; none when nothing matched. */
export function resultList(result: SearchResult): ResultList | undefined {
	return result.matches.length === 0
		? undefined
		: {query: result.query, matches: result.matches, cursor: 0, limited: result.limited};
}

/** `list` with its cursor moved (clamped to the list). */
export function moveCursor(list: ResultList, by: ResultMove): ResultList {
	const last = list.matches.length - 1;
	const next = by === 'top' ? 0 : by === 'bottom' ? last : list.cursor + by;
	const cursor = Math.min(Math.max(0, next), last);
	return cursor === list.cursor ? list : {...list, cursor};
}

/**
 * How many matches of `match`'s run the list shows after it: a pane's buffer search starts at the
 * newest match, so stepping back this many times lands on (about) this line.
 */
export function newerInRun(list: ResultList, match: SearchMatch): number {
	return list.matches.filter(
		(other) => other.jobId === match.jobId && other.run === match.run && other.line > match.line,
	).length;
}
