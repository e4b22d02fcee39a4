/** The pane grid: rows of panes under the board. */
import {Box} from 'ink';
import type {Board} from '../../core/index.js';
import type {PaneGrid as Grid} from '../layout.js';
import type {PaneInfo} from '../ports.js';
import {usePaneSurface} from '../surface/surface-context.js';
import {Pane} from './pane.js';
import {paneTitle, scrollLabel} from './pane-title.js';

/** Props of {@link PaneGrid}. */
export type PaneGridProps = {
	/** All panes; the first `grid.boxes.length` are drawn (the status bar counts the rest). */
	readonly panes: readonly PaneInfo[];
	readonly grid: Grid;
	readonly width: number;
	/** For job titles. */
	readonly board: Board;
	/** Index of the pane with the focus ring, when the panes area has focus. */
	readonly focusedIndex: number | undefined;
	/** The pane whose agent gets the keys in insert mode. */
	readonly inserting: PaneInfo | undefined;
	readonly now: number;
};

/**
 * The grid. It re-renders every frame (that is when pane versions change), but each {@link Pane} is
 * memoised on its screen's version, size and title, so only panes whose screen changed are redrawn.
 * With a pane surface the rows are not Ink's to draw: the version is left out, so output alone never
 * redraws a pane.
 */
export function PaneGrid({panes, grid, width, board, focusedIndex, inserting, now}: PaneGridProps) {
	const surface = usePaneSurface();
	const rows = Array.from({length: grid.rows}, (_, row) =>
		grid.boxes.flatMap((box, index) => (box.row === row ? [{box, index}] : [])),
	);
	return (
		<Box flexDirection="column" width={width} height={grid.height}>
			{rows.map((cells, row) => (
				<Box key={row} flexDirection="row">
					{cells.map(({box, index}) => {
						const info = panes[index];
						if (!info) {
							return null;
						}

						const title = paneTitle(info, board.jobs.get(info.jobId), now);
						return (
							<Pane
								key={`${info.jobId}:${info.run}`}
								screen={info.screen}
								version={surface ? 0 : info.screen.version}
								title={title.text}
								activity={title.activity}
								exitText={title.exit?.text}
								exitOk={title.exit?.ok}
								scroll={scrollLabel(info.screen)}
								width={box.width}
								height={box.height}
								cols={box.cols}
								rows={box.rows}
								focused={focusedIndex === index}
								inserting={
									inserting !== undefined && inserting.jobId === info.jobId && inserting.run === info.run
								}
							/>
						);
					})}
				</Box>
			))}
		</Box>
	);
}
