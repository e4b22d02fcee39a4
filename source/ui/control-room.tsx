/**
 * The dashboard's screen: the state hooks (data, focus, selection, REPL, keys), and the regions laid
 * out top to bottom. Each concern lives in its own hook or reducer; this file only connects them.
 */
import {Box, Text} from 'ink';
import {Board} from './board/board.js';
import {cardRows} from './board/columns.js';
import {useBoardState} from './board/use-board-state.js';
import {keyHint} from './keys/bindings.js';
import {dashboardLayers, quitOnlyLayers} from './keys/dashboard-layers.js';
import {useFocusState} from './keys/focus-state.js';
import {HelpOverlay} from './keys/help-overlay.js';
import {useInsertMode} from './insert/use-insert-mode.js';
import {useKeyRouter} from './keys/use-key-router.js';
import {computeLayout, paneGrid, type TerminalSize} from './layout.js';
import {PaneGrid} from './pane/pane-grid.js';
import {usePaneSelection} from './pane/use-pane-selection.js';
import type {BoardSource, PaneSource} from './ports.js';
import {ReplLine} from './repl/repl-line.js';
import {ReplOutput} from './repl/repl-output.js';
import {useRepl} from './repl/use-repl.js';
import {StatusBar} from './status-bar.js';
import {quitQuestion} from './status-line.js';
import {theme} from './theme.js';
import {useDashboardData} from './use-dashboard-data.js';
import {useElapsedClock} from './use-elapsed-clock.js';

/** Props of {@link ControlRoom}. */
export type ControlRoomProps = {
	readonly store: BoardSource;
	readonly panes: PaneSource;
	readonly home: string;
	readonly limit: number;
	readonly notice?: string;
	readonly size: TerminalSize;
	/** Leave the dashboard now (no question asked). Must be stable. */
	readonly quit: () => void;
	readonly frameInterval?: number;
	/** How long a lone Esc waits for a second one in insert mode, in ms (default 300). */
	readonly escapeWindowMs?: number;
};

const noPanes = paneGrid(0, 0, 0);

/** The whole screen. */
export function ControlRoom({
	store,
	panes,
	home,
	limit,
	notice,
	size,
	quit,
	frameInterval,
	escapeWindowMs,
}: ControlRoomProps) {
	const data = useDashboardData(store, panes, frameInterval);
	const layout = computeLayout(size, data.panes.length);
	const fits = layout.kind === 'fits';
	const boardHeight = fits ? layout.board.height : 0;
	const grid = fits ? layout.panes : noPanes;
	const focus = useFocusState();
	const board = useBoardState(data.columns, data.heights, cardRows(boardHeight));
	const paneSelection = usePaneSelection(grid.columns, grid.boxes.length);
	const insert = useInsertMode(data.panes, escapeWindowMs);
	const repl = useRepl(quit);
	const now = useElapsedClock(data.active > 0 || data.running);
	const area = focus.focus === 'panes' && grid.boxes.length === 0 ? 'board' : focus.focus;
	const controls = {
		focus,
		area,
		board,
		panes: {
			focused: data.panes[paneSelection.index],
			count: grid.boxes.length,
			move: paneSelection.move,
		},
		insert,
		repl,
		requestQuit: () => (data.active > 0 ? focus.open('confirm-quit') : quit()),
		quit,
	};
	useKeyRouter(fits ? dashboardLayers(controls) : quitOnlyLayers(controls));

	if (layout.kind === 'too-small') {
		return (
			<Box width={layout.width} height={layout.height}>
				<Text wrap="truncate-end" color={focus.modal === 'confirm-quit' ? theme.warning : undefined}>
					{focus.modal === 'confirm-quit' ? quitQuestion(data.active) : layout.message}
				</Text>
			</Box>
		);
	}

	const {width} = layout;
	const inserting =
		insert.pane && (data.snapshot.board.jobs.get(insert.pane.jobId)?.title ?? insert.pane.jobId);
	return (
		<Box flexDirection="column" width={width} height={layout.height}>
			{focus.modal === 'help' ? (
				<HelpOverlay width={width} height={layout.board.height + grid.height} />
			) : (
				<>
					<Board
						columns={data.columns}
						heights={data.heights}
						selection={board.state}
						width={width}
						height={layout.board.height}
						focused={area === 'board'}
						warnedJobs={data.warnedJobs}
						now={now}
					/>
					{grid.boxes.length > 0 ? (
						<PaneGrid
							panes={data.panes}
							grid={grid}
							width={width}
							board={data.snapshot.board}
							focusedIndex={area === 'panes' ? paneSelection.index : undefined}
							inserting={insert.pane}
							now={now}
						/>
					) : null}
				</>
			)}
			<ReplOutput lines={repl.state.lines} width={width} height={layout.replOutput} />
			<ReplLine
				line={repl.state.input}
				focused={area === 'repl'}
				hint={keyHint(insert.session ? 'insert' : area)}
				pending={repl.state.pending}
				width={width}
			/>
			<StatusBar
				width={width}
				counts={data.counts}
				active={data.active}
				limit={limit}
				home={home}
				notice={insert.notice ?? notice}
				waiting={data.waiting}
				inserting={inserting}
				warning={data.snapshot.warnings.at(-1)}
				error={data.snapshot.error}
				hiddenPanes={grid.hidden}
				confirmingQuit={focus.modal === 'confirm-quit'}
			/>
		</Box>
	);
}
