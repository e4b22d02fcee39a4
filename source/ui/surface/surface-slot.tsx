/**
 * A pane's interior (or the REPL's line) when the pane surface draws it: an empty box of the right
 * size that Ink lays out.
 */
import {Box, type DOMElement} from 'ink';
import {useLayoutEffect, useRef} from 'react';
import type {PaneSurfaceHandle, SurfaceContent} from './pane-surface.js';

/** Props of {@link SurfaceSlot}. */
export type SurfaceSlotProps = {
	readonly surface: PaneSurfaceHandle;
	readonly screen: SurfaceContent;
	/** Interior size in cells. */
	readonly cols: number;
	readonly rows: number;
};

/**
 * Ink draws blanks here; the surface paints `screen` over them, reading where the box is from Yoga
 * after each layout (so the slot never needs to know its position, and moves with the layout).
 */
export function SurfaceSlot({surface, screen, cols, rows}: SurfaceSlotProps) {
	const ref = useRef<DOMElement>(null);
	useLayoutEffect(() => {
		const node = ref.current;
		return node ? surface.register(node, screen) : undefined;
	}, [surface, screen]);
	return <Box ref={ref} width={cols} height={rows} flexShrink={0} />;
}
