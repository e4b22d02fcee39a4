import {performance} from 'node:perf_hooks';
import {afterEach, describe, expect, test} from 'vitest';
import {withBreaker, type BreakerStatus, type BreakerTransport} from '../../source/llm/breaker.js';
import {createOpenAiTransport} from '../../source/llm/openai.js';
import {
	AbortError,
	TransportError,
	type ChatRequest,
	type Completion,
	type Transport,
	type TransportErrorKind,
} from '../../source/llm/transport.js';
import {startOpenAiServer, type OpenAiTestServer} from '../helpers/openai-server.js';
import {waitFor} from '../helpers/wait-for.js';

const request: ChatRequest = {messages: [{role: 'user', content: 'Subject: breakers'}]};
const completion: Completion = {
	text: 'ok',
	model: 'stub',
	usage: {promptTokens: 1, completionTokens: 1, estimated: true},
};

type Outcome = 'ok' | TransportErrorKind | 'abort' | 'hang';

/** A transport that answers each call with the next outcome (then `ok`), and counts its calls. */
function stub(...outcomes: Outcome[]): Transport & {calls: number; release: () => void} {
	let release = () => {};
	const transport = {
		name: 'stub',
		calls: 0,
		release: () => release(),
		async complete(): Promise<Completion> {
			transport.calls += 1;
			const outcome = outcomes.shift() ?? 'ok';
			if (outcome === 'ok') {
				return completion;
			}

			if (outcome === 'hang') {
				await new Promise<void>((resolve) => {
					release = resolve;
				});
				return completion;
			}

			if (outcome === 'abort') {
				throw new AbortError();
			}

			throw new TransportError(outcome, `stub: ${outcome}`, {transport: 'stub'});
		},
	};
	return transport;
}

const breakers: BreakerTransport[] = [];
function breaker(inner: Transport, failures = 3, resetMs = 200): BreakerTransport {
	const wrapped = withBreaker(inner, {failures, resetMs});
	breakers.push(wrapped);
	return wrapped;
}

afterEach(() => {
	for (const wrapped of breakers.splice(0)) {
		wrapped.shutdown();
	}
});

async function settle(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => 'ok',
		(error: unknown) => (error instanceof TransportError ? error.kind : (error as Error).name),
	);
}

describe('withBreaker', () => {
	test('opens after N consecutive failures, then rejects at once with nextTryAt', async () => {
		const inner = stub('server', 'network', 'cut');
		const wrapped = breaker(inner, 3, 10_000);
		const states: BreakerStatus[] = [];
		wrapped.onStateChange((status) => states.push(status));

		expect(await settle(wrapped.complete(request))).toBe('server');
		expect(await settle(wrapped.complete(request))).toBe('network');
		expect(wrapped.state).toBe('closed');
		expect(await settle(wrapped.complete(request))).toBe('cut');
		expect(wrapped.state).toBe('open');

		const started = Date.now();
		const error = await wrapped.complete(request).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(TransportError);
		expect(error).toMatchObject({kind: 'open', transport: 'stub'});
		const nextTryAt = (error as TransportError).nextTryAt?.getTime() ?? 0;
		expect(nextTryAt).toBeGreaterThanOrEqual(started + 9000);
		expect(nextTryAt).toBeLessThanOrEqual(Date.now() + 10_000);
		expect(inner.calls).toBe(3);
		expect(states.map((status) => status.state)).toEqual(['open']);
		expect(states[0]?.lastError).toMatchObject({kind: 'cut'});
	});

	test('a success in between resets the count', async () => {
		const inner = stub('server', 'server', 'ok', 'server', 'server');
		const wrapped = breaker(inner, 3);
		for (let call = 0; call < 5; call++) {
			await settle(wrapped.complete(request));
		}

		expect(wrapped.state).toBe('closed');
		expect(wrapped.consecutiveFailures).toBe(2);
	});

	test('half-open after resetMs: a successful trial closes it', async () => {
		const inner = stub('server', 'server');
		const wrapped = breaker(inner, 2, 200);
		const states: string[] = [];
		wrapped.onStateChange((status) => states.push(status.state));
		await settle(wrapped.complete(request));
		await settle(wrapped.complete(request));
		const openedAt = performance.now();
		expect(wrapped.state).toBe('open');

		await waitFor(() => wrapped.state === 'half-open', 3000);
		expect(performance.now() - openedAt).toBeGreaterThanOrEqual(190);
		expect(wrapped.nextTryAt).toBeUndefined();
		expect(await settle(wrapped.complete(request))).toBe('ok');
		expect(wrapped.state).toBe('closed');
		expect(states).toEqual(['open', 'half-open', 'closed']);
	});

	test('half-open: a failed trial opens it again, with a new nextTryAt', async () => {
		const inner = stub('server', 'server', 'timeout');
		const wrapped = breaker(inner, 2, 200);
		await settle(wrapped.complete(request));
		await settle(wrapped.complete(request));
		const firstTry = wrapped.nextTryAt?.getTime() ?? 0;
		await waitFor(() => wrapped.state === 'half-open', 3000);

		expect(await settle(wrapped.complete(request))).toBe('timeout');
		expect(wrapped.state).toBe('open');
		expect(wrapped.nextTryAt?.getTime()).toBeGreaterThan(firstTry);
		expect(await settle(wrapped.complete(request))).toBe('open');
		expect(inner.calls).toBe(3);
	});

	test('half-open lets one trial through; others are refused while it runs', async () => {
		const inner = stub('server', 'hang');
		const wrapped = breaker(inner, 1, 200);
		await settle(wrapped.complete(request));
		await waitFor(() => wrapped.state === 'half-open', 3000);

		const trial = wrapped.complete(request);
		const other = await wrapped.complete(request).catch((error: unknown) => error);
		expect(other).toMatchObject({kind: 'open'});
		expect((other as TransportError).message).toContain('trial');
		inner.release();
		await trial;
		expect(wrapped.state).toBe('closed');
	});

	test('auth, bad_request and aborts do not count', async () => {
		const inner = stub('server', 'auth', 'server', 'bad_request', 'abort', 'abort');
		const wrapped = breaker(inner, 2);
		const outcomes = [];
		for (let call = 0; call < 6; call++) {
			outcomes.push(await settle(wrapped.complete(request)));
		}

		expect(outcomes).toEqual(['server', 'auth', 'server', 'bad_request', 'AbortError', 'AbortError']);
		expect(wrapped.state).toBe('closed');
		expect(wrapped.consecutiveFailures).toBe(0);
	});

	test('an abort leaves a run of failures as it was', async () => {
		const inner = stub('server', 'abort', 'server');
		const wrapped = breaker(inner, 2);
		for (let call = 0; call < 3; call++) {
			await settle(wrapped.complete(request));
		}

		expect(wrapped.state).toBe('open');
	});

	test('refuses a bad configuration', () => {
		expect(() => withBreaker(stub(), {failures: 0, resetMs: 100})).toThrow(RangeError);
		expect(() => withBreaker(stub(), {failures: 1, resetMs: 0})).toThrow(RangeError);
	});
});

describe('withBreaker over the openai transport and a real server', () => {
	let server: OpenAiTestServer | undefined;
	afterEach(async () => {
		await server?.close();
	});

	test('a 500 burst opens the breaker; no request reaches the server while it is open', async () => {
		server = await startOpenAiServer();
		server.enqueue(...Array.from({length: 4}, () => ({status: 500, retryAfterMs: '5'})), {text: 'Healed.'});
		const wrapped = breaker(
			createOpenAiTransport({
				name: 'local',
				baseURL: server.baseURL,
				apiKey: 'sk-test',
				model: 'test-model',
				timeoutMs: 5000,
				maxRetries: 1,
			}),
			2,
			300,
		);

		expect(await settle(wrapped.complete(request))).toBe('server');
		expect(await settle(wrapped.complete(request))).toBe('server');
		expect(wrapped.state).toBe('open');
		expect(await settle(wrapped.complete(request))).toBe('open');
		expect(server.requests).toHaveLength(4);

		await waitFor(() => wrapped.state === 'half-open', 3000);
		const healed = await wrapped.complete(request);
		expect(healed.text).toBe('Healed.');
		expect(wrapped.state).toBe('closed');
		expect(server.requests).toHaveLength(5);
	});
});
