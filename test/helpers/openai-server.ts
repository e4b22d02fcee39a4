/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol with server-sent
 * events, for testing transports against the wire rather than a mock. Each request takes the next
 * behaviour from a queue (then the default one): an error status, or a stream that may be slow, cut,
 * ended early or stalled. It records the requests it got and when it wrote each token.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';

/** An error response: `status` with an OpenAI-style error body and optional retry headers. */
export type ErrorBehaviour = {
	readonly status: number;
	/** `Retry-After` header (seconds or an HTTP date). */
	readonly retryAfter?: string;
	/** `retry-after-ms` header (the SDK's own, which wins over `Retry-After`). */
	readonly retryAfterMs?: string;
	readonly message?: string;
};

/** A streamed completion. */
export type StreamBehaviour = {
	/** The text: a string is split before each run of whitespace (`"a b"` → `"a"`, `" b"`); an array is the tokens. */
	readonly text: string | readonly string[];
	/** Wait before sending the response headers, in ms (default 0). */
	readonly headersDelayMs?: number;
	/** Wait before each token, in ms (default 0). */
	readonly delayMsPerToken?: number;
	/** Destroy the socket after this many tokens (a connection lost mid-stream). */
	readonly cutAfterTokens?: number;
	/** End the response cleanly after this many tokens, without a finish reason or `[DONE]`. */
	readonly endAfterTokens?: number;
	/** Write this many tokens, then nothing until the client goes away. */
	readonly stallAfterTokens?: number;
	/** Send the usage chunk when the request asks for it (default true). */
	readonly usage?: boolean;
	/** Default `stop`. */
	readonly finishReason?: string;
	/** The model named in chunks; default the request's. */
	readonly model?: string;
};

export type Behaviour = ErrorBehaviour | StreamBehaviour;

/** A request the server received. */
export type RecordedRequest = {
	readonly path: string;
	readonly headers: http.IncomingHttpHeaders;
	/** The parsed JSON body. */
	readonly body: {readonly model?: string; readonly stream?: boolean; readonly [key: string]: unknown};
	/** `performance.now()` when it arrived, in ms. */
	readonly at: number;
	/** `performance.now()` when the client went away before the response ended, in ms. */
	disconnectedAt?: number;
};

/** A token the server wrote. */
export type WrittenToken = {
	/** Index of its request in `requests`. */
	readonly request: number;
	readonly text: string;
	/** `performance.now()` just before the write, in ms. */
	readonly at: number;
};

export type OpenAiTestServer = {
	/** `http://127.0.0.1:<port>/v1`, for the SDK's `baseURL`. */
	readonly baseURL: string;
	/** Queue behaviours for the next requests, in order. */
	enqueue(...behaviours: Behaviour[]): void;
	readonly requests: RecordedRequest[];
	readonly tokens: WrittenToken[];
	/** Stop: ends open responses and closes the listening socket. */
	close(): Promise<void>;
};

/** Prompt tokens reported in usage chunks, so a test can tell reported usage from an estimate. */
export const reportedPromptTokens = 11;

/** Split text into tokens before each run of whitespace, the way tokenizers attach a leading space. */
export function splitTokens(text: string | readonly string[]): string[] {
	return typeof text === 'string' ? (text.match(/\s*\S+/g) ?? []) : [...text];
}

/**
 * Start a server on 127.0.0.1 with an ephemeral port.
 *
 * @param fallback behaviour when the queue is empty.
 */
export async function startOpenAiServer(
	fallback: Behaviour = {text: 'Hello from the test server.'},
): Promise<OpenAiTestServer> {
	const queue: Behaviour[] = [];
	const requests: RecordedRequest[] = [];
	const tokens: WrittenToken[] = [];
	const closing = new AbortController();

	const server = http.createServer({noDelay: true}, (request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const path = request.url ?? '';
			if (request.method !== 'POST' || !/^(\/v1)?\/chat\/completions$/.test(path)) {
				sendError(response, {status: 404, message: `no route ${request.method} ${path}`});
				return;
			}

			const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
			const record: RecordedRequest = {path, headers: request.headers, body, at: performance.now()};
			const index = requests.push(record) - 1;
			response.on('close', () => {
				if (!response.writableFinished) {
					record.disconnectedAt = performance.now();
				}
			});
			const behaviour = queue.shift() ?? fallback;
			if ('status' in behaviour) {
				sendError(response, behaviour);
				return;
			}

			void stream(
				response,
				behaviour,
				body,
				(text) => tokens.push({request: index, text, at: performance.now()}),
				closing.signal,
			);
		});
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		baseURL: `http://127.0.0.1:${port}/v1`,
		enqueue(...behaviours) {
			queue.push(...behaviours);
		},
		requests,
		tokens,
		async close() {
			closing.abort();
			server.closeAllConnections();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
			});
		},
	};
}

function sendError(response: http.ServerResponse, behaviour: ErrorBehaviour): void {
	const headers: Record<string, string> = {'content-type': 'application/json'};
	if (behaviour.retryAfter !== undefined) {
		headers['retry-after'] = behaviour.retryAfter;
	}

	if (behaviour.retryAfterMs !== undefined) {
		headers['retry-after-ms'] = behaviour.retryAfterMs;
	}

	response.writeHead(behaviour.status, headers);
	response.end(
		JSON.stringify({
			error: {
				message: behaviour.message ?? `test server: status ${behaviour.status}`,
				type: 'test',
				code: null,
			},
		}),
	);
}

async function stream(
	response: http.ServerResponse,
	behaviour: StreamBehaviour,
	body: RecordedRequest['body'],
	written: (text: string) => void,
	closing: AbortSignal,
): Promise<void> {
	const model = behaviour.model ?? body.model ?? 'test-model';
	const created = Math.floor(Date.now() / 1000);
	const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
		`data: ${JSON.stringify({id: 'chatcmpl-test', object: 'chat.completion.chunk', created, model, choices, ...extra})}\n\n`;
	const gone = () => closing.aborted || response.destroyed;

	if (behaviour.headersDelayMs) {
		await sleep(behaviour.headersDelayMs, undefined, {signal: closing}).catch(() => undefined);
	}

	if (gone()) {
		return;
	}

	response.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
	});
	response.write(chunk([{index: 0, delta: {role: 'assistant', content: ''}, finish_reason: null}]));
	const parts = splitTokens(behaviour.text);
	for (const [index, text] of parts.entries()) {
		if (index === behaviour.cutAfterTokens) {
			response.socket?.destroy();
			return;
		}

		if (index === behaviour.endAfterTokens) {
			response.end();
			return;
		}

		if (index === behaviour.stallAfterTokens) {
			await new Promise((resolve) => {
				closing.addEventListener('abort', resolve, {once: true});
				response.once('close', resolve);
			});
			return;
		}

		if (behaviour.delayMsPerToken) {
			await sleep(behaviour.delayMsPerToken, undefined, {signal: closing}).catch(() => undefined);
		}

		if (gone()) {
			return;
		}

		written(text);
		const data = chunk([{index: 0, delta: {content: text}, finish_reason: null}]);
		if (index + 1 === behaviour.cutAfterTokens) {
			// Flushed before the cut, so the client gets every token written (destroy drops buffered data).
			await new Promise((resolve) => response.write(data, resolve));
		} else {
			response.write(data);
		}
	}

	response.write(chunk([{index: 0, delta: {}, finish_reason: behaviour.finishReason ?? 'stop'}]));
	const options = body['stream_options'] as {include_usage?: boolean} | undefined;
	if (options?.include_usage && behaviour.usage !== false) {
		const completionTokens = parts.length;
		response.write(
			chunk([], {
				usage: {
					prompt_tokens: reportedPromptTokens,
					completion_tokens: completionTokens,
					total_tokens: reportedPromptTokens + completionTokens,
				},
			}),
		);
	}

	response.end('data: [DONE]\n\n');
}
