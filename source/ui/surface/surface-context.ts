/** The pane surface, handed down to the panes (absent in component tests: panes then draw in Ink). */
import {createContext, useContext} from 'react';
import type {PaneSurfaceHandle} from './pane-surface.js';

/**
 * The dashboard's pane surface. Optional on purpose, like the profiler: without a provider (the
 * ink-testing-library tests, a terminal without synchronized output) each pane draws its rows as Ink
 * text, so frame tests see pane contents; with one, panes draw only their chrome.
 */
export const SurfaceContext = createContext<PaneSurfaceHandle | undefined>(undefined);

/** The pane surface, or `undefined` when panes draw their own rows. */
export function usePaneSurface(): PaneSurfaceHandle | undefined {
	return useContext(SurfaceContext);
}
