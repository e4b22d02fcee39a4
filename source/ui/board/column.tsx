/** One board column: a header with the count, a rule, and the cards that fit. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Job, JobStatus} from '../../core/index.js';
import {fit} from '../format.js';
import {glyph, statusLabel, theme} from '../theme.js';
import {Card} from './card.js';
import {scrollWindow} from './use-board-state.js';

/** Props of {@link Column}. */
export type ColumnProps = {
	readonly status: JobStatus;
	readonly jobs: readonly Job[];
	/** Rows of each card, from `columnHeights`. */
	readonly heights: readonly number[];
	readonly width: number;
	/** Rows for cards (the column's height less its header). */
	readonly rows: number;
	/** This column holds the selection; `selected`/`offset` are the reducer's raw values. */
	readonly current: boolean;
	readonly selected: number;
	readonly offset: number;
	/** The board has focus (selection drawn inverse). */
	readonly focused: boolean;
	readonly warnedJobs: ReadonlySet<string>;
	readonly now: number;
};

/** `status (count)`, or with the short label when the full name would cut the count off. */
function header(status: JobStatus, count: number, width: number): string {
	const full = `${status} (${count})`;
	return full.length <= width ? full : `${statusLabel[status]} (${count})`;
}

/** The rule under the header doubles as the scroll indicator: `↑2 ↓5` when cards are out of view. */
function rule(width: number, above: number, below: number): string {
	const hint = [above > 0 ? `${glyph.less}${above}` : '', below > 0 ? `${glyph.more}${below}` : '']
		.filter(Boolean)
		.join(' ');
	// Cut, not truncated: an ellipsis at the end of a rule reads as text cut off.
	return (hint === '' ? '─'.repeat(width) : `─ ${hint} ${'─'.repeat(width)}`).slice(0, width);
}

/** A column; scrolls so the selected card stays visible. */
export const Column = memo(function Column(props: ColumnProps) {
	const {status, jobs, heights, width, rows, current, focused, warnedJobs, now} = props;
	const view = scrollWindow(props.selected, props.offset, heights, rows);
	const visible = jobs.slice(view.offset, view.offset + view.shown);
	const below = jobs.length - view.offset - visible.length;
	return (
		<Box flexDirection="column" width={width} overflow="hidden">
			<Text wrap="truncate-end" bold color={current && focused ? theme.focus : undefined}>
				{fit(header(status, jobs.length, width), width)}
			</Text>
			<Text wrap="truncate-end" color={theme.muted}>
				{rule(width, view.offset, below)}
			</Text>
			{visible.map((job, index) => {
				const isSelected = current && index + view.offset === view.selected;
				return (
					<Card
						key={job.id}
						job={job}
						width={width}
						highlighted={isSelected && focused}
						selected={isSelected && !focused}
						warned={warnedJobs.has(job.id)}
						// Only running cards show a clock; the others must not re-render on its tick.
						now={status === 'in_flight' ? now : 0}
					/>
				);
			})}
		</Box>
	);
});
