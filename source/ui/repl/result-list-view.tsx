/** The last search's matches as a list in the REPL's output area: a title row, then a window of matches around the cursor. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {SearchMatch} from '../../commands/search.js';
import {sanitize} from '../format.js';
import {glyph, theme} from '../theme.js';
import type {ResultList} from './result-list.js';

/** Props of {@link ResultListView}. */
export type ResultListViewProps = {
	readonly list: ResultList;
	readonly width: number;
	/** Rows, the title row included. */
	readonly height: number;
};

/** The first row of the window that keeps `cursor` in view among `rows` rows (centred when it can). */
export function windowStart(cursor: number, count: number, rows: number): number {
	return Math.max(0, Math.min(cursor - Math.floor(rows / 2), count - rows));
}

/** `text` split around the first match of `query` (smart case, as the search did). */
function splitMatch(text: string, query: string): [string, string, string] {
	const caseSensitive = query !== query.toLowerCase();
	const at = (caseSensitive ? text : text.toLowerCase()).indexOf(caseSensitive ? query : query.toLowerCase());
	return at === -1
		? [text, '', '']
		: [text.slice(0, at), text.slice(at, at + query.length), text.slice(at + query.length)];
}

function MatchRow({match, query, selected}: {match: SearchMatch; query: string; selected: boolean}) {
	const [before, found, after] = splitMatch(sanitize(match.text), query);
	return (
		<Text wrap="truncate-end" inverse={selected}>
			<Text color={selected ? undefined : theme.muted}>{selected ? `${glyph.prompt} ` : '  '}</Text>
			<Text bold={selected}>{`${match.jobId.slice(-8)} ${sanitize(match.title)}`}</Text>
			<Text color={selected ? undefined : theme.muted}>{`  run ${match.run}:${match.line}  `}</Text>
			{before}
			<Text color={theme.warning} bold>
				{found}
			</Text>
			{after}
		</Text>
	);
}

/** The list: one row per match; the selected one inverse, the found text in the warning colour. */
export const ResultListView = memo(function ResultListView({list, width, height}: ResultListViewProps) {
	const rows = Math.max(1, height - 1);
	const first = windowStart(list.cursor, list.matches.length, rows);
	const shown = list.matches.slice(first, first + rows);
	const count = `${list.matches.length}${list.limited ? '+' : ''}`;
	const title = `search "${sanitize(list.query)}" ${glyph.separator} match ${list.cursor + 1} of ${count} ${glyph.separator} ↑↓ jk move ${glyph.separator} enter open ${glyph.separator} esc close`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" color={theme.focus} bold>
				{title}
			</Text>
			{shown.map((match, index) => (
				<MatchRow
					key={`${match.jobId}:${match.run}:${match.line}`}
					match={match}
					query={list.query}
					selected={first + index === list.cursor}
				/>
			))}
		</Box>
	);
});
