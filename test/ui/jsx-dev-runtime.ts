/**
 * A stand-in for `react/jsx-dev-runtime` in tests. When vitest's main process does not run with
 * NODE_ENV=production, Vite compiles JSX for React's development runtime, while the test workers run
 * React's production build (vitest.config.ts sets NODE_ENV there), whose `jsxDEV` is undefined. Test
 * files that render map the development runtime onto the production one with
 * `vi.mock('react/jsx-dev-runtime', () => import('./jsx-dev-runtime.js'))`; when JSX is compiled for
 * production this module is never imported.
 */
import {Fragment as ReactFragment} from 'react';
import {jsx, jsxs} from 'react/jsx-runtime';

/** `<>…</>`: the same symbol in every runtime. */
export const Fragment = ReactFragment;

/** `jsxDEV(type, props, key, isStaticChildren)` as the production runtime's `jsx`/`jsxs`. */
export function jsxDEV(
	type: Parameters<typeof jsx>[0],
	props: Parameters<typeof jsx>[1],
	key?: string,
	isStatic?: boolean,
) {
	return isStatic ? jsxs(type, props, key) : jsx(type, props, key);
}
