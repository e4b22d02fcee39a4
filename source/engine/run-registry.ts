/**
 * The panes this process can show: every run it started (and, later, runs it tails), as the UI's
 * {@link PaneSource}. Keeps the running ones and the last few finished ones.
 */
import type {PaneInfo, PaneSource, ScreenView} from '../ui/ports.js';

/** What the registry needs of a run to show it. */
export type PaneRun = {
	readonly jobId: string;
	readonly run: number;
	readonly agent: string;
	readonly startedAt: string;
	readonly screen: ScreenView & {onChange(listener: () => void): () => void};
	/** Keyboard input to the run's agent. */
	readonly write?: (data: string) => void;
};

type Entry = {info: PaneInfo; unsubscribe: () => void};

/** Holds panes in start order; finished panes beyond `keepFinished` are dropped, oldest first. */
export class RunRegistry implements PaneSource {
	readonly #entries: Entry[] = [];
	readonly #listeners = new Set<() => void>();
	readonly #keepFinished: number;
	#panes: readonly PaneInfo[] = [];

	/** @param keepFinished finished panes kept on screen besides the running ones. */
	constructor(keepFinished: number) {
		this.#keepFinished = keepFinished;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	getPanes = (): readonly PaneInfo[] => this.#panes;

	/** Show a new run. */
	add(run: PaneRun): void {
		const info: PaneInfo = {
			jobId: run.jobId,
			run: run.run,
			agent: run.agent,
			startedAt: run.startedAt,
			screen: run.screen,
			write: run.write,
		};
		this.#entries.push({info, unsubscribe: run.screen.onChange(this.#emit)});
		this.#changed();
	}

	/** Mark a run finished; its pane stays until newer finished panes push it out. */
	end(jobId: string, run: number, endedAt: string, exitCode: number | null): void {
		const entry = this.#entries.find(
			(candidate) => candidate.info.jobId === jobId && candidate.info.run === run,
		);
		if (!entry) {
			return;
		}

		entry.info = {...entry.info, endedAt, exitCode, write: undefined};
		const finished = this.#entries.filter((candidate) => candidate.info.endedAt !== undefined);
		for (const old of finished.slice(0, Math.max(0, finished.length - this.#keepFinished))) {
			old.unsubscribe();
			this.#entries.splice(this.#entries.indexOf(old), 1);
		}

		this.#changed();
	}

	/** Drop every pane (on shutdown). */
	clear(): void {
		for (const entry of this.#entries) {
			entry.unsubscribe();
		}

		this.#entries.length = 0;
		this.#changed();
	}

	#changed(): void {
		// Start order, so a pane keeps its place on screen when its run ends.
		this.#panes = this.#entries.map((entry) => entry.info);
		this.#emit();
	}

	readonly #emit = (): void => {
		for (const listener of this.#listeners) {
			listener();
		}
	};
}
