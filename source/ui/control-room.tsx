/**
 * The dashboard's screen: the state hooks (data, view, focus, selection, REPL, keys), and the regions
 * laid out top to bottom. Each concern lives in its own hook or reducer; this file only connects them.
 */
import {Box, Text} from 'ink';
import {requireJob} from '../core/index.js';
import {cardRows} from './board/columns.js';
import {useBoardState} from './board/use-board-state.js';
import {detailBodyRows, maxDetailOffset} from './detail/job-detail.js';
import {useDetailLines} from './detail/use-detail-lines.js';
import {keyHint} from './keys/key-hint.js';
import {dashboardLayers, hintScope, quitOnlyLayers, type DashboardControls} from './keys/dashboard-layers.js';
import {useFocusState} from './keys/focus-state.js';
import {helpPages} from './keys/help-overlay.js';
import {useKeymap} from './keys/keymap-context.js';
import {useInsertMode} from './insert/use-insert-mode.js';
import {useKeyRouter} from './keys/use-key-router.js';
import {computeLayout, paneGrid, type ScreenSettings, type TerminalSize} from './layout.js';
import {MainArea} from './main-area.js';
import {routeMouse} from './mouse/route-mouse.js';
import {useRateSampler} from './stats/use-rate-sampler.js';
import {usePaneSelection} from './pane/use-pane-selection.js';
import type {BoardSource, PaneSource} from './ports.js';
import {ReplLine} from './repl/repl-line.js';
import {ReplArea} from './repl/repl-area.js';
import {resultControls} from './repl/result-controls.js';
import {useRepl} from './repl/use-repl.js';
import {useJobEdit} from './edit/use-job-edit.js';
import type {ChromeSettings} from './status/chrome-settings.js';
import {LiveStatusBar} from './status/live-status-bar.js';
import {quitQuestion} from './status-line.js';
import {theme} from './theme.js';
import {useDashboardData} from './use-dashboard-data.js';
import {useElapsedClock} from './use-elapsed-clock.js';
import {DebugOverlay, debugOverlayHeight} from './profile/debug-overlay.js';
import {useDebugOverlay} from './profile/use-debug-overlay.js';
import {useViewState} from './use-view-state.js';

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
	/** Budget, quiet hours, notifications and the errors inbox, for the status bar and toasts. */
	readonly chrome?: ChromeSettings;
	/** `ui.layout`, `ui.panes` and `ui.mouse` from the config (default: auto, grid, mouse on). */
	readonly ui?: ScreenSettings;
};

const noPanes = paneGrid(0, 0, 0);
const noChrome = {};
const defaultUi: ScreenSettings = {};
const showLine = /^show\s+(\S+)$/;

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
	chrome = noChrome,
	ui = defaultUi,
}: ControlRoomProps) {
	const data = useDashboardData(store, panes, frameInterval);
	const keymap = useKeymap();
	const view = useViewState();
	const profile = useDebugOverlay();
	const layoutOptions = {...view, layout: ui.layout, paneArrangement: ui.panes};
	const draft = computeLayout(size, data.panes.length, layoutOptions);
	const boardHeight = draft.kind === 'fits' ? draft.board.height : 0;
	const zoomed = draft.kind === 'fits' && view.zoomed && draft.panes.boxes.length > 0;
	const focus = useFocusState();
	const board = useBoardState(data.columns, data.heights, cardRows(boardHeight));
	// Zoomed (or with the focused pane in the big box), the arrows step through every pane.
	const everyPane = zoomed || ui.panes === 'focus';
	const paneSelection = usePaneSelection(
		zoomed ? 1 : draft.kind === 'fits' ? draft.panes.columns : 0,
		everyPane ? data.panes.length : draft.kind === 'fits' ? draft.panes.boxes.length : 0,
	);
	// The focus arrangement puts the focused pane in the big box: lay out again once it is known.
	const layout =
		ui.panes === 'focus' && !zoomed
			? computeLayout(size, data.panes.length, {...layoutOptions, focused: paneSelection.index})
			: draft;
	const fits = layout.kind === 'fits';
	const grid = fits ? layout.panes : noPanes;
	const sampler = useRateSampler(panes);
	const focusedPane = data.panes[paneSelection.index];
	const insert = useInsertMode(data.panes, escapeWindowMs, keymap);
	const now = useElapsedClock(data.active > 0 || data.running, data.activity);
	const regionHeight = fits ? layout.main.height : 0;
	const width = fits ? layout.width : size.columns;
	const detailJob = view.detail && data.snapshot.board.jobs.get(view.detail.jobId);
	const lines = useDetailLines(store, detailJob, data.snapshot.board, now, width - 2);
	const repl = useRepl(quit, (line) => {
		// `show <id>` opens the job's detail view; an unknown id runs the command, which says why.
		const match = showLine.exec(line);
		const job = match && findJob(data.snapshot.board, match[1]!);
		if (job) {
			view.openDetail(job.id);
			focus.setFocus('board');
		}

		return Boolean(job);
	});
	const jobEdit = useJobEdit(store, repl);
	let area = focus.focus === 'panes' && grid.boxes.length === 0 ? 'board' : focus.focus;
	if (area === 'board' && boardHeight === 0 && grid.boxes.length > 0 && !detailJob) {
		area = 'panes';
	}

	const controls: DashboardControls = {
		focus,
		profile,
		area,
		board,
		panes: {
			focused: focusedPane,
			count: grid.boxes.length,
			move: paneSelection.move,
			select: paneSelection.select,
			page: (zoomed ? grid.boxes[0] : grid.boxes.find((box) => box.pane === paneSelection.index))?.rows ?? 1,
		},
		view,
		help: {pages: helpPages(keymap, width, regionHeight + (fits ? layout.replOutput : 0)).length},
		detail: {
			open: detailJob !== undefined && fits,
			page: detailBodyRows(regionHeight),
			max: maxDetailOffset(lines.length, regionHeight),
		},
		insert,
		repl,
		jobEdit,
		results: resultControls(
			repl,
			{
				panes: data.panes,
				selectable: everyPane ? data.panes.length : grid.boxes.length,
				focusPane(index) {
					focus.setFocus('panes');
					paneSelection.select(index);
				},
				openDetail: view.openDetail,
				execute: repl.execute,
			},
			fits ? layout.replOutput - 1 : 1,
		),
		requestQuit: () => (data.active > 0 ? focus.open('confirm-quit') : quit()),
		quit,
	};
	const shownPanes = zoomed && focusedPane ? [focusedPane] : data.panes;
	useKeyRouter(fits ? dashboardLayers(controls) : quitOnlyLayers(controls), keymap, true, (event) => {
		if (layout.kind === 'fits' && ui.mouse !== false) {
			const boardView = {heights: data.heights, selection: board.state, select: board.select};
			routeMouse({controls, layout, board: boardView, panes: shownPanes, zoomed}, event);
		}
	});

	if (layout.kind === 'too-small') {
		return (
			<Box width={layout.width} height={layout.height}>
				<Text wrap="truncate-end" color={focus.modal === 'confirm-quit' ? theme.warning : undefined}>
					{focus.modal === 'confirm-quit' ? quitQuestion(data.active) : layout.message}
				</Text>
			</Box>
		);
	}

	const inserting =
		insert.pane && (data.snapshot.board.jobs.get(insert.pane.jobId)?.title ?? insert.pane.jobId);
	const help = focus.modal === 'help';
	const searching = view.searchInput;
	return (
		<Box flexDirection="column" width={width} height={layout.height}>
			<MainArea
				data={data}
				layout={layout}
				help={help ? {keymap, height: regionHeight + layout.replOutput, page: view.helpPage} : undefined}
				detail={
					detailJob
						? {jobId: detailJob.id, lines, offset: view.detail?.offset ?? 0, focused: area !== 'repl'}
						: undefined
				}
				selection={board.state}
				boardFocused={area === 'board'}
				panes={shownPanes}
				stats={view.stats ? sampler : undefined}
				focusedPane={area === 'panes' ? (zoomed ? 0 : paneSelection.index) : undefined}
				inserting={insert.pane}
				now={now}
			/>
			{help ? null : (
				<ReplArea
					repl={repl.state}
					jobEdit={jobEdit.state}
					width={width}
					height={layout.replOutput}
					keymap={keymap}
				/>
			)}
			{searching === undefined ? (
				<ReplLine
					line={repl.line}
					focused={area === 'repl'}
					hint={keyHint(hintScope(controls), keymap)}
					pending={repl.state.pending}
					width={width}
				/>
			) : (
				<ReplLine
					line={{text: searching, cursor: [...searching].length}}
					focused
					hint=""
					pending={0}
					width={width}
					prompt="/"
				/>
			)}
			<LiveStatusBar
				snapshot={data.snapshot}
				chrome={chrome}
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
				hiddenPanes={zoomed ? 0 : grid.hidden}
				confirmingQuit={focus.modal === 'confirm-quit'}
			/>
			{profile.shown ? (
				// Drawn over the lower rows (an absolute box in Ink 6 paints over its siblings).
				<Box
					position="absolute"
					marginTop={layout.height - debugOverlayHeight - 2}
					width={width}
					height={debugOverlayHeight}
				>
					<DebugOverlay width={width} toggleKey="ctrl+p" />
				</Box>
			) : null}
		</Box>
	);
}

function findJob(board: Parameters<typeof requireJob>[0], id: string) {
	try {
		return requireJob(board, id);
	} catch {
		return undefined;
	}
}
