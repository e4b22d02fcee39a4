/** The dashboard's one `useInput`: every key goes through the router. */
import {useInput} from 'ink';
import {routeKey, type KeyLayer} from './router.js';

/**
 * Route every key through `layers` (see {@link routeKey}). Only one of these is mounted at a time, so a
 * key is never handled by two unrelated handlers; the only other input hook is the REPL's text input,
 * which is active only while the REPL has focus.
 */
export function useKeyRouter(layers: readonly KeyLayer[], isActive = true): void {
	useInput(
		(input, key) => {
			routeKey(layers, input, key);
		},
		{isActive},
	);
}
