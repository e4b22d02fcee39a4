/**
 * A pane source the dashboard can draw before the engine that owns the panes exists: no panes until
 * {@link LatePanes.attach} hands it the engine's, then exactly those. The engine is loaded after the
 * first frame (B1), but the UI subscribes to its pane source on the first render.
 */
import type {PaneInfo, PaneSource} from '../ui/ports.js';

const noPanes: readonly PaneInfo[] = Object.freeze([]);

/** See the file comment. */
export class LatePanes implements PaneSource {
	readonly #listeners = new Set<() => void>();
	#source: PaneSource | undefined;

	/**
	 * Show `source`'s panes from now on; every listener is told at once.
	 *
	 * @throws Error when a source is attached already.
	 */
	attach(source: PaneSource): void {
		if (this.#source) {
			throw new Error('the pane source is attached already');
		}

		this.#source = source;
		// Subscribed for as long as the source lives: the engine's registry outlives every listener here.
		source.subscribe(() => {
			this.#notify();
		});
		this.#notify();
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	getPanes(): readonly PaneInfo[] {
		return this.#source?.getPanes() ?? noPanes;
	}

	#notify(): void {
		for (const listener of this.#listeners) {
			listener();
		}
	}
}
