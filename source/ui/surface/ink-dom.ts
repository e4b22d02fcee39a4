/**
 * Reading Ink's own layout: where Yoga put a box on the screen, which boxes are drawn over others, and
 * the root node. Ink exports the `DOMElement` type and measures elements the same way
 * (`measureElement` reads `yogaNode.getComputedWidth()`); the pane surface needs positions as well.
 */
import type {DOMElement} from 'ink';

/** A box on the screen: 0-based cells from the top-left corner of Ink's output. */
export type ScreenBox = {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
};

/**
 * Where `node` is on the screen after Ink's last layout: its computed offsets summed up to the root,
 * as Ink's renderer sums them. `undefined` when it is not in a laid-out tree (unmounted, or a parent
 * is `display: none`).
 */
export function screenBox(node: DOMElement): ScreenBox | undefined {
	const yoga = node.yogaNode;
	if (!yoga) {
		return undefined;
	}

	let x = 0;
	let y = 0;
	let current: DOMElement | undefined = node;
	while (current) {
		const layout = current.yogaNode;
		if (!layout || current.style.display === 'none') {
			return undefined;
		}

		x += layout.getComputedLeft();
		y += layout.getComputedTop();
		if (current.nodeName === 'ink-root') {
			return {x, y, width: yoga.getComputedWidth(), height: yoga.getComputedHeight()};
		}

		current = current.parentNode;
	}

	return undefined;
}

/** The `ink-root` node above `node`, or `undefined` when it is detached. */
export function inkRoot(node: DOMElement): DOMElement | undefined {
	let current: DOMElement | undefined = node;
	while (current && current.nodeName !== 'ink-root') {
		current = current.parentNode;
	}

	return current;
}

/**
 * Every absolutely positioned box under `root`, where it is on the screen. Ink 6 draws them after
 * their siblings, so they cover whatever lies beneath (the debug overlay over the panes).
 */
export function absoluteBoxes(root: DOMElement): ScreenBox[] {
	const boxes: ScreenBox[] = [];
	const visit = (node: DOMElement) => {
		if (node.style.display === 'none') {
			return;
		}

		if (node.style.position === 'absolute') {
			const box = screenBox(node);
			if (box) {
				boxes.push(box);
			}

			return;
		}

		for (const child of node.childNodes) {
			if (child.nodeName === 'ink-box') {
				visit(child);
			}
		}
	};

	visit(root);
	return boxes;
}
