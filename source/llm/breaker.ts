/**
 * A circuit breaker around a transport (opossum): after `failures` consecutive failed completions it
 * opens, and every job using the transport then fails fast with a `TransportError` of kind `open` that
 * says when the next trial goes through, instead of spending its retries on a sick endpoint. After
 * `resetMs` it is half-open: one completion is let through; success closes it, failure opens it again.
 *
 * opossum opens on an error percentage over a rolling window, which is not "N in a row": with a window of
 * 10 s, a burst at the start of a quiet minute and a burst at its end never add up, and one success
 * among many failures keeps it closed. So its own threshold is disabled (`errorThresholdPercentage: 100`:
 * it opens only above 100%, i.e. never while closed) and the consecutive failures are counted from its
 * `failure` and `success` events here, calling `open()` at the N-th. opossum still does the rest: failing
 * fast while open, the reset timer, the single half-open trial, reopening on a failed trial.
 *
 * What counts:
 * - `rate_limited`, `server`, `network`, `timeout`, `cut` count as failures: waiting may heal them.
 * - `auth` and `bad_request` do not count and do not break a run of failures either way (a response that
 *   says the request is wrong shows a reachable, working endpoint; opossum records them as successes):
 *   a wrong key or an unknown model never heals by waiting, so holding every job in "waiting for the
 *   breaker" would hide the one error a person must fix. The caller fails the job with it at once.
 * - An abort by the caller is no failure and no success: it leaves the count alone. When the aborted call
 *   was the half-open trial, opossum reopens the breaker (it has no way back to half-open), so the next
 *   trial waits another `resetMs`: a pessimistic choice, rare in practice.
 *
 * opossum's own timeout is off (`timeout: false`): the transport times out itself, and an opossum timeout
 * would leave the request running.
 */
import CircuitBreaker from 'opossum';
import {
	isAbortError,
	TransportError,
	type ChatRequest,
	type Completion,
	type StreamOptions,
	type Transport,
} from './transport.js';

/** `closed`: requests flow; `open`: they fail fast; `half-open`: the next request is a trial. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** When a breaker opens and how long it stays open. */
export type BreakerOptions = {
	/** Consecutive failed completions that open the breaker (≥ 1). */
	readonly failures: number;
	/** How long it stays open before a trial, in ms. */
	readonly resetMs: number;
};

/** A breaker's state, as given to {@link BreakerTransport.onStateChange} listeners. */
export type BreakerStatus = {
	readonly state: BreakerState;
	/** While `open`: when the next trial may go through. */
	readonly nextTryAt?: Date;
	/** The failure that opened it (or the last failure), for the card. */
	readonly lastError?: Error;
};

/** A transport behind a circuit breaker. */
export type BreakerTransport = Transport & {
	readonly state: BreakerState;
	/** While `open`: when the next trial may go through; else `undefined`. */
	readonly nextTryAt: Date | undefined;
	/** The most recent counted failure, kept until a success. */
	readonly lastError: Error | undefined;
	/** Failures in a row so far (0 after a success). */
	readonly consecutiveFailures: number;
	/**
	 * Call `listener` on each change of state (synchronously; it must not throw).
	 *
	 * @returns a function that removes the listener.
	 */
	onStateChange(listener: (status: BreakerStatus) => void): () => void;
	/** Stop the breaker's timers; every later completion fails. */
	shutdown(): void;
};

/** True for a failure that says nothing about the endpoint's health; see the module comment. */
function isRequestError(error: unknown): boolean {
	return error instanceof TransportError && (error.kind === 'auth' || error.kind === 'bad_request');
}

/**
 * Wrap `transport` in a circuit breaker.
 *
 * `complete` rejects with a `TransportError` of kind `open` (and `nextTryAt`) without calling the
 * transport while the breaker is open, or while it is half-open and another call is the trial (then
 * `nextTryAt` is the latest the trial's outcome can move it to: now + `resetMs`). A caller that waits
 * should wait until `nextTryAt` or the next {@link BreakerTransport.onStateChange}, whichever is first.
 *
 * @throws RangeError when `failures` is not a positive integer or `resetMs` not a positive number.
 */
export function withBreaker(transport: Transport, options: BreakerOptions): BreakerTransport {
	if (!Number.isInteger(options.failures) || options.failures < 1) {
		throw new RangeError(`breaker failures must be a positive integer, not ${options.failures}`);
	}

	if (!(options.resetMs > 0)) {
		throw new RangeError(`breaker resetMs must be positive, not ${options.resetMs}`);
	}

	const breaker = new CircuitBreaker(
		async (request: ChatRequest, streamOptions: StreamOptions | undefined) =>
			transport.complete(request, streamOptions),
		{
			name: transport.name,
			timeout: false,
			resetTimeout: options.resetMs,
			errorThresholdPercentage: 100,
			errorFilter: isRequestError,
			enableSnapshots: false,
		},
	);
	const listeners = new Set<(status: BreakerStatus) => void>();
	let consecutiveFailures = 0;
	let nextTryAt: Date | undefined;
	let lastError: Error | undefined;

	const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed');
	const changed = () => {
		const status: BreakerStatus = {state: state(), nextTryAt, lastError};
		for (const listener of listeners) {
			listener(status);
		}
	};

	breaker.on('success', () => {
		consecutiveFailures = 0;
		lastError = undefined;
	});
	breaker.on('failure', (error: Error) => {
		if (isAbortError(error)) {
			return;
		}

		consecutiveFailures += 1;
		lastError = error;
		// In half-open opossum reopens by itself, after this listener.
		if (breaker.closed && consecutiveFailures >= options.failures) {
			breaker.open();
		}
	});
	breaker.on('open', () => {
		nextTryAt = new Date(Date.now() + options.resetMs);
		changed();
	});
	breaker.on('halfOpen', () => {
		nextTryAt = undefined;
		changed();
	});
	breaker.on('close', () => {
		consecutiveFailures = 0;
		nextTryAt = undefined;
		changed();
	});

	async function complete(request: ChatRequest, streamOptions?: StreamOptions): Promise<Completion> {
		try {
			return await breaker.fire(request, streamOptions);
		} catch (error) {
			// opossum's own refusal (not ESHUTDOWN, which is rethrown as it is).
			if (
				error instanceof Error &&
				CircuitBreaker.isOurError(error) &&
				(error as {code?: unknown}).code === 'EOPENBREAKER'
			) {
				const retryAt = nextTryAt ?? new Date(Date.now() + options.resetMs);
				const why = breaker.halfOpen ? 'a trial request is in flight' : 'the circuit breaker is open';
				throw new TransportError(
					'open',
					`${transport.name}: ${why} after ${options.failures} failures in a row; next try at ${retryAt.toISOString()}`,
					{transport: transport.name, nextTryAt: retryAt, cause: lastError},
				);
			}

			throw error;
		}
	}

	return {
		name: transport.name,
		complete,
		get state() {
			return state();
		},
		get nextTryAt() {
			return nextTryAt;
		},
		get lastError() {
			return lastError;
		},
		get consecutiveFailures() {
			return consecutiveFailures;
		},
		onStateChange(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		shutdown() {
			listeners.clear();
			breaker.shutdown();
		},
	};
}
