/**
 * The lines of appends that may share one `write()` (`EventLog.appendSoon`): collected until the
 * end of the current synchronous run (a microtask), then written together.
 *
 * A `write()` costs ~3 µs here and the `stat` before it as much again (BENCHMARKS B9), so a writer
 * that appends event after event spends most of its time in the kernel; appends made in the same
 * turn of the event loop pay for those once. No append is acknowledged early: each one's promise
 * settles only after the write that holds its bytes returned (or failed).
 */

/** Bytes of lines after which a batch is written at once rather than at the end of the turn. */
export const maxBatchBytes = 256 * 1024;

type Waiter<T> = {readonly resolve: (value: T) => void; readonly reject: (error: Error) => void};

/** Lines waiting for one write, and the appends waiting for it. */
export class AppendBatch<T> {
	readonly #write: () => void;
	#text = '';
	#waiters: Array<Waiter<T>> = [];
	#scheduled = false;

	/** `write`: take the batch ({@link take}) and write it; called once per turn with lines waiting. */
	constructor(write: () => void) {
		this.#write = write;
	}

	/** Whether lines are waiting. */
	get pending(): boolean {
		return this.#waiters.length > 0;
	}

	/**
	 * Add the lines `text` (each ending in `\n`) of one append; the promise settles once they are
	 * written. Past {@link maxBatchBytes} the batch is written before this returns.
	 */
	async add(text: string): Promise<T> {
		const done = new Promise<T>((resolve, reject) => {
			this.#waiters.push({resolve, reject});
		});
		this.#text += text;
		if (this.#text.length >= maxBatchBytes) {
			this.#write();
		} else if (!this.#scheduled) {
			this.#scheduled = true;
			queueMicrotask(() => {
				this.#scheduled = false;
				if (this.pending) {
					this.#write();
				}
			});
		}

		return done;
	}

	/**
	 * Take every waiting line, leaving the batch empty: the caller writes `text` (in one write) and
	 * then calls `settle` with the outcome for each append (`first` for the first one, `rest` for the
	 * others), or with the error.
	 */
	take(): {readonly text: string; readonly settle: (outcome: {first: T; rest: T} | Error) => void} {
		const text = this.#text;
		const waiters = this.#waiters;
		this.#text = '';
		this.#waiters = [];
		return {
			text,
			settle(outcome) {
				for (const [index, waiter] of waiters.entries()) {
					if (outcome instanceof Error) {
						waiter.reject(outcome);
					} else {
						waiter.resolve(index === 0 ? outcome.first : outcome.rest);
					}
				}
			},
		};
	}
}
