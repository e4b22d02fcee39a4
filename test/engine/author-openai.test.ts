/**
 * Author jobs through the engine against a real HTTP server speaking the OpenAI chat-completions
 * protocol (server-sent events): a stream cut mid-chunk is retried without a duplicated chunk, a burst
 * of 500s opens the circuit breaker and the job waits for the half-open try, a slow stream shows in
 * the pane token by token.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {AuthorSpec} from '../../source/core/index.js';
import {startOpenAiServer, type OpenAiTestServer} from '../helpers/openai-server.js';
import {waitFor} from '../helpers/wait-for.js';
import {addAuthorJob, authorSpec} from './author-helpers.js';
import {cleanUp, cleanups, engineBoard} from './helpers.js';

afterEach(cleanUp);

const spec = (overrides: Partial<AuthorSpec> = {}): AuthorSpec =>
	authorSpec({transport: 'local', ...overrides});

async function server(): Promise<OpenAiTestServer> {
	const started = await startOpenAiServer();
	cleanups.push(async () => started.close());
	return started;
}

/** A board whose `local` transport is the test server, with quick retries and a 3-failure breaker. */
function board(baseURL: string, resetMs = 60_000) {
	const made = engineBoard({
		config: {
			scheduler: {concurrency: 1},
			authoring: {attempts: 3, retryDelay: 20},
			transports: {
				default: 'local',
				local: {
					type: 'openai',
					baseURL,
					model: 'test-model',
					maxRetries: 0,
					breaker: {failures: 3, reset: resetMs},
				},
			},
		},
	});
	const add = (overrides: Partial<AuthorSpec> = {}) => addAuthorJob(made.store, spec(overrides));

	const book = (id: string) => fs.readFileSync(path.join(made.home, 'jobs', id, 'out.md'), 'utf8');
	return {...made, add, book};
}

describe('author jobs against an OpenAI-compatible server', () => {
	it('retries a stream cut in the middle of a chunk and writes the chunk once', async () => {
		const endpoint = await server();
		endpoint.enqueue(
			{text: 'First chunk about the tides and their rhythm.\nNEXT: more', cutAfterTokens: 3},
			{text: 'First chunk about the tides and their rhythm.\nNEXT: the moon'},
			{text: 'Second chunk about the moon and its pull.\nNEXT: end'},
		);
		const {engine, add, job, book, store} = board(endpoint.baseURL);
		const id = add();
		await engine.start();
		await waitFor(() => job(id).status === 'done', 10_000);

		expect(endpoint.requests).toHaveLength(3);
		expect(book(id)).toBe(
			'First chunk about the tides and their rhythm.\n\nSecond chunk about the moon and its pull.\n',
		);
		expect(store.readEvents(id).filter((event) => event.type === 'chunk.completed')).toHaveLength(2);
		// Usage from the server's usage chunk, not an estimate.
		expect(job(id).author).toMatchObject({estimated: false});
		expect(endpoint.requests[0]!.body).toMatchObject({model: 'test-model', stream: true});
	});

	it('a burst of 500s opens the breaker: the job waits with the time of the next try, then goes on', async () => {
		const endpoint = await server();
		endpoint.enqueue({status: 500}, {status: 500}, {status: 500});
		const {engine, add, job, book} = board(endpoint.baseURL, 1500);
		const id = add({chunks: 1});
		await engine.start();
		await waitFor(() => job(id).status === 'blocked', 10_000);
		expect(job(id).reason).toMatch(/circuit open/);
		expect(job(id).until).toBeDefined();
		const requestsWhileOpen = endpoint.requests.length;
		expect(requestsWhileOpen).toBe(3);

		// After the reset the engine wakes the job; the half-open trial succeeds and the book is written.
		await waitFor(() => job(id).status === 'done', 10_000);
		expect(endpoint.requests).toHaveLength(4);
		expect(book(id)).toMatch(/Hello from the test server/);
	});

	it('shows a slow stream token by token in the pane before the chunk completes', async () => {
		const endpoint = await server();
		const words = Array.from({length: 20}, (_, index) => `word${index}`).join(' ');
		endpoint.enqueue({text: `${words}\nNEXT: x`, delayMsPerToken: 40});
		const {engine, add, job} = board(endpoint.baseURL);
		const id = add({chunks: 1});
		await engine.start();
		await waitFor(() => engine.panes.getPanes().length === 1, 5000);
		const screen = engine.panes.getPanes()[0]!.screen;
		const text = () => screen.getRows().join('\n');
		await waitFor(() => text().includes('word3'), 5000);
		expect(text()).not.toContain('word19');
		expect(job(id).author!.chunks).toBe(0);
		await waitFor(() => job(id).status === 'done', 10_000);
		await waitFor(() => text().includes('word19'), 2000);
		expect(text()).not.toContain('NEXT');
	});
});
