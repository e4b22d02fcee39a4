/**
 * How an authoring run talks to a chat model: one request in, one streamed completion out. The engine's
 * chunk loop depends only on this interface; `openai.ts` (any OpenAI-compatible endpoint) and
 * `scripted.ts` (offline, deterministic) implement it, and `breaker.ts` wraps either.
 */

/** One message of a chat conversation. */
export type ChatMessage = {readonly role: 'system' | 'user' | 'assistant'; readonly content: string};

/** What to ask the model. */
export type ChatRequest = {
	readonly messages: readonly ChatMessage[];
	/** Model name for the endpoint; absent: the transport's configured model. */
	readonly model?: string;
	/** Most tokens the model may write; absent: the endpoint's default. */
	readonly maxTokens?: number;
	/** Sampling temperature (0–2); absent: the endpoint's default. */
	readonly temperature?: number;
};

/** Tokens a completion used. */
export type Usage = {
	/** Tokens of the request's messages. */
	readonly promptTokens: number;
	/** Tokens of the completion's text. */
	readonly completionTokens: number;
	/** True when counted by {@link estimateTokens} because the endpoint did not report usage. */
	readonly estimated: boolean;
};

/** A whole completion. */
export type Completion = {
	/** The text, exactly the concatenation of the pieces given to `onToken`. */
	readonly text: string;
	readonly usage: Usage;
	/** The model that answered, as the endpoint names it (may differ from the one asked for). */
	readonly model: string;
	/** Why the model stopped: `stop`, `length` (hit `maxTokens`), `content_filter`, …, when reported. */
	readonly finishReason?: string;
};

/** How the caller follows and stops a completion. */
export type StreamOptions = {
	/** Aborting rejects `complete` promptly with an {@link AbortError}. */
	readonly signal?: AbortSignal;
	/**
	 * Called with each piece of text as it arrives, in order, synchronously from the stream. A piece is
	 * one delta of the endpoint (usually a token or a word); an exception thrown here ends the
	 * completion and is rethrown from `complete` unchanged.
	 */
	readonly onToken?: (text: string) => void;
};

/** A way to get completions from a model. */
export type Transport = {
	/** The transport's name in config (`scripted`, `openrouter`, …). */
	readonly name: string;
	/**
	 * Ask for one completion, streaming its text through `options.onToken`.
	 *
	 * @throws {TransportError} when the endpoint fails (after the transport's own retries); a `cut`
	 * carries the text received before the failure in `partial` (callers discard it).
	 * @throws {AbortError} when `options.signal` aborts.
	 */
	complete(request: ChatRequest, options?: StreamOptions): Promise<Completion>;
};

/**
 * Why a completion failed:
 * - `rate_limited`: HTTP 429 after the retries (or with a `Retry-After` too long to wait for);
 * - `server`: HTTP 5xx (or 408/409) after the retries;
 * - `network`: no HTTP response (refused, reset, DNS) after the retries;
 * - `cut`: the stream began but ended or broke before the model finished;
 * - `timeout`: no response headers, or no stream data, within the transport's timeout;
 * - `auth`: HTTP 401/403, a wrong or missing key (waiting will not help);
 * - `bad_request`: any other HTTP 4xx, e.g. an unknown model or a prompt over the context (neither will
 *   retrying);
 * - `open`: the circuit breaker is open; nothing was sent.
 */
export type TransportErrorKind =
	'rate_limited' | 'server' | 'network' | 'cut' | 'timeout' | 'auth' | 'bad_request' | 'open';

/** Details of a {@link TransportError}. */
export type TransportErrorDetails = {
	/** The transport's name. */
	readonly transport: string;
	/** HTTP status, when there was a response. */
	readonly status?: number;
	/** How long the endpoint asked us to wait, in ms (`retry-after-ms` or `Retry-After`), when it did. */
	readonly retryAfterMs?: number;
	/** Text streamed before a `cut` or `timeout` (already given to `onToken`). */
	readonly partial?: string;
	/** For `open`: when the breaker lets the next trial request through. */
	readonly nextTryAt?: Date;
	readonly cause?: unknown;
};

/** A completion that failed for a reason the caller can act on; see {@link TransportErrorKind}. */
export class TransportError extends Error {
	override readonly name = 'TransportError';
	readonly kind: TransportErrorKind;
	readonly transport: string;
	readonly status?: number;
	readonly retryAfterMs?: number;
	readonly partial?: string;
	readonly nextTryAt?: Date;

	constructor(kind: TransportErrorKind, message: string, details: TransportErrorDetails) {
		super(message, {cause: details.cause});
		this.kind = kind;
		this.transport = details.transport;
		this.status = details.status;
		this.retryAfterMs = details.retryAfterMs;
		this.partial = details.partial;
		this.nextTryAt = details.nextTryAt;
	}
}

/**
 * The caller aborted (its `signal` fired). Not a failure of the transport: the breaker does not count
 * it. Recognise it by `name === 'AbortError'` (see {@link isAbortError}), as for `fetch`.
 */
export class AbortError extends Error {
	override readonly name = 'AbortError';

	constructor(message = 'The completion was aborted', options?: ErrorOptions) {
		super(message, options);
	}
}

/** True for an abort by the caller: an {@link AbortError}, or any error named `AbortError`. */
export function isAbortError(error: unknown): boolean {
	return error instanceof Error && error.name === 'AbortError';
}

/** Reject with an {@link AbortError} if `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw new AbortError(undefined, {cause: signal.reason});
	}
}

/**
 * Settle with `promise`, or reject with an {@link AbortError} as soon as `signal` aborts, whichever is
 * first. The promise is left to settle on its own (its rejection is handled), for work that cannot be
 * interrupted, e.g. the SDK sleeping before a retry.
 */
export async function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) {
		return promise;
	}

	promise.catch(() => undefined);
	throwIfAborted(signal);
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => {
			reject(new AbortError(undefined, {cause: signal.reason}));
		};

		signal.addEventListener('abort', onAbort, {once: true});
		promise.then(resolve, reject).finally(() => {
			signal.removeEventListener('abort', onAbort);
		});
	});
}

/** Characters per token assumed by {@link estimateTokens}. */
export const charsPerToken = 4;

/**
 * A rough token count for text: one token per 4 characters, rounded up (OpenAI's rule of thumb for
 * English, "What are tokens and how to count them", help.openai.com). Good to ~±25% for English prose,
 * an undercount for code and for languages written without spaces. Used only when the endpoint does not
 * report usage, and then marked `estimated`.
 */
export function estimateTokens(text: string): number {
	return Math.ceil(text.length / charsPerToken);
}

/**
 * Estimated prompt tokens of a request: the messages' text, plus 4 tokens per message for the role and
 * separators (OpenAI cookbook, "How to count tokens with tiktoken": 3–4 per message) and 3 to prime the
 * reply.
 */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
	let tokens = 3;
	for (const message of messages) {
		tokens += 4 + estimateTokens(message.content);
	}

	return tokens;
}
