/** The job detail view: a bordered, scrollable window over {@link detailLines}. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import {glyph, theme} from '../theme.js';
import type {DetailLine} from './detail-lines.js';

/** Rows the border and the title line take. */
const chrome = 3;

/** Rows of content a detail view `height` rows tall shows. */
export function detailBodyRows(height: number): number {
	return Math.max(1, height - chrome);
}

/** The largest scroll offset for `lineCount` lines in a view `height` rows tall. */
export function maxDetailOffset(lineCount: number, height: number): number {
	return Math.max(0, lineCount - detailBodyRows(height));
}

/** Props of {@link JobDetail}. */
export type JobDetailProps = {
	/** Short id of the job, for the title. */
	readonly jobId: string;
	readonly lines: readonly DetailLine[];
	/** First line shown (clamped here). */
	readonly offset: number;
	readonly width: number;
	readonly height: number;
	/** The detail view has the keys (not the REPL): its border is drawn in the focus colour. */
	readonly focused: boolean;
};

function titleText(jobId: string, first: number, last: number, total: number): string {
	const below = total - last;
	const more = below > 0 ? ` ${glyph.separator} ${glyph.more} ${below} more` : '';
	return `job ${jobId.slice(-8)} ${glyph.separator} lines ${first}–${last} of ${total}${more} ${glyph.separator} ↑↓ pgup pgdn scroll ${glyph.separator} esc close`;
}

/** The view: one `<Text wrap="truncate-end">` per row, so a long line never wraps into the next. */
export const JobDetail = memo(function JobDetail({
	jobId,
	lines,
	offset,
	width,
	height,
	focused,
}: JobDetailProps) {
	const rows = detailBodyRows(height);
	const first = Math.min(Math.max(0, offset), maxDetailOffset(lines.length, height));
	const shown = lines.slice(first, first + rows);
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			borderStyle="round"
			borderColor={focused ? theme.focus : theme.muted}
			overflow="hidden"
		>
			<Text wrap="truncate-end" bold color={theme.focus}>
				{titleText(jobId, first + 1, first + shown.length, lines.length)}
			</Text>
			{Array.from({length: rows}, (_, index) => {
				const line = shown[index];
				return (
					<Text key={index} wrap="truncate-end">
						{line === undefined || line.length === 0
							? ' '
							: line.map((segment, part) => (
									<Text key={part} color={segment.color} bold={segment.bold} dimColor={segment.dim}>
										{segment.text}
									</Text>
								))}
					</Text>
				);
			})}
		</Box>
	);
});
