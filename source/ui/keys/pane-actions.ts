/**
 * What the panes' view keys do to the focused pane: zoom it, focus one by number, scroll its
 * scrollback, pause or follow its output, and search it. Pure functions of this render's controls.
 */
import type {ScrollTarget} from '../use-view-state.js';
import type {DashboardControls} from './area-layers.js';
import type {Action} from './bindings.js';

/** How far each scroll action moves a pane's scrollback, given a page of `page` rows. */
function paneScroll(action: Action, page: number): ScrollTarget | undefined {
	switch (action) {
		case 'pageUp': {
			return -page;
		}

		case 'pageDown': {
			return page;
		}

		case 'top': {
			return 'top';
		}

		default: {
			return undefined;
		}
	}
}

/** The panes' view actions: zoom, focus by number, scrollback, follow and search. True when used. */
export function paneView(c: DashboardControls, action: Action, input: string): boolean {
	const scrollback = c.panes.focused?.screen.scrollback;
	const scroll = paneScroll(action, Math.max(1, c.panes.page - 1));
	if (scroll !== undefined) {
		scrollback?.scroll(scroll);
		return true;
	}

	switch (action) {
		case 'zoom': {
			c.view.toggleZoom();
			return true;
		}

		case 'focusPane': {
			c.panes.select(Number(input) - 1);
			return true;
		}

		case 'follow': {
			scrollback?.toggleFollow();
			return true;
		}

		case 'search': {
			if (scrollback) {
				c.view.startSearch();
			}

			return true;
		}

		case 'nextMatch':
		case 'previousMatch': {
			scrollback?.nextMatch(action === 'nextMatch' ? 1 : -1);
			return true;
		}

		default: {
			return false;
		}
	}
}
