/** The dashboard's one `useInput`: every key goes through the router. */
import {useInput} from 'ink';
import {useEffect, useLayoutEffect, useState} from 'react';
import {createKeyQueue} from './key-queue.js';
import {routeInput, type KeyLayer} from './router.js';

/**
 * Route every key through `layers` (see {@link routeInput}). Only one of these is mounted at a time, so a
 * key is never handled by two unrelated handlers. The REPL's line is edited through it too (not by a
 * text-input component with its own `useInput`, which would subscribe a commit late and miss keys
 * typed right after `:`).
 *
 * Keys pass through a {@link createKeyQueue | key queue}, so each one is routed with the layers of the
 * commit that followed the key before it.
 */
export function useKeyRouter(layers: readonly KeyLayer[], isActive = true): void {
	const [queue] = useState(createKeyQueue);
	useLayoutEffect(() => {
		queue.committed((input, key) => routeInput(layers, input, key));
	});
	useEffect(
		() => () => {
			queue.dispose();
		},
		[queue],
	);
	useInput(queue.push, {isActive});
}
