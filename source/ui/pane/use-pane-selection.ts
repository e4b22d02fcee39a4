/** Which pane has the focus ring: an index into the visible panes, moved by the key layer. */
import {useMemo, useState} from 'react';

/** The pane selection and how to move it over a grid `columns` panes wide holding `count` panes. */
export type PaneSelection = {
	/** Index of the focused pane, clamped to the visible panes (0 when there are none). */
	readonly index: number;
	move(dx: number, dy: number): void;
	/** Focus the pane at `index`, if there is one. */
	select(index: number): void;
};

/** Index of the pane `dx` across and `dy` down from `index` in a grid `columns` wide, clamped. */
export function movePane(index: number, dx: number, dy: number, columns: number, count: number): number {
	if (count === 0) {
		return 0;
	}

	return Math.min(Math.max(index + dx + dy * Math.max(1, columns), 0), count - 1);
}

/** Pane selection over the visible panes; clamped at read time, so panes coming and going need no effect. */
export function usePaneSelection(columns: number, count: number): PaneSelection {
	const [raw, setRaw] = useState(0);
	const index = count === 0 ? 0 : Math.min(raw, count - 1);
	return useMemo(
		() => ({
			index,
			move(dx: number, dy: number) {
				setRaw(movePane(index, dx, dy, columns, count));
			},
			select(next: number) {
				if (next >= 0 && next < count) {
					setRaw(next);
				}
			},
		}),
		[index, columns, count],
	);
}
