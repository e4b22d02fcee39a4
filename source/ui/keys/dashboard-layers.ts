/**
 * The dashboard's key layers in routing order: an open modal takes every key; otherwise the focused
 * area's layer, then the global bindings. Pure: built from the controls of each render.
 */
import {areaLayers, type DashboardControls} from './area-layers.js';
import type {Scope} from './bindings.js';
import type {KeyLayer} from './router.js';
import {detailLayer, searchLayer, statsLayer} from './view-layers.js';
import {editLayer} from '../edit/edit-layer.js';
import {resultLayer} from '../repl/result-layer.js';

export type {DashboardControls} from './area-layers.js';

function globalLayer(c: DashboardControls): KeyLayer {
	return {
		scope: 'global',
		handle(action) {
			switch (action) {
				case 'quit': {
					c.requestQuit();
					return true;
				}

				case 'help': {
					c.focus.open('help');
					return true;
				}

				case 'toggleProfile': {
					c.profile.toggle();
					return true;
				}

				case 'focusRepl': {
					c.focus.setFocus('repl');
					return true;
				}

				case 'cycleFocus': {
					c.focus.cycle(c.panes.count > 0);
					return true;
				}

				case 'toggleStats': {
					c.view.toggleStats();
					return true;
				}

				case 'toggleBoard': {
					// Without panes there is nothing to give the board's rows to.
					if (c.panes.count > 0 || c.view.boardHidden) {
						c.view.toggleBoard();
					}

					return true;
				}

				default: {
					return false;
				}
			}
		},
	};
}

/**
 * Insert mode: the session gets every chunk of bytes as it came and forwards it to the agent; its
 * leave keys (`leaveInsert`, `leaveInsertNow` in the table) give the keyboard back.
 */
function insertLayer(c: DashboardControls): KeyLayer | undefined {
	const {session} = c.insert;
	return session
		? {
				scope: 'insert',
				takeRaw: (raw) => session.feed(raw),
				// Not reached: the router gives a raw layer the bytes instead.
				handle: () => true,
			}
		: undefined;
}

/** A modal takes every key: only its own actions do anything. */
function modalLayer(c: DashboardControls): KeyLayer | undefined {
	const insert = insertLayer(c);
	if (insert) {
		return insert;
	}

	if (c.focus.modal === 'help') {
		return {
			scope: 'help',
			handle(action) {
				if (action === 'close' || action === 'quit') {
					c.focus.close();
					c.view.pageHelp('first', c.help.pages);
				}

				if (action === 'quit') {
					c.requestQuit();
				} else if (action === 'pageDown' || action === 'pageUp') {
					c.view.pageHelp(action === 'pageDown' ? 1 : -1, c.help.pages);
				}

				return true;
			},
		};
	}

	if (c.focus.modal === 'confirm-quit') {
		return {
			scope: 'confirm',
			handle(action) {
				if (action === 'confirm') {
					c.quit();
				} else if (action === 'deny') {
					c.focus.close();
				}

				return true;
			},
		};
	}

	if (c.view.searchInput !== undefined) {
		return searchLayer(c);
	}

	if (c.jobEdit.state) {
		return editLayer(c.jobEdit);
	}

	return undefined;
}

/**
 * The layers for this render, in routing order. An open job detail takes the keys of the board and
 * the panes (it is drawn in their place); the REPL keeps its own.
 */
export function dashboardLayers(c: DashboardControls): KeyLayer[] {
	const modal = modalLayer(c);
	if (modal) {
		return [modal];
	}

	// An open search result list takes its keys first; any other key closes it and goes on.
	const results = c.results ? [resultLayer(c.results)] : [];
	return [...results, viewLayer(c) ?? areaLayers[c.area](c), globalLayer(c)];
}

/** The layer of a view drawn in the main area (the job detail over the stats), unless the REPL has focus. */
function viewLayer(c: DashboardControls): KeyLayer | undefined {
	if (c.area === 'repl') {
		return undefined;
	}

	return c.detail.open ? detailLayer(c) : c.view.stats ? statsLayer(c) : undefined;
}

/** The scope whose keys the REPL line's hint lists. */
export function hintScope(c: DashboardControls): Scope {
	if (c.insert.session) {
		return 'insert';
	}

	if (c.view.searchInput !== undefined) {
		return 'search';
	}

	if (c.jobEdit.state) {
		return 'edit';
	}

	if (c.results) {
		return 'results';
	}

	return c.area === 'repl' ? 'repl' : c.detail.open ? 'detail' : c.view.stats ? 'stats' : c.area;
}

/**
 * While the terminal is too small only quitting (and its question) works: it must always work. Insert
 * mode stays on (its keys are the agent's, `q` included) until left with its own keys.
 */
export function quitOnlyLayers(c: DashboardControls): KeyLayer[] {
	const modal = c.insert.session || c.focus.modal === 'confirm-quit' ? modalLayer(c) : undefined;
	return modal
		? [modal]
		: [{scope: 'global', handle: (action) => action === 'quit' && (c.requestQuit(), true)}];
}
