/**
 * Everything between the top of the screen and the REPL: the help overlay, or the job detail view, or
 * the board above the pane grid (either may be hidden or zoomed away by the layout).
 */
import {Board} from './board/board.js';
import type {BoardState} from './board/use-board-state.js';
import type {DetailLine} from './detail/detail-lines.js';
import {JobDetail} from './detail/job-detail.js';
import type {Keymap} from './keys/bindings.js';
import {HelpOverlay} from './keys/help-overlay.js';
import type {DashboardLayout} from './layout.js';
import {PaneGrid} from './pane/pane-grid.js';
import type {PaneInfo} from './ports.js';
import type {DashboardData} from './use-dashboard-data.js';

/** Props of {@link MainArea}. */
export type MainAreaProps = {
	readonly data: DashboardData;
	readonly layout: Extract<DashboardLayout, {kind: 'fits'}>;
	/** The help overlay is open: the bindings it lists and the rows it takes. */
	readonly help: {readonly keymap: Keymap; readonly height: number; readonly page: number} | undefined;
	/** The job detail view is open. */
	readonly detail:
		| {
				readonly jobId: string;
				readonly lines: readonly DetailLine[];
				readonly offset: number;
				readonly focused: boolean;
		  }
		| undefined;
	readonly selection: BoardState;
	readonly boardFocused: boolean;
	/** The panes in grid order (only the zoomed one when zoomed). */
	readonly panes: readonly PaneInfo[];
	/** Index in `panes` of the pane with the focus ring, when the panes have focus. */
	readonly focusedPane: number | undefined;
	readonly inserting: PaneInfo | undefined;
	readonly now: number;
};

/** The main area. */
export function MainArea({
	data,
	layout,
	help,
	detail,
	selection,
	boardFocused,
	panes,
	focusedPane,
	inserting,
	now,
}: MainAreaProps) {
	const {width} = layout;
	const grid = layout.panes;
	if (help) {
		return <HelpOverlay width={width} height={help.height} keymap={help.keymap} page={help.page} />;
	}

	if (detail) {
		return (
			<JobDetail
				jobId={detail.jobId}
				lines={detail.lines}
				offset={detail.offset}
				width={width}
				height={layout.board.height + grid.height}
				focused={detail.focused}
			/>
		);
	}

	return (
		<>
			{layout.board.height > 0 ? (
				<Board
					columns={data.columns}
					heights={data.heights}
					selection={selection}
					width={width}
					height={layout.board.height}
					focused={boardFocused}
					warnedJobs={data.warnedJobs}
					now={now}
				/>
			) : null}
			{grid.boxes.length > 0 ? (
				<PaneGrid
					panes={panes}
					grid={grid}
					width={width}
					board={data.snapshot.board}
					focusedIndex={focusedPane}
					inserting={inserting}
					now={now}
				/>
			) : null}
		</>
	);
}
