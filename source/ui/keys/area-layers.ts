/**
 * What keys mean in each focusable area: the board (move the selection, run a command on the selected
 * job), the panes (move the focus ring, run a command on the pane's job) and the REPL (run, browse
 * history, edit the line; printable keys are text there). Pure functions of this render's controls.
 */
import {jobStatuses, type Job, type JobStatus} from '../../core/index.js';
import type {JobEdit} from '../edit/use-job-edit.js';
import type {InsertMode} from '../insert/use-insert-mode.js';
import type {PaneInfo} from '../ports.js';
import type {Edit} from '../repl/line-editor.js';
import type {ResultControls} from '../repl/result-layer.js';
import type {ViewControls} from '../use-view-state.js';
import type {Action} from './bindings.js';
import type {Focus, FocusControls} from './focus-state.js';
import {paneView} from './pane-actions.js';
import {isPrintable, keySettled, type KeyLayer} from './router.js';

/** Everything the keys can act on. */
export type DashboardControls = {
	readonly focus: FocusControls;
	/** The profile overlay (frame times, bytes, memory). */
	readonly profile: {toggle(): void};
	/** The area that takes keys: the focus, except that an empty pane grid gives it to the board. */
	readonly area: Focus;
	readonly board: {
		readonly job: Job | undefined;
		moveColumn(delta: number): void;
		moveCard(delta: number): void;
	};
	readonly panes: {
		readonly focused: PaneInfo | undefined;
		readonly count: number;
		move(dx: number, dy: number): void;
		/** Focus the pane at this index of the visible ones (0-based), if there is one. */
		select(index: number): void;
		/** Content rows of the focused pane: a page of scrollback. */
		readonly page: number;
	};
	/** The detail view, the zoom, the hidden board and the pane search being typed. */
	readonly view: ViewControls;
	/** The help overlay: how many pages it has at this size. */
	readonly help: {readonly pages: number};
	/** The open job detail: whether it is drawn, its page size and how far it can scroll. */
	readonly detail: {readonly open: boolean; readonly page: number; readonly max: number};
	/** Insert mode: while its session is on, every key goes to the pane's agent. */
	readonly insert: Pick<InsertMode, 'session' | 'enter'>;
	readonly repl: {
		submit(): void;
		execute(line: string): void;
		browseHistory(delta: -1 | 1): void;
		edit(change: Edit): void;
	};
	/** Editing a job: the inline editor (`e`) and `$EDITOR` (`E`). */
	readonly jobEdit: JobEdit;
	/** The last search's result list, while it is open. */
	readonly results: ResultControls | undefined;
	/** Quit, or ask first while runs are active. */
	requestQuit(): void;
	/** Quit now. */
	quit(): void;
};

const steps: Partial<Record<Action, readonly [number, number]>> = {
	left: [-1, 0],
	right: [1, 0],
	up: [0, -1],
	down: [0, 1],
};

/** The command an action runs on a job, if it runs one. */
function jobCommand(action: Action | undefined, jobId: string): string | undefined {
	switch (action) {
		case 'dispatch': {
			return `dispatch ${jobId}`;
		}

		case 'cancel': {
			return `cancel ${jobId}`;
		}

		default: {
			return undefined;
		}
	}
}

/**
 * The column a card moved by hand goes to from `status`, `delta` columns on: `in_flight` is skipped
 * (only the engine puts a job there, by dispatching it). `undefined` past either end.
 */
export function handMoveTarget(status: JobStatus, delta: -1 | 1): JobStatus | undefined {
	const manual: readonly JobStatus[] = jobStatuses.filter((candidate) => candidate !== 'in_flight');
	const from = manual.indexOf(status);
	// From in_flight, count from where it sits among all the columns.
	const index = from === -1 ? jobStatuses.indexOf(status) - (delta === 1 ? 1 : 0) : from;
	return manual[index + delta];
}

function boardLayer(c: DashboardControls): KeyLayer {
	return {
		scope: 'board',
		handle(action) {
			const step = action && steps[action];
			if (step) {
				if (step[0] === 0) {
					c.board.moveCard(step[1]);
				} else {
					c.board.moveColumn(step[0]);
				}

				return true;
			}

			if (action === 'show') {
				if (c.board.job) {
					c.view.openDetail(c.board.job.id);
				}

				return true;
			}

			if (action === 'edit' || action === 'editInEditor') {
				if (c.board.job) {
					(action === 'edit' ? c.jobEdit.start : c.jobEdit.openEditor)(c.board.job.id);
				}

				return true;
			}

			if (action === 'moveCardLeft' || action === 'moveCardRight') {
				const {job} = c.board;
				const delta = action === 'moveCardLeft' ? -1 : 1;
				const to = job && handMoveTarget(job.status, delta);
				if (job && to) {
					// The selection goes along, so the next press moves the same card on.
					c.repl.execute(`move ${job.id} ${to}`);
					c.board.moveColumn(jobStatuses.indexOf(to) - jobStatuses.indexOf(job.status));
				}

				return true;
			}

			const command = c.board.job && jobCommand(action, c.board.job.id);
			if (command) {
				c.repl.execute(command);
			}

			return action !== undefined;
		},
	};
}

function panesLayer(c: DashboardControls): KeyLayer {
	return {
		scope: 'panes',
		handle(action, input) {
			const step = action && steps[action];
			if (step) {
				c.panes.move(step[0], step[1]);
				return true;
			}

			if (action === 'leave') {
				const scrollback = c.panes.focused?.screen.scrollback;
				if (scrollback?.search) {
					scrollback.clearSearch();
				} else {
					c.focus.setFocus('board');
				}

				return true;
			}

			if (action === 'insert') {
				if (c.panes.focused) {
					c.insert.enter(c.panes.focused);
				}

				return true;
			}

			if (action === 'show') {
				if (c.panes.focused) {
					c.view.openDetail(c.panes.focused.jobId);
				}

				return true;
			}

			if (action && paneView(c, action, input)) {
				return true;
			}

			const command = c.panes.focused && jobCommand(action, c.panes.focused.jobId);
			if (command) {
				c.repl.execute(command);
			}

			return action !== undefined;
		},
	};
}

/** Line edits of the REPL's keys. */
const edits: Partial<Record<Action, Edit>> = {
	left: {type: 'move', to: 'left'},
	right: {type: 'move', to: 'right'},
	lineStart: {type: 'move', to: 'start'},
	lineEnd: {type: 'move', to: 'end'},
	erase: {type: 'erase'},
	clearLine: {type: 'clear'},
};

function replLayer(c: DashboardControls): KeyLayer {
	return {
		scope: 'repl',
		takesText: true,
		handle(action, input, key) {
			// Line edits commit nothing (the line lives outside React): the next key need not wait.
			const change = action && edits[action];
			if (change) {
				c.repl.edit(change);
				return keySettled;
			}

			switch (action) {
				case 'submit': {
					c.repl.submit();
					return true;
				}

				case 'historyPrev':
				case 'historyNext': {
					c.repl.browseHistory(action === 'historyPrev' ? -1 : 1);
					return true;
				}

				case 'leave': {
					c.focus.setFocus('board');
					return true;
				}

				default: {
					// Printable keys are text here, `q` and `?` included; a paste arrives as one run.
					if (isPrintable(input, key)) {
						c.repl.edit({type: 'insert', text: input});
						return keySettled;
					}

					return false;
				}
			}
		},
	};
}

/** The layer of each focusable area. */
export const areaLayers: Readonly<Record<Focus, (controls: DashboardControls) => KeyLayer>> = {
	board: boardLayer,
	panes: panesLayer,
	repl: replLayer,
};
