/**
 * The `openai` transport: any OpenAI-compatible chat-completions endpoint (OpenAI, OpenRouter, llama.cpp,
 * vLLM, Ollama, an LMArena bridge) through the official `openai` SDK, streaming.
 *
 * Retries are the SDK's (openai 6, `client.js` `makeRequest`/`retryRequest`): a connection error, 408,
 * 409, 429 or 5xx before the stream starts is retried up to `maxRetries` times, waiting what the
 * response's `retry-after-ms` or `Retry-After` (seconds or an HTTP date) asks, else 0.5 s × 2^n (capped at
 * 8 s, minus up to 25% jitter). Two gaps in the SDK are closed here: it waits for any `Retry-After`, even
 * an hour, in a sleep no signal interrupts, so a wait over `maxRetryAfterMs` is not retried but reported
 * (`rate_limited` with `retryAfterMs`), and the caller's abort is raced against the SDK's promise; and its
 * timeout ends when the response headers arrive, so a stream that goes silent is timed out here.
 */
import OpenAI from 'openai';
import type {ChatCompletionChunk} from 'openai/resources/chat/completions';
import {
	AbortError,
	estimatePromptTokens,
	estimateTokens,
	raceAbort,
	throwIfAborted,
	TransportError,
	type ChatRequest,
	type Completion,
	type StreamOptions,
	type Transport,
	type Usage,
} from './transport.js';

/** Settings of an OpenAI-compatible transport. */
export type OpenAiTransportOptions = {
	/** The transport's name in config, used in errors. */
	readonly name: string;
	/** The endpoint's base URL, up to and without `/chat/completions` (`https://openrouter.ai/api/v1`). */
	readonly baseURL: string;
	/** Sent as `Authorization: Bearer <apiKey>`; absent: no `Authorization` header (local servers). */
	readonly apiKey?: string;
	/** Model used when a request names none. */
	readonly model: string;
	/**
	 * In ms: longest wait for the response headers of one attempt (the SDK's `timeout`), and longest
	 * silence between two pieces of a stream.
	 */
	readonly timeoutMs: number;
	/** Retries after the first attempt, for connection errors, 408, 409, 429 and 5xx (0 = none). */
	readonly maxRetries: number;
	/** Longest `Retry-After` honoured by waiting, in ms (default 60 s); a longer one fails at once. */
	readonly maxRetryAfterMs?: number;
	/** Ask for the usage chunk (`stream_options.include_usage`, default true); some older servers refuse it. */
	readonly streamUsage?: boolean;
	/** Extra headers on every request (e.g. OpenRouter's `HTTP-Referer` and `X-Title`). */
	readonly headers?: Readonly<Record<string, string>>;
};

/** Default of {@link OpenAiTransportOptions.maxRetryAfterMs}, in ms. */
export const defaultMaxRetryAfterMs = 60_000;

/**
 * A fetch that turns a retryable response asking for a wait over `maxMs` into one the SDK does not retry
 * (`x-should-retry: false`, which the SDK obeys), so the caller hears of it at once.
 */
function cappedRetryAfterFetch(maxMs: number): typeof fetch {
	return async (input, init) => {
		const response = await fetch(input, init);
		const retryable = response.status === 429 || response.status >= 500;
		const wait = retryable ? retryAfterMs(response.headers) : undefined;
		if (wait === undefined || wait <= maxMs) {
			return response;
		}

		const headers = new Headers(response.headers);
		headers.set('x-should-retry', 'false');
		return new Response(response.body, {status: response.status, statusText: response.statusText, headers});
	};
}

/** What a stream delivered. */
type Received = {text: string; finishReason?: string; usage?: Usage; model: string};

/**
 * Create an OpenAI-compatible streaming transport. Nothing is sent until `complete` is called.
 *
 * The client is built with every credential the SDK would otherwise read from `OPENAI_*` variables set
 * explicitly, so a key meant for OpenAI is never sent to another endpoint.
 */
export function createOpenAiTransport(options: OpenAiTransportOptions): Transport {
	const {name, model, timeoutMs} = options;
	const client = new OpenAI({
		baseURL: options.baseURL,
		// The SDK refuses to start without a key; a placeholder whose header is then removed stands for none.
		apiKey: options.apiKey ?? 'none',
		adminAPIKey: null,
		organization: null,
		project: null,
		webhookSecret: null,
		timeout: timeoutMs,
		maxRetries: options.maxRetries,
		defaultHeaders: {...options.headers, ...(options.apiKey === undefined ? {Authorization: null} : {})},
		fetch: cappedRetryAfterFetch(options.maxRetryAfterMs ?? defaultMaxRetryAfterMs),
		// The SDK logs retries and bad chunks to the console, which would tear the dashboard.
		logLevel: 'off',
	});
	const includeUsage = options.streamUsage ?? true;

	async function complete(request: ChatRequest, streamOptions: StreamOptions = {}): Promise<Completion> {
		const {signal, onToken} = streamOptions;
		throwIfAborted(signal);
		// One controller stops the request for the caller's abort and for a silent stream.
		const controller = new AbortController();
		const forwardAbort = () => {
			controller.abort();
		};

		signal?.addEventListener('abort', forwardAbort, {once: true});
		let silenceTimer: NodeJS.Timeout | undefined;
		let silent = false;
		const watchSilence = () => {
			clearTimeout(silenceTimer);
			silenceTimer = setTimeout(() => {
				silent = true;
				controller.abort();
			}, timeoutMs);
		};

		const received: Received = {text: '', model: request.model ?? model};
		try {
			const body = {
				model: request.model ?? model,
				messages: request.messages.map(({role, content}) => ({role, content})),
				stream: true as const,
				...(includeUsage ? {stream_options: {include_usage: true}} : {}),
				...(request.maxTokens === undefined ? {} : {max_tokens: request.maxTokens}),
				...(request.temperature === undefined ? {} : {temperature: request.temperature}),
			};
			let stream: AsyncIterable<ChatCompletionChunk>;
			try {
				stream = await raceAbort(client.chat.completions.create(body, {signal: controller.signal}), signal);
			} catch (error) {
				throw mapSdkError(name, error, signal);
			}

			watchSilence();
			let callbackFailure: {error: unknown} | undefined;
			try {
				for await (const chunk of stream) {
					watchSilence();
					const piece = take(received, chunk);
					if (piece) {
						try {
							onToken?.(piece);
						} catch (error) {
							callbackFailure = {error};
							break;
						}
					}
				}
			} catch (error) {
				throwIfAborted(signal);
				throw new TransportError(
					'cut',
					`${name}: the stream broke after ${received.text.length} characters`,
					{
						transport: name,
						partial: received.text,
						cause: error,
					},
				);
			}

			if (callbackFailure) {
				throw callbackFailure.error;
			}

			// The SDK ends the iteration quietly when the request is aborted, so the reason is found here.
			throwIfAborted(signal);
			if (silent) {
				throw new TransportError('timeout', `${name}: the stream was silent for ${timeoutMs} ms`, {
					transport: name,
					partial: received.text,
				});
			}

			if (received.finishReason === undefined) {
				throw new TransportError(
					'cut',
					`${name}: the stream ended after ${received.text.length} characters without a finish reason`,
					{transport: name, partial: received.text},
				);
			}

			return {
				text: received.text,
				model: received.model,
				finishReason: received.finishReason,
				usage: received.usage ?? {
					promptTokens: estimatePromptTokens(request.messages),
					completionTokens: estimateTokens(received.text),
					estimated: true,
				},
			};
		} finally {
			clearTimeout(silenceTimer);
			signal?.removeEventListener('abort', forwardAbort);
		}
	}

	return {name, complete};
}

/** Fold one chunk into `received`; returns its new text, if any. */
function take(received: Received, chunk: ChatCompletionChunk): string | undefined {
	if (chunk.model) {
		received.model = chunk.model;
	}

	// Some servers (vLLM with continuous usage stats) send usage on every chunk: the last one counts.
	if (chunk.usage) {
		received.usage = {
			promptTokens: chunk.usage.prompt_tokens,
			completionTokens: chunk.usage.completion_tokens,
			estimated: false,
		};
	}

	const choice = chunk.choices[0];
	if (choice?.finish_reason) {
		received.finishReason = choice.finish_reason;
	}

	const piece = choice?.delta?.content;
	if (piece) {
		received.text += piece;
		return piece;
	}

	return undefined;
}

/**
 * The wait a response asks for, in ms, read the way the SDK reads it: `retry-after-ms`, else
 * `Retry-After` as seconds or as an HTTP date; `undefined` when it asks none.
 */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
	const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
	if (!Number.isNaN(milliseconds)) {
		return Math.max(0, milliseconds);
	}

	const value = headers?.get('retry-after');
	if (!value) {
		return undefined;
	}

	const seconds = Number.parseFloat(value);
	const wait = Number.isNaN(seconds) ? Date.parse(value) - Date.now() : seconds * 1000;
	return Number.isNaN(wait) ? undefined : Math.max(0, wait);
}

/**
 * The error `complete` rejects with for an error of the SDK before the stream began: an
 * {@link AbortError} when the caller aborted, else a {@link TransportError} of the matching kind.
 */
function mapSdkError(name: string, error: unknown, signal: AbortSignal | undefined): Error {
	if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) {
		return error instanceof AbortError ? error : new AbortError(undefined, {cause: error});
	}

	if (error instanceof OpenAI.APIConnectionTimeoutError) {
		return new TransportError('timeout', `${name}: no response within the timeout`, {
			transport: name,
			cause: error,
		});
	}

	if (error instanceof OpenAI.APIConnectionError) {
		return new TransportError('network', `${name}: cannot reach the endpoint: ${error.message}`, {
			transport: name,
			cause: error,
		});
	}

	if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
		const status = error.status;
		const kind =
			status === 429
				? 'rate_limited'
				: status === 401 || status === 403
					? 'auth'
					: status === 408
						? 'timeout'
						: status >= 500 || status === 409
							? 'server'
							: 'bad_request';
		return new TransportError(kind, `${name}: ${error.message}`, {
			transport: name,
			status,
			retryAfterMs: retryAfterMs(error.headers),
			cause: error,
		});
	}

	return new TransportError('network', `${name}: ${(error as Error).message}`, {
		transport: name,
		cause: error,
	});
}
