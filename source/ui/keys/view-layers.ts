/**
 * Key layers of the views drawn over the dashboard: the job detail (scrolls, closes) and the pane
 * search being typed (a one-line prompt). Pure functions of this render's controls, like the area
 * layers.
 */
import type {ScrollTarget} from '../use-view-state.js';
import type {DashboardControls} from './area-layers.js';
import type {Action} from './bindings.js';
import {isPrintable, type KeyLayer} from './router.js';

function detailScroll(action: Action | undefined, page: number): ScrollTarget | undefined {
	switch (action) {
		case 'up': {
			return -1;
		}

		case 'down': {
			return 1;
		}

		case 'pageUp': {
			return -page;
		}

		case 'pageDown': {
			return page;
		}

		case 'top': {
			return 'top';
		}

		case 'bottom': {
			return 'bottom';
		}

		default: {
			return undefined;
		}
	}
}

/** The job detail: scroll it, close it; other keys fall through to the global bindings. */
export function detailLayer(c: DashboardControls): KeyLayer {
	return {
		scope: 'detail',
		handle(action) {
			const by = detailScroll(action, Math.max(1, c.detail.page - 1));
			if (by !== undefined) {
				c.view.scrollDetail(by, c.detail.max);
				return true;
			}

			if (action === 'close') {
				c.view.closeDetail();
				return true;
			}

			const jobId = c.view.detail?.jobId;
			if ((action === 'edit' || action === 'editInEditor') && jobId) {
				(action === 'edit' ? c.jobEdit.start : c.jobEdit.openEditor)(jobId);
				return true;
			}

			return false;
		},
	};
}

/** The stats view: it only closes; other keys fall through to the global bindings (`s` toggles it). */
export function statsLayer(c: DashboardControls): KeyLayer {
	return {
		scope: 'stats',
		handle(action) {
			if (action === 'close') {
				c.view.closeStats();
				return true;
			}

			return false;
		},
	};
}

/**
 * The pane search prompt (`/`): printable keys (and pastes) are the query; Enter searches the focused
 * pane's scrollback, Esc gives up. A modal: nothing else acts while it is open.
 */
export function searchLayer(c: DashboardControls): KeyLayer {
	const text = c.view.searchInput ?? '';
	return {
		scope: 'search',
		takesText: true,
		handle(action, input, key) {
			switch (action) {
				case 'submit': {
					// The pane's title shows what was found (or `no match`).
					c.view.endSearch();
					c.panes.focused?.screen.scrollback?.find(text);
					return true;
				}

				case 'leave': {
					c.view.endSearch();
					return true;
				}

				case 'erase': {
					c.view.editSearch([...text].slice(0, -1).join(''));
					return true;
				}

				default: {
					if (isPrintable(input, key)) {
						c.view.editSearch(text + input);
					}

					return true;
				}
			}
		},
	};
}
