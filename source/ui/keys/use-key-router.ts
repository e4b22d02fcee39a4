/** The dashboard's one `useInput`: every key goes through the router. */
import {useInput, useStdin, type Key} from 'ink';
import {useCallback, useEffect, useLayoutEffect, useRef, useState} from 'react';
import {encodeKey} from './encode-key.js';
import type {Keymap} from './bindings.js';
import {createKeyQueue} from './key-queue.js';
import {routeInput, takesRaw, type KeyLayer} from './router.js';
import {createMouseFilter, type MouseEvent} from '../mouse/sgr-mouse.js';
import {normalizeKey, plainKey} from './split-input.js';

/**
 * The bytes behind each key. Ink parses its input events into (`input`, `key`) and loses bytes on the
 * way (a leading Esc, Ctrl-], which of two arrow forms came); insert mode must send what the person
 * typed. Ink emits each event's bytes to its listeners in turn, so a listener put first records them
 * just before `useInput`'s handler runs for the same event.
 */
function useRawBytes(): {take(): string | undefined} {
	const {internal_eventEmitter: emitter} = useStdin();
	const last = useRef<string | undefined>(undefined);
	useEffect(() => {
		if (!emitter) {
			return;
		}

		const record = (data: unknown) => {
			last.current = typeof data === 'string' ? data : undefined;
		};

		emitter.prependListener('input', record);
		return () => {
			emitter.off('input', record);
		};
	}, [emitter]);
	return useState(() => ({
		take() {
			const raw = last.current;
			last.current = undefined;
			return raw;
		},
	}))[0];
}

/**
 * Route every key through `layers` (see {@link routeInput}), naming keys with `keymap` (default: the
 * bindings table). Only one of these is mounted at a time, so a
 * key is never handled by two unrelated handlers. The REPL's line is edited through it too (not by a
 * text-input component with its own `useInput`, which would subscribe a commit late and miss keys
 * typed right after `:`).
 *
 * Keys pass through a {@link createKeyQueue | key queue}, so each one is routed with the layers of the
 * commit that followed the key before it; while a layer takes raw bytes (insert mode) they go at once.
 *
 * Mouse reports are taken out before any of that (even a report split across reads): they go to
 * `onMouse` of the latest commit, never to a layer as keys, so no REPL or agent sees them.
 */
export function useKeyRouter(
	layers: readonly KeyLayer[],
	keymap?: Keymap,
	isActive = true,
	onMouse?: (event: MouseEvent) => void,
): void {
	const [queue] = useState(createKeyQueue);
	const [mouse] = useState(createMouseFilter);
	const mouseHandler = useRef(onMouse);
	const bytes = useRawBytes();
	useLayoutEffect(() => {
		queue.committed((input, key, raw) => routeInput(layers, input, key, raw, keymap), takesRaw(layers));
		mouseHandler.current = onMouse;
	});
	useEffect(
		() => () => {
			queue.dispose();
		},
		[queue],
	);
	const push = useCallback(
		(input: string, key: Key) => {
			const raw = bytes.take() ?? encodeKey(input, key);
			const sorted = mouse.feed(raw);
			for (const event of sorted.mouse) {
				mouseHandler.current?.(event);
			}

			if (sorted.rest === undefined) {
				queue.push(...normalizeKey(input, key, raw), raw);
			} else if (sorted.rest !== '') {
				queue.push(sorted.rest, plainKey, sorted.rest);
			}
		},
		[queue, bytes, mouse],
	);
	useInput(push, {isActive});
}
