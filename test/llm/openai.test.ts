import {performance} from 'node:perf_hooks';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {createOpenAiTransport, type OpenAiTransportOptions} from '../../source/llm/openai.js';
import {estimateTokens, TransportError, type ChatRequest} from '../../source/llm/transport.js';
import {
	reportedPromptTokens,
	splitTokens,
	startOpenAiServer,
	type OpenAiTestServer,
} from '../helpers/openai-server.js';
import {waitFor} from '../helpers/wait-for.js';

const request: ChatRequest = {
	messages: [
		{role: 'system', content: 'You write books.'},
		{role: 'user', content: 'Subject: the history of tea'},
	],
};

let server: OpenAiTestServer;
beforeEach(async () => {
	server = await startOpenAiServer();
});
afterEach(async () => {
	await server.close();
});

function transport(options: Partial<OpenAiTransportOptions> = {}) {
	return createOpenAiTransport({
		name: 'local',
		baseURL: server.baseURL,
		apiKey: 'sk-test',
		model: 'test-model',
		timeoutMs: 5000,
		maxRetries: 2,
		...options,
	});
}

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}

	throw new Error('expected a rejection');
}

describe('openai transport against a real server', () => {
	test('streams tokens in order and takes usage from the usage chunk', async () => {
		const text = 'Tea came to Europe in the seventeenth century.';
		server.enqueue({text});
		const pieces: string[] = [];
		const completion = await transport().complete(request, {onToken: (piece) => pieces.push(piece)});

		expect(pieces).toEqual(splitTokens(text));
		expect(completion).toEqual({
			text,
			model: 'test-model',
			finishReason: 'stop',
			usage: {promptTokens: reportedPromptTokens, completionTokens: pieces.length, estimated: false},
		});
		const [received] = server.requests;
		expect(received?.path).toBe('/v1/chat/completions');
		expect(received?.headers.authorization).toBe('Bearer sk-test');
		expect(received?.body).toMatchObject({
			model: 'test-model',
			stream: true,
			stream_options: {include_usage: true},
			messages: request.messages,
		});
	});

	test('estimates usage, and says so, when the server reports none', async () => {
		server.enqueue({text: 'Twelve characters and more.', usage: false, model: 'served-model'});
		const completion = await transport().complete({...request, model: 'asked-model', maxTokens: 50});

		expect(completion.model).toBe('served-model');
		expect(completion.usage).toEqual({
			promptTokens: expect.any(Number),
			completionTokens: estimateTokens('Twelve characters and more.'),
			estimated: true,
		});
		expect(server.requests[0]?.body).toMatchObject({model: 'asked-model', max_tokens: 50});
	});

	test('sends no Authorization header without a key, and no OPENAI_* credentials from the environment', async () => {
		const saved = {...process.env};
		process.env['OPENAI_API_KEY'] = 'sk-must-not-leak';
		process.env['OPENAI_ORG_ID'] = 'org-must-not-leak';
		try {
			await transport({apiKey: undefined, headers: {'X-Title': 'xsarena'}}).complete(request);
		} finally {
			process.env = saved;
		}

		const headers = server.requests[0]?.headers ?? {};
		expect(headers.authorization).toBeUndefined();
		expect(headers['openai-organization']).toBeUndefined();
		expect(headers['x-title']).toBe('xsarena');
	});

	test('waits for Retry-After on a 429, then succeeds', async () => {
		server.enqueue({status: 429, retryAfter: '1'}, {text: 'After the wait.'});
		const completion = await transport().complete(request);

		expect(completion.text).toBe('After the wait.');
		expect(server.requests).toHaveLength(2);
		const waited = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
		// The SDK sleeps 1000 ms; timer granularity may end it a hair early.
		expect(waited).toBeGreaterThanOrEqual(990);
		expect(waited).toBeLessThan(3000);
	});

	test('does not wait for a Retry-After over the cap: rate_limited at once, with the wait asked', async () => {
		server.enqueue({status: 429, retryAfter: '3600'});
		const started = performance.now();
		const error = await rejection(transport({maxRetryAfterMs: 60_000}).complete(request));

		expect(error).toBeInstanceOf(TransportError);
		expect(error).toMatchObject({kind: 'rate_limited', status: 429, retryAfterMs: 3_600_000});
		expect(server.requests).toHaveLength(1);
		expect(performance.now() - started).toBeLessThan(1000);
	});

	test('retries a 500 burst, then fails with kind server', async () => {
		server.enqueue(...Array.from({length: 3}, () => ({status: 500, retryAfterMs: '10'})));
		const error = await rejection(transport({maxRetries: 2}).complete(request));

		expect(error).toMatchObject({kind: 'server', status: 500, transport: 'local'});
		expect(server.requests).toHaveLength(3);
		expect(server.requests.map((received) => received.headers['x-stainless-retry-count'])).toEqual([
			'0',
			'1',
			'2',
		]);
	});

	test('maps 401 to auth and 400 to bad_request, without retrying', async () => {
		server.enqueue({status: 401}, {status: 400, message: 'unknown model'});
		await expect(transport().complete(request)).rejects.toMatchObject({kind: 'auth', status: 401});
		await expect(transport().complete(request)).rejects.toMatchObject({kind: 'bad_request', status: 400});
		expect(server.requests).toHaveLength(2);
	});

	test('a refused connection is a network error', async () => {
		const url = server.baseURL;
		await server.close();
		server = await startOpenAiServer();
		const error = await rejection(transport({baseURL: url, maxRetries: 0}).complete(request));
		expect(error).toMatchObject({kind: 'network'});
	});

	test('no response headers within the timeout is kind timeout', async () => {
		server.enqueue({text: 'Too late.', headersDelayMs: 2000});
		const started = performance.now();
		const error = await rejection(transport({timeoutMs: 200, maxRetries: 0}).complete(request));

		expect(error).toMatchObject({kind: 'timeout'});
		expect(performance.now() - started).toBeLessThan(1500);
	});

	test('a stream cut mid-way is kind cut, with the partial text', async () => {
		const text = 'One two three four five six';
		server.enqueue({text, cutAfterTokens: 3, delayMsPerToken: 5});
		const pieces: string[] = [];
		const error = await rejection(transport().complete(request, {onToken: (piece) => pieces.push(piece)}));

		expect(error).toMatchObject({kind: 'cut', partial: 'One two three'});
		expect(pieces.join('')).toBe('One two three');
		expect(server.requests).toHaveLength(1);
	});

	test('a stream that ends without a finish reason is kind cut', async () => {
		server.enqueue({text: 'One two three four', endAfterTokens: 2});
		await expect(transport().complete(request)).rejects.toMatchObject({kind: 'cut', partial: 'One two'});
	});

	test('a stream silent for longer than the timeout is kind timeout, with the partial text', async () => {
		server.enqueue({text: 'One two three four', stallAfterTokens: 2});
		const started = performance.now();
		const error = await rejection(transport({timeoutMs: 300}).complete(request));

		expect(error).toMatchObject({kind: 'timeout', partial: 'One two'});
		expect(performance.now() - started).toBeLessThan(2000);
		await waitFor(
			() => server.requests[0]?.disconnectedAt,
			2000,
			() => 'the server saw no disconnect',
		);
	});

	test('a slow stream arrives incrementally, and the caller’s abort stops it promptly', async () => {
		server.enqueue({text: Array.from({length: 40}, (_value, index) => `w${index} `), delayMsPerToken: 25});
		const controller = new AbortController();
		const arrivals: number[] = [];
		const pending = transport().complete(request, {
			signal: controller.signal,
			onToken: () => arrivals.push(performance.now()),
		});
		await waitFor(
			() => arrivals.length >= 4,
			5000,
			() => `${arrivals.length} tokens arrived`,
		);
		const abortedAt = performance.now();
		controller.abort();
		const error = await rejection(pending);

		expect(error.name).toBe('AbortError');
		expect(performance.now() - abortedAt).toBeLessThan(200);
		// Incremental: the first tokens came one delay apart, not in one burst at the end.
		expect((arrivals[3] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(40);
		expect(arrivals.length).toBeLessThan(40);
		await waitFor(
			() => server.requests[0]?.disconnectedAt,
			2000,
			() => 'the server saw no disconnect',
		);
	});

	test('an abort during a Retry-After wait rejects at once', async () => {
		server.enqueue({status: 503, retryAfter: '5'});
		const controller = new AbortController();
		const pending = transport({maxRetries: 1}).complete(request, {signal: controller.signal});
		await waitFor(() => server.requests.length === 1);
		const abortedAt = performance.now();
		controller.abort();

		await expect(pending).rejects.toMatchObject({name: 'AbortError'});
		expect(performance.now() - abortedAt).toBeLessThan(200);
	});

	test('an exception thrown by onToken ends the completion unchanged', async () => {
		const failure = new Error('pane closed');
		server.enqueue({text: 'One two three'});
		const error = await rejection(
			transport().complete(request, {
				onToken: () => {
					throw failure;
				},
			}),
		);
		expect(error).toBe(failure);
	});

	test('latency from the server writing a token to onToken receiving it', async () => {
		const count = 200;
		server.enqueue({text: Array.from({length: count}, (_value, index) => `t${index} `), delayMsPerToken: 2});
		const received: number[] = [];
		await transport().complete(request, {onToken: () => received.push(performance.now())});

		const written = server.tokens.filter((token) => token.request === 0).map((token) => token.at);
		expect(written).toHaveLength(count);
		const latencies = received.map((at, index) => at - (written[index] ?? Number.NaN)).sort((a, b) => a - b);
		const median = latencies[Math.floor(latencies.length / 2)] ?? Number.NaN;
		const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN;
		console.log(
			`token latency, server write → onToken: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`,
		);
		expect(median).toBeLessThan(50);
	});
});
