/**
 * When to write `job.json`: debounced after changes, and only once a log has grown enough since the
 * last snapshot that replaying it would cost more than the snapshot's `fsync`.
 */

/** Options of a {@link SnapshotScheduler}. */
export type SnapshotSchedulerOptions = {
	/** Delay in ms between the first pending change and writing. */
	readonly delayMs: number;
	/** Bytes a log must have grown past its last snapshot before a new one is worth writing. */
	readonly minBytes: number;
	/** Write the snapshot of `jobId` now. Must not throw. */
	readonly write: (jobId: string) => void;
};

/** Collects jobs whose snapshot is out of date and writes them together, later. */
export class SnapshotScheduler {
	readonly #options: SnapshotSchedulerOptions;
	readonly #pending = new Set<string>();
	#timer: NodeJS.Timeout | undefined;

	constructor(options: SnapshotSchedulerOptions) {
		this.#options = options;
	}

	/** `advanced`: bytes of `jobId`'s log folded since its last snapshot. Schedules a write when enough. */
	note(jobId: string, advanced: number): void {
		if (advanced <= 0 || advanced < this.#options.minBytes) {
			return;
		}

		this.#pending.add(jobId);
		// Unreferenced: a pending snapshot must not keep a finished CLI command alive (it is derived).
		this.#timer ??= setTimeout(() => {
			this.flush();
		}, this.#options.delayMs).unref();
	}

	/** Write every pending snapshot now. */
	flush(): void {
		this.stop();
		for (const jobId of this.#pending) {
			this.#options.write(jobId);
		}

		this.#pending.clear();
	}

	/** Cancel the timer; pending jobs stay pending until the next {@link flush}. */
	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
