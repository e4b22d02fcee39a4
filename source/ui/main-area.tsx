/**
 * Everything between the top of the screen and the REPL: the help overlay, or the job detail view, or
 * the stats view, or the board and the pane grid, above one another or side by side as the layout
 * says (either may be hidden or zoomed away by it).
 */
import {Box} from 'ink';
import {Board} from './board/board.js';
import type {BoardState} from './board/use-board-state.js';
import type {DetailLine} from './detail/detail-lines.js';
import {JobDetail} from './detail/job-detail.js';
import type {Keymap} from './keys/bindings.js';
import {HelpOverlay} from './keys/help-overlay.js';
import type {DashboardLayout} from './layout.js';
import {PaneGrid} from './pane/pane-grid.js';
import type {PaneInfo} from './ports.js';
import type {RateSampler} from './stats/rate-sampler.js';
import {StatsView} from './stats/stats-view.js';
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
	/** The stats view is open: the rates it draws. */
	readonly stats: RateSampler | undefined;
	readonly selection: BoardState;
	readonly boardFocused: boolean;
	/** The panes in grid order (only the zoomed one when zoomed). */
	readonly panes: readonly PaneInfo[];
	/** Index in `panes` of the pane with the focus ring, when the panes have focus (the layout's boxes say where it is). */
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
	stats,
	selection,
	boardFocused,
	panes,
	focusedPane,
	inserting,
	now,
}: MainAreaProps) {
	const {width} = layout;
	const grid = layout.panes;
	const height = layout.main.height;
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
				height={height}
				focused={detail.focused}
			/>
		);
	}

	if (stats) {
		return <StatsView sampler={stats} board={data.snapshot.board} now={now} width={width} height={height} />;
	}

	// The layout may show the panes in another order than the list's (the `focus` arrangement).
	const shown = grid.boxes.flatMap((box) => (panes[box.pane] ? [panes[box.pane]!] : []));
	const focusedBox = grid.boxes.findIndex((box) => box.pane === focusedPane);
	const board =
		layout.board.height > 0 ? (
			<Board
				columns={data.columns}
				heights={data.heights}
				selection={selection}
				width={layout.board.width}
				height={layout.board.height}
				focused={boardFocused}
				warnedJobs={data.warnedJobs}
				now={now}
				fitted={layout.arrangement === 'side'}
			/>
		) : null;
	const paneGrid =
		grid.boxes.length > 0 ? (
			<PaneGrid
				panes={shown}
				grid={grid}
				width={grid.width}
				board={data.snapshot.board}
				focusedIndex={focusedBox === -1 ? undefined : focusedBox}
				inserting={inserting}
				now={now}
			/>
		) : null;
	if (layout.arrangement === 'side' && board && paneGrid) {
		// One blank column between the board and the panes' borders.
		return (
			<Box flexDirection="row" width={width} height={height} columnGap={1}>
				{board}
				{paneGrid}
			</Box>
		);
	}

	return (
		<>
			{board}
			{paneGrid}
		</>
	);
}
