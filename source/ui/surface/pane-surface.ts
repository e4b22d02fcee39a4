/**
 * The pane surface: draws pane contents straight to the terminal, outside Ink's output grid.
 *
 * Ink rebuilds its whole output grid on every commit (~20–35 ms at 200×50, PITFALLS.md), so with
 * pane output driving commits no frame budget is reachable. Here Ink draws only the panes' chrome and
 * an empty interior; this writer owns the interiors. At each frame-clock tick it diffs every mounted
 * pane's rows against what it last painted there and writes only the changed rows, at absolute cursor
 * positions, inside one synchronized update with the cursor saved and restored (Ink's log-update
 * erases its last frame with moves relative to where it left the cursor).
 *
 * Ordering with Ink: every frame Ink writes is bracketed by `ESC[?2026h` … `ESC[?2026l` on a TTY
 * (its `shouldSynchronize`), and a frame blanks the interiors. The writer intercepts the closing
 * `ESC[?2026l` and puts a full repaint of every interior before it, so a frame and its panes reach the
 * terminal as one update. Between a commit's layout and Ink writing it (Ink throttles frames to its
 * `maxFps`) the writer does not paint: that frame will repaint everything where it belongs.
 *
 * Where: each interior's position is read from Yoga's computed layout of its box (what Ink itself
 * draws, whatever the layout module decided), clipped to the terminal. Absolutely positioned boxes
 * (the debug overlay) cover the rows of panes they overlap; unmounted panes (help, detail view, zoom,
 * a too-small screen) are simply not registered.
 *
 * The REPL's focused input line is a slot too: a keystroke paints that one row at once (`paint(only)`),
 * so typing costs ~100 bytes and no Ink frame.
 */
import type {DOMElement} from 'ink';
import type {ScreenView} from '../../terminal/types.js';
import {absoluteBoxes, inkRoot, screenBox, type ScreenBox} from './ink-dom.js';
import {
	beginSync,
	endSync,
	paintBlock,
	paintRows,
	restoreCursor,
	saveCursor,
	sgrReset,
	type SurfaceRect,
} from './paint-rows.js';

/**
 * What the surface draws in a slot: rows of styled text (SGR codes, a final `ESC[0m`), `cols` cells
 * wide, and a version that changes whenever they do. A pane's screen is one; so is the REPL's line.
 */
export type SurfaceContent = Pick<ScreenView, 'version' | 'cols' | 'getRows'>;

/**
 * What the dashboard needs from the surface: panes (and the REPL's line) hand it their slots, the
 * frame clock (and a keystroke) paints.
 */
export type PaneSurfaceHandle = {
	/** Draw `content` inside `node` (an empty Ink box) from now on; returns the undo. */
	register(node: DOMElement, content: SurfaceContent): () => void;
	/**
	 * Paint what changed in the registered slots (only the slots of `only` when given, e.g. the line a
	 * key just edited); returns the bytes written (0 while an Ink frame is due: it will repaint).
	 */
	paint(only?: SurfaceContent): number;
};

/** The terminal the surface writes to: Ink's stdout. */
export type SurfaceStream = Pick<NodeJS.WriteStream, 'write' | 'on' | 'off'> & {
	readonly columns?: number;
	readonly rows?: number;
	readonly isTTY?: boolean;
};

type Slot = {readonly node: DOMElement; readonly screen: SurfaceContent};
type Painted = {
	readonly rect: SurfaceRect;
	readonly version: number;
	readonly layout: number;
	readonly lines: ReadonlyArray<string | undefined>;
};
type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/**
 * Whether Ink brackets its frames in synchronized output on `stream` (a TTY: Ink's own test, with
 * `CI` unset when Ink was loaded, which the program sees to, see `app/main.ts`), which the surface
 * relies on to slip its repaint into each frame. `XSARENA_NO_SURFACE=1` turns the surface off (panes
 * are then drawn by Ink, as in the component tests).
 */
export function surfaceSupported(stream: {readonly isTTY?: boolean}, env = process.env): boolean {
	const off = env['XSARENA_NO_SURFACE'];
	return stream.isTTY === true && (off === undefined || off === '' || off === '0' || off === 'false');
}

const sameRect = (a: SurfaceRect, b: SurfaceRect) =>
	a.x === b.x && a.y === b.y && a.cols === b.cols && a.rows === b.rows;

/** The writer. Create it over Ink's stdout, {@link attach} it before Ink renders, dispose it before leaving. */
export class PaneSurface implements PaneSurfaceHandle {
	readonly #stdout: SurfaceStream;
	readonly #slots = new Set<Slot>();
	readonly #painted = new Map<Slot, Painted>();
	#write: Write | undefined;
	#intercept: Write | undefined;
	#root: DOMElement | undefined;
	#rootLayout: (() => void) | undefined;
	/** Layouts Ink computed (its commits), and the layout of the last frame it built. */
	#layouts = 0;
	#built = 0;
	#covers: {layout: number; boxes: ScreenBox[]} | undefined;
	#inInkFrame = false;
	/** Ink built a frame and has not been seen writing one since (see {@link rendered}). */
	#frameDue = false;
	#scheduled = false;
	#disposed = false;

	constructor(stdout: SurfaceStream) {
		this.#stdout = stdout;
	}

	/** Wrap `stdout.write` (to follow Ink's frames) and listen for resizes. Returns the undo. */
	attach(): () => void {
		const stdout = this.#stdout;
		const write = stdout.write as unknown as Write;
		this.#write = write;
		const intercept: Write = (chunk, ...rest) => {
			let out = chunk;
			if (!this.#disposed && typeof chunk === 'string') {
				if (chunk === beginSync) {
					this.#inInkFrame = true;
					this.#frameDue = false;
				} else if (chunk === endSync && this.#inInkFrame) {
					this.#inInkFrame = false;
					const repaint = this.#body(true);
					out = repaint === '' ? chunk : saveCursor + sgrReset + repaint + restoreCursor + endSync;
				} else if (this.#frameDue && !this.#inInkFrame) {
					// A frame written without synchronized output (not what Ink 6.8 does on a TTY): still
					// repaint right behind it, in the same write.
					this.#frameDue = false;
					const repaint = this.#body(true);
					out = repaint === '' ? chunk : chunk + saveCursor + sgrReset + repaint + restoreCursor;
				}
			}

			return write.call(stdout, out, ...rest);
		};

		this.#intercept = intercept;
		stdout.write = intercept as unknown as typeof stdout.write;
		stdout.on('resize', this.invalidate);
		return () => {
			this.dispose();
		};
	}

	register(node: DOMElement, screen: SurfaceContent): () => void {
		const slot: Slot = {node, screen};
		this.#slots.add(slot);
		this.#hookRoot(node);
		// Mounted after Ink wrote this commit's frame (refs attach after it): paint it right behind.
		this.#schedule();
		return () => {
			this.#slots.delete(slot);
			this.#painted.delete(slot);
		};
	}

	/**
	 * Ink built a frame (its `onRender`, just before writing it). If its output did not change, Ink
	 * writes nothing: paint now.
	 */
	rendered(): void {
		this.#built = this.#layouts;
		this.#frameDue = true;
		this.#schedule();
	}

	/** Forget what is on screen (a resize may have cleared or reflowed it): the next paint draws all. */
	readonly invalidate = (): void => {
		this.#painted.clear();
	};

	/**
	 * Paint every changed row of every registered slot (of those showing `only`, when given), unless a
	 * frame of Ink's is due (it repaints everything). Returns the bytes written.
	 */
	paint(only?: SurfaceContent): number {
		if (this.#disposed || this.#slots.size === 0 || this.#layouts !== this.#built) {
			return 0;
		}

		const block = paintBlock(this.#body(false, only));
		if (block === '') {
			return 0;
		}

		const bytes = Buffer.byteLength(block);
		// Ink writes a frame as it builds it, so none is on its way now: this write is not one.
		this.#frameDue = false;
		// Through whatever `write` is now, not the one wrapped: lending the terminal to an editor
		// (edit/terminal-handover.ts) swaps in a write that drops frames, and paints must drop too.
		this.#stdout.write(block);
		return bytes;
	}

	/** Stop painting for good and give `stdout.write` and Ink's root back. Idempotent. */
	dispose(): void {
		if (this.#disposed) {
			return;
		}

		this.#disposed = true;
		const stdout = this.#stdout;
		if (this.#intercept && (stdout.write as unknown) === this.#intercept && this.#write) {
			stdout.write = this.#write as unknown as typeof stdout.write;
		}

		stdout.off('resize', this.invalidate);
		if (this.#root && this.#rootLayout) {
			this.#root.onComputeLayout = this.#rootLayout;
		}

		this.#slots.clear();
		this.#painted.clear();
	}

	#schedule(): void {
		if (this.#scheduled) {
			return;
		}

		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			this.paint();
		});
	}

	/** Count Ink's layouts: each commit lays out before Ink builds (and maybe throttles) the frame. */
	#hookRoot(node: DOMElement): void {
		if (this.#root) {
			return;
		}

		const root = inkRoot(node);
		if (!root) {
			return;
		}

		this.#root = root;
		const layout = root.onComputeLayout;
		this.#rootLayout = layout;
		root.onComputeLayout = () => {
			this.#layouts++;
			layout?.();
		};
	}

	#coverBoxes(): ScreenBox[] {
		if (!this.#root) {
			return [];
		}

		if (this.#covers?.layout !== this.#layouts) {
			this.#covers = {layout: this.#layouts, boxes: absoluteBoxes(this.#root)};
		}

		return this.#covers.boxes;
	}

	/** The rows to write: all of them after an Ink frame (`full`), else only what changed (in `only`). */
	#body(full: boolean, only?: SurfaceContent): string {
		if (full) {
			this.#painted.clear();
		}

		if (this.#slots.size === 0) {
			return '';
		}

		const columns = this.#stdout.columns ?? Number.POSITIVE_INFINITY;
		const lines = this.#stdout.rows ?? Number.POSITIVE_INFINITY;
		const covers = this.#coverBoxes();
		let body = '';
		for (const slot of this.#slots) {
			if (only !== undefined && slot.screen !== only) {
				continue;
			}

			const box = screenBox(slot.node);
			if (!box) {
				continue;
			}

			// Clipped to the terminal: a row past its right edge would wrap onto the next line.
			const rect: SurfaceRect = {
				x: box.x,
				y: box.y,
				cols: Math.min(box.width, columns - box.x),
				rows: Math.min(box.height, lines - box.y),
			};
			if (rect.cols <= 0 || rect.rows <= 0) {
				continue;
			}

			const {screen} = slot;
			const before = this.#painted.get(slot);
			const same = before !== undefined && sameRect(before.rect, rect);
			if (same && before.version === screen.version && before.layout === this.#layouts) {
				continue;
			}

			const over = covers.filter((cover) => cover.x < rect.x + rect.cols && rect.x < cover.x + cover.width);
			const covered = (row: number) =>
				over.some((cover) => rect.y + row >= cover.y && rect.y + row < cover.y + cover.height);
			const result = paintRows(same ? before.lines : undefined, screen.getRows(), rect, screen.cols, covered);
			this.#painted.set(slot, {rect, version: screen.version, layout: this.#layouts, lines: result.painted});
			body += result.escape;
		}

		return body;
	}
}
