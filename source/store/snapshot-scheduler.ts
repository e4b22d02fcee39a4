/**
 * When to write `job.json`: debounced after changes, only once a log has grown enough since the
 * last snapshot that replaying it would cost more than the snapshot's `fsync`, and at most once per
 * interval per job, so a flood of appends does not turn into a flood of synchronous fsyncs (and of
 * renames for the watcher to look at) on the main thread.
 */

/** Options of a {@link SnapshotScheduler}. Times in milliseconds. */
export type SnapshotSchedulerOptions = {
	/** Delay between the first pending change and writing. */
	readonly delayMs: number;
	/** Bytes a log must have grown past its last snapshot before a new one is worth writing. */
	readonly minBytes: number;
	/** Shortest time between two snapshots of one job (except on {@link SnapshotScheduler.flush}). Default 0. */
	readonly minIntervalMs?: number;
	/** Write the snapshot of `jobId` now. Must not throw. */
	readonly write: (jobId: string) => void;
};

/** Collects jobs whose snapshot is out of date and writes them together, later. */
export class SnapshotScheduler {
	readonly #options: SnapshotSchedulerOptions;
	readonly #pending = new Set<string>();
	/** When each job's snapshot was last written (`performance.now()` ms). */
	readonly #written = new Map<string, number>();
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
		this.#arm(this.#options.delayMs);
	}

	/** Write every pending snapshot now, whatever the interval. */
	flush(): void {
		this.stop();
		const now = performance.now();
		for (const jobId of this.#pending) {
			this.#written.set(jobId, now);
			this.#options.write(jobId);
		}

		this.#pending.clear();
	}

	/** Cancel the timer; pending jobs stay pending until the next {@link flush}. */
	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#arm(ms: number): void {
		// Unreferenced: a pending snapshot must not keep a finished CLI command alive (it is derived).
		this.#timer ??= setTimeout(() => {
			this.#timer = undefined;
			this.#writeDue();
		}, ms).unref();
	}

	/** Write the pending snapshots whose interval has passed; wake up again for the others. */
	#writeDue(): void {
		const now = performance.now();
		const interval = this.#options.minIntervalMs ?? 0;
		let next = Number.POSITIVE_INFINITY;
		for (const jobId of this.#pending) {
			const due = (this.#written.get(jobId) ?? Number.NEGATIVE_INFINITY) + interval;
			if (due <= now) {
				this.#pending.delete(jobId);
				this.#written.set(jobId, now);
				this.#options.write(jobId);
			} else {
				next = Math.min(next, due);
			}
		}

		if (next !== Number.POSITIVE_INFINITY) {
			this.#arm(Math.max(this.#options.delayMs, next - now));
		}
	}
}
