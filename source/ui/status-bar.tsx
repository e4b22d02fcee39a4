/** The status bar: one line at the bottom of the screen. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import {statusSegments, type StatusInput} from './status-line.js';

/** Props of {@link StatusBar}. */
export type StatusBarProps = StatusInput & {readonly width: number};

/**
 * `-- INSERT --` in insert mode, coloured counts per column, runs against the limit, runs waiting for
 * input, the store's error, the toast, unread errors, the budget bar, quiet hours, the store's latest
 * warning, the notice, the home path and `? help`; or, while quitting waits for an answer, the
 * question. Never wraps: the segments are fitted to the width before drawing (`status-line.ts`), and
 * the text truncates as a last resort. Memoised: it draws only when one of its inputs changed.
 */
export const StatusBar = memo(function StatusBar({width, ...input}: StatusBarProps) {
	const segments = statusSegments(input, width);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{segments.map((segment, index) => (
					<Text key={index} color={segment.color} bold={segment.bold} inverse={segment.inverse}>
						{segment.text}
					</Text>
				))}
			</Text>
		</Box>
	);
});
