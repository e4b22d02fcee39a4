/** The kanban board: the seven status columns side by side. */
import {Box} from 'ink';
import {memo} from 'react';
import {jobStatuses, type JobStatus} from '../../core/index.js';
import {boardColumnWidths, cardRows, type BoardColumns} from './columns.js';
import {Column} from './column.js';
import type {BoardState} from './use-board-state.js';

/** Props of {@link Board}. */
export type BoardProps = {
	readonly columns: BoardColumns;
	/** Rows of each card, by column (`columnHeights` of `columns`). */
	readonly heights: Readonly<Record<JobStatus, readonly number[]>>;
	readonly selection: BoardState;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
	/** Ids of jobs whose logs had bad lines (the store's warnings). */
	readonly warnedJobs: ReadonlySet<string>;
	readonly now: number;
	/** A narrow board beside the panes: empty columns shrink so the others get their room. */
	readonly fitted?: boolean;
};

/** The board. Memoised: a pane's output alone never re-renders it. */
export const Board = memo(function Board({
	columns,
	heights,
	selection,
	width,
	height,
	focused,
	warnedJobs,
	now,
	fitted = false,
}: BoardProps) {
	const counts = jobStatuses.map((status) => columns[status].length);
	const widths = boardColumnWidths(width, counts, fitted);
	return (
		<Box flexDirection="row" width={width} height={height} columnGap={1} overflow="hidden">
			{jobStatuses.map((status, index) => (
				<Column
					key={status}
					status={status}
					jobs={columns[status]}
					heights={heights[status]}
					width={widths[index] ?? 0}
					rows={cardRows(height)}
					current={selection.column === index}
					selected={selection.cards[index] ?? 0}
					offset={selection.offsets[index] ?? 0}
					focused={focused}
					warnedJobs={warnedJobs}
					now={now}
				/>
			))}
		</Box>
	);
});
