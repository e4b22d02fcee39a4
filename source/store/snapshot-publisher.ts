/**
 * The `subscribe`/`getSnapshot` half of the store: one immutable {@link StoreSnapshot}, replaced only
 * when one of the parts it is made of was replaced, so `useSyncExternalStore` skips unchanged renders.
 */
import type {Board} from '../core/reduce.js';
import type {StoreSnapshot, StoreWarning} from '../ui/ports.js';

/** What a snapshot is made of; each part is compared by reference. */
export type SnapshotParts = {
	/** All jobs folded so far. */
	readonly board: Board;
	/** Notices first (watcher fallbacks), then bad lines; the latest {@link maxWarnings} are shown. */
	readonly notices: readonly StoreWarning[];
	/** Warnings for bad lines in the logs. */
	readonly badLines: readonly StoreWarning[];
	/** The persistent I/O error, if any (see `StoreSnapshot.error`). */
	readonly error: string | undefined;
};

/** Most warnings in a snapshot (the latest). */
export const maxWarnings = 100;

/** Holds the current snapshot and the listeners. */
export class SnapshotPublisher {
	readonly #listeners = new Set<() => void>();
	#parts: SnapshotParts;
	#snapshot: StoreSnapshot;

	constructor(parts: SnapshotParts) {
		this.#parts = parts;
		this.#snapshot = build(parts);
	}

	/** The current snapshot: the same object until {@link publish} sees a replaced part. */
	get snapshot(): StoreSnapshot {
		return this.#snapshot;
	}

	/** Register `listener`; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** Replace the snapshot and call every listener synchronously, unless no part changed. */
	publish(parts: SnapshotParts): void {
		const before = this.#parts;
		if (
			parts.board === before.board &&
			parts.notices === before.notices &&
			parts.badLines === before.badLines &&
			parts.error === before.error
		) {
			return;
		}

		this.#parts = parts;
		this.#snapshot = build(parts);
		for (const listener of [...this.#listeners]) {
			try {
				listener();
			} catch (error) {
				// A listener's bug must not undo a write that already happened; surface it outside this call.
				queueMicrotask(() => {
					throw error;
				});
			}
		}
	}

	/** Drop every listener. */
	clear(): void {
		this.#listeners.clear();
	}
}

function build({board, notices, badLines, error}: SnapshotParts): StoreSnapshot {
	const warnings = [...notices, ...badLines].slice(-maxWarnings);
	return error === undefined ? {board, warnings} : {board, warnings, error};
}
