/**
 * What a mouse event does, as the key layers would do it: a click selects a card (and gives the board
 * the focus), focuses a pane, or focuses the REPL; the wheel scrolls the pane under the pointer, moves
 * the selection in the board column under it, or scrolls the job detail. While a modal is open (insert
 * mode, help, the quit question, a search being typed) the mouse does nothing: the bytes of a report
 * never reach an agent or the REPL either way (they are taken out before the key router).
 */
import {jobStatuses} from '../../core/index.js';
import type {DashboardControls} from '../keys/area-layers.js';
import type {DashboardLayout} from '../layout.js';
import type {PaneInfo} from '../ports.js';
import {hitTest, type BoardView} from './hit-test.js';
import type {MouseEvent} from './sgr-mouse.js';

/** Lines one wheel notch scrolls a pane or the detail view (xterm's and most terminals' default). */
export const wheelLines = 3;

/** What the mouse acts on: this render's key controls, and what the layout put where. */
export type MouseContext = {
	readonly controls: DashboardControls;
	readonly layout: Extract<DashboardLayout, {kind: 'fits'}>;
	readonly board: BoardView & {select(column: number, card: number): void};
	/** The panes the layout was made for (only the zoomed one when zoomed), by the boxes' `pane`. */
	readonly panes: readonly PaneInfo[];
	/** One pane fills the grid: clicking it selects nothing else. */
	readonly zoomed: boolean;
};

/**
 * A modal has the keyboard (insert mode, help, the quit question, a pane search or a job edit being
 * typed, a search result list): the mouse must not change what is under it.
 */
function blocked(c: DashboardControls): boolean {
	return (
		c.insert.session !== undefined ||
		c.focus.modal !== undefined ||
		c.view.searchInput !== undefined ||
		c.jobEdit.state !== undefined ||
		c.results !== undefined
	);
}

/** Act on `event`. Returns true when it did something. */
export function routeMouse(context: MouseContext, event: MouseEvent): boolean {
	const {controls: c, layout, board} = context;
	if (blocked(c) || (event.kind !== 'press' && event.kind !== 'wheel')) {
		return false;
	}

	const hit = hitTest(layout, board, event.x, event.y);
	// The detail and stats views are drawn over the board and the panes.
	const covered = c.detail.open || c.view.stats;
	if (event.kind === 'press') {
		if (event.button !== 'left') {
			return false;
		}

		if (hit.kind === 'repl') {
			c.focus.setFocus('repl');
			return true;
		}

		if (covered || hit.kind === 'none') {
			return false;
		}

		if (hit.kind === 'pane') {
			c.focus.setFocus('panes');
			if (!context.zoomed) {
				c.panes.select(hit.pane);
			}

			return true;
		}

		c.focus.setFocus('board');
		const card = hit.kind === 'card' ? hit.card : (board.selection.cards[hit.column] ?? 0);
		board.select(hit.column, card);
		return true;
	}

	const by = event.button === 'up' ? -wheelLines : wheelLines;
	if (covered) {
		if (c.detail.open && hit.kind !== 'repl') {
			c.view.scrollDetail(by, c.detail.max);
			return true;
		}

		return false;
	}

	if (hit.kind === 'pane') {
		const scrollback = context.panes[hit.pane]?.screen.scrollback;
		scrollback?.scroll(by);
		return scrollback !== undefined;
	}

	if (hit.kind === 'card' || hit.kind === 'column') {
		const column = hit.column;
		const count = board.heights[jobStatuses[column]!].length;
		const current = Math.min(board.selection.cards[column] ?? 0, Math.max(0, count - 1));
		board.select(column, current + Math.sign(by));
		return true;
	}

	return false;
}
