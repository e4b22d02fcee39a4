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
	/**
	 * Write the snapshot of `jobId`: `now` (a {@link SnapshotScheduler.flush}) before returning, else
	 * it may finish in the background. Must not throw.
	 */
	readonly write: (jobId: string, now: boolean) => void;
	/** Most snapshots written per wake-up; the others follow {@link spreadMs} later. Default: all. */
	readonly maxPerWake?: number;
};

/** Delay between two wake-ups that share out a crowd of due snapshots. */
const spreadMs = 20;

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
			this.#options.write(jobId, true);
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

	/**
	 * Write the pending snapshots whose interval has passed, at most `maxPerWake` of them (a crowd
	 * due at once, as after a burst on many jobs, is shared out over several wake-ups, so the event
	 * loop never stalls on all of them); wake up again for the others.
	 */
	#writeDue(): void {
		const now = performance.now();
		const interval = this.#options.minIntervalMs ?? 0;
		let budget = this.#options.maxPerWake ?? Number.POSITIVE_INFINITY;
		let next = Number.POSITIVE_INFINITY;
		for (const jobId of this.#pending) {
			const due = (this.#written.get(jobId) ?? Number.NEGATIVE_INFINITY) + interval;
			if (due > now) {
				next = Math.min(next, due);
			} else if (budget > 0) {
				budget--;
				this.#pending.delete(jobId);
				this.#written.set(jobId, now);
				this.#options.write(jobId, false);
			} else {
				next = now;
			}
		}

		if (next !== Number.POSITIVE_INFINITY) {
			this.#arm(next === now ? spreadMs : Math.max(this.#options.delayMs, next - now));
		}
	}
}
