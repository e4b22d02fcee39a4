/**
 * Author jobs through the real engine and store, against a transport that answers from a script:
 * chunks reach the book file once each with their `NEXT:` lines stripped, short chunks are extended,
 * repetitions are retried, hints steer, pause/resume and a crash leftover resume at the right chunk.
 */
import fs from 'node:fs';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {decideHint, decidePause, decideResume, requireJob, type AuthorSpec} from '../../source/core/index.js';
import {withBreaker} from '../../source/llm/breaker.js';
import {
	TransportError,
	type ChatRequest,
	type Completion,
	type Transport,
} from '../../source/llm/transport.js';
import {waitFor} from '../helpers/wait-for.js';
import {addAuthorJob, authorSpec} from './author-helpers.js';
import {cleanUp, engineBoard} from './helpers.js';

afterEach(cleanUp);

const spec = (overrides: Partial<AuthorSpec> = {}): AuthorSpec =>
	authorSpec({chunks: 3, minChars: 40, passes: 2, overlays: ['no_bs'], ...overrides});

/** A transport answering each request with the next text of `answers` (or `answer(request)`). */
function scriptTransport(answer: (request: ChatRequest, call: number) => string | Error, delayMs = 0) {
	const requests: ChatRequest[] = [];
	const transport: Transport = {
		name: 'script',
		async complete(request, options): Promise<Completion> {
			requests.push(request);
			const text = answer(request, requests.length);
			if (text instanceof Error) {
				throw text;
			}

			for (const word of text.split(/(?<= )/)) {
				if (options?.signal?.aborted) {
					const error = new Error('aborted');
					error.name = 'AbortError';
					throw error;
				}

				options?.onToken?.(word);
				if (delayMs > 0) {
					await new Promise((resolve) => setTimeout(resolve, delayMs));
				}
			}

			return {text, usage: {promptTokens: 10, completionTokens: 5, estimated: false}, model: 'script-1'};
		},
	};
	return {transport, requests};
}

/** A board whose engine uses `transport` as `script`; `add` adds an author job. */
function authorBoard(transport: Transport, config: Record<string, unknown> = {}) {
	const breaker = withBreaker(transport, {failures: 3, resetMs: 60_000});
	const board = engineBoard({
		config: {scheduler: {concurrency: 1}, ...config},
		engine: {transports: {default: 'script', names: ['script'], get: () => breaker, shutdown() {}}},
	});
	const add = (overrides: Partial<AuthorSpec> = {}) => addAuthorJob(board.store, spec(overrides));

	const book = (id: string) => fs.readFileSync(path.join(board.home, 'jobs', id, 'out.md'), 'utf8');
	return {...board, add, book};
}

const lastUser = (request: ChatRequest) => request.messages.at(-1)!.content;

describe('author jobs', () => {
	it('writes every chunk once, strips NEXT: lines, records each commit point and finishes', async () => {
		const {transport} = scriptTransport(
			(_request, call) =>
				`# Part ${call}\n\nThe tide number ${call} rises over the flats and falls again.\nNEXT: part ${call + 1}\n`,
		);
		const board = authorBoard(transport);
		const id = board.add();
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'done', 10_000);

		const text = board.book(id);
		expect(text).not.toMatch(/NEXT:/);
		expect(text.match(/# Part \d/g)).toEqual(['# Part 1', '# Part 2', '# Part 3']);
		const chunks = board.store.readEvents(id).filter((event) => event.type === 'chunk.completed');
		expect(chunks.map((event) => event.data)).toMatchObject([
			{n: 1, next: 'part 2'},
			{n: 2, next: 'part 3'},
			{n: 3, next: 'part 4'},
		]);
		const last = chunks.at(-1)!.data as {endOffset: number};
		expect(last.endOffset).toBe(Buffer.byteLength(text));
		expect(board.job(id).author).toMatchObject({chunks: 3, endOffset: Buffer.byteLength(text)});
		expect(board.job(id).cost.tokens).toBe(45);

		const manifest = JSON.parse(fs.readFileSync(path.join(board.home, 'jobs', id, 'manifest.json'), 'utf8'));
		expect(manifest.system).toMatch(/tides/);
		expect(Object.keys(manifest.directives)).toEqual(expect.arrayContaining(['base/book', 'overlays/no_bs']));
		expect(manifest.directives['base/book']).toMatch(/^[\da-f]{64}$/);
	});

	it('continues from the anchor and the model hint, and a person hint wins', async () => {
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => {
			release = resolve;
		});
		const {transport, requests} = scriptTransport(
			(_request, call) =>
				`Paragraph ${call} about currents and the pull of the moon on water.\nNEXT: model idea ${call}\n`,
		);
		const gated: Transport = {
			name: 'script',
			async complete(request, options) {
				const completion = await transport.complete(request, options);
				if (requests.length === 1) {
					await gate;
				}

				return completion;
			},
		};
		const board = authorBoard(gated);
		const id = board.add();
		await board.engine.start();
		await waitFor(() => requests.length === 1, 5000);
		await board.store.transact(
			id,
			(state) => decideHint(requireJob(state, id), 'cover rip currents'),
			'test',
		);
		release();
		await waitFor(() => board.job(id).status === 'done', 10_000);

		expect(lastUser(requests[1]!)).toMatch(/cover rip currents/);
		expect(lastUser(requests[1]!)).not.toMatch(/model idea 1/);
		expect(lastUser(requests[1]!)).toMatch(/pull of the moon on water/);
		expect(lastUser(requests[2]!)).toMatch(/model idea 2/);
		expect(board.job(id).author!.hints).toEqual([]);
	});

	it('extends a short chunk with the chunk so far as the model answer', async () => {
		const {transport, requests} = scriptTransport((request) =>
			request.messages.some((message) => message.role === 'assistant')
				? 'And then the water came back, slowly and steadily, over the sand.\nNEXT: more\n'
				: 'Too short.\nNEXT: more\n',
		);
		const board = authorBoard(transport);
		const id = board.add({chunks: 1});
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'done', 10_000);

		expect(requests).toHaveLength(2);
		expect(requests[1]!.messages.at(-2)).toEqual({role: 'assistant', content: 'Too short.'});
		expect(board.book(id)).toMatch(/^Too short\.\n\nAnd then the water came back/);
	});

	it('retries a chunk that repeats the recent text once, and records it', async () => {
		const same = 'The sea rolls in over the grey flats every single evening without fail.\nNEXT: again\n';
		const {transport, requests} = scriptTransport((request, call) =>
			call === 1
				? same
				: /last response repeated/i.test(lastUser(request))
					? 'Fishermen read the tables before dawn and plan their day around slack water.\nNEXT: boats\n'
					: same,
		);
		const board = authorBoard(transport);
		const id = board.add({chunks: 2});
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'done', 10_000);

		const repetitions = board.store.readEvents(id).filter((event) => event.type === 'chunk.repetition');
		expect(repetitions.map((event) => event.data)).toMatchObject([{n: 2, action: 'retried'}]);
		expect(board.book(id)).toMatch(/Fishermen read the tables/);
		expect(board.book(id).match(/The sea rolls in/g)).toHaveLength(1);
		expect(requests).toHaveLength(3);
	});

	it('pauses mid-book, keeps what was written, and resumes at the next chunk', async () => {
		const {transport} = scriptTransport(
			(_request, call) => `Chunk text ${call} with enough words to pass the minimum length.\nNEXT: on\n`,
			20,
		);
		const board = authorBoard(transport);
		const id = board.add({chunks: 4});
		await board.engine.start();
		await waitFor(() => (board.job(id).author?.chunks ?? 0) >= 1, 10_000);
		await board.store.transact(id, (state) => decidePause(requireJob(state, id)), 'test');
		board.engine.poke();
		await waitFor(() => board.job(id).status === 'blocked', 10_000);
		expect(board.job(id).reason).toBe('paused');
		const written = board.job(id).author!.chunks;
		expect(written).toBeGreaterThanOrEqual(1);
		expect(written).toBeLessThan(4);

		await board.store.transact(id, (state) => decideResume(requireJob(state, id)), 'test');
		board.engine.poke();
		await waitFor(() => board.job(id).status === 'done', 10_000);
		const numbers = board.store
			.readEvents(id)
			.filter((event) => event.type === 'chunk.completed')
			.map((event) => (event.data as {n: number}).n);
		expect(numbers).toEqual([1, 2, 3, 4]);
		expect(board.book(id).match(/Chunk text/g)).toHaveLength(4);
	});

	it('cuts back bytes a crash left past the last recorded chunk instead of writing a chunk twice', async () => {
		const {transport} = scriptTransport(
			(_request, call) => `Recorded chunk ${call}, a sentence long enough.\nNEXT: x\n`,
			20,
		);
		const board = authorBoard(transport);
		const id = board.add({chunks: 3});
		await board.engine.start();
		await waitFor(() => (board.job(id).author?.chunks ?? 0) >= 1, 10_000);
		await board.store.transact(id, (state) => decidePause(requireJob(state, id)), 'test');
		board.engine.poke();
		await waitFor(() => board.job(id).status === 'blocked', 10_000);
		// A chunk written and fsynced by a process that died before recording it.
		fs.appendFileSync(path.join(board.home, 'jobs', id, 'out.md'), '\n\nHalf of a chunk nobody recorded');
		await board.store.transact(id, (state) => decideResume(requireJob(state, id)), 'test');
		board.engine.poke();
		await waitFor(() => board.job(id).status === 'done', 10_000);
		expect(board.book(id)).not.toMatch(/nobody recorded/);
		expect(board.book(id).match(/Recorded chunk/g)).toHaveLength(3);
	});

	it('refuses to write over a file it did not write', async () => {
		const {transport, requests} = scriptTransport(() => 'never');
		const board = authorBoard(transport);
		fs.writeFileSync(path.join(path.dirname(board.home), 'notes.md'), 'my own notes');
		const id = board.add({out: 'notes.md'});
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'blocked', 10_000);
		expect(board.job(id).reason).toMatch(/already exists and is not this job's/);
		expect(fs.readFileSync(path.join(path.dirname(board.home), 'notes.md'), 'utf8')).toBe('my own notes');
		expect(requests).toHaveLength(0);
	});

	it('blocks the job with the reason when the transport fails for good', async () => {
		const {transport} = scriptTransport(
			() => new TransportError('bad_request', 'unknown model "nope"', {transport: 'script', status: 404}),
		);
		const board = authorBoard(transport);
		const id = board.add();
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'blocked', 10_000);
		expect(board.job(id).reason).toMatch(/unknown model "nope"/);
		expect(board.job(id).runs.at(-1)).toMatchObject({state: 'exited', exitCode: 1});
	});

	it('refuses an unknown overlay before anything is sent', async () => {
		const {transport, requests} = scriptTransport(() => 'never');
		const board = authorBoard(transport);
		const id = board.add({overlays: ['no-such-overlay']});
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'blocked', 10_000);
		expect(board.job(id).reason).toMatch(/no-such-overlay/);
		expect(requests).toHaveLength(0);
	});

	it('a viewer tails the run into a pane, word-wrapped like the running process shows it', async () => {
		const sentence = 'Water climbs the shingle twice a day while the patient moon keeps its appointment. ';
		const {transport} = scriptTransport(() => `${sentence.repeat(12)}\nNEXT: on\n`, 5);
		const board = authorBoard(transport);
		const viewer = engineBoard({home: board.home, config: {scheduler: {concurrency: 1}}});
		const id = board.add({chunks: 1});
		await board.engine.start();
		expect(await viewer.engine.start()).toBe('viewer');
		const pane = await waitFor(
			() => viewer.engine.panes.getPanes().find((candidate) => candidate.jobId === id),
			10_000,
		);
		await waitFor(() => board.job(id).status === 'done', 10_000);
		await waitFor(
			() => pane.exitCode !== undefined || viewer.engine.panes.getPanes()[0]?.exitCode === 0,
			10_000,
		);
		const rows = pane.screen.getRows().map((row) => stripVTControlCharacters(row).trimEnd());
		const words = new Set(sentence.trim().split(/\s+/));
		const body = rows.filter((row) => row !== '' && !row.startsWith('──'));
		expect(body.length).toBeGreaterThan(2);
		// Every row starts and ends on a whole word: the terminal never cut one in two.
		for (const row of body) {
			expect(words.has(row.split(' ')[0]!), row).toBe(true);
			expect(words.has(row.split(' ').at(-1)!), row).toBe(true);
		}
	});

	it('stops before a chunk once its budget is spent, keeping what was written', async () => {
		const {transport, requests} = scriptTransport(
			(_request, call) => `Chunk ${call} of text long enough.\nNEXT: on\n`,
		);
		// Each request reports 15 tokens: after two chunks the job's 25-token budget is spent.
		const board = authorBoard(transport, {budget: {perJob: {tokens: 25}}});
		const id = board.add({chunks: 4, minChars: 10});
		await board.engine.start();
		await waitFor(() => board.job(id).status === 'blocked', 10_000);
		expect(board.job(id).reason).toMatch(/paused before chunk 3: job budget/);
		expect(board.job(id).author!.chunks).toBe(2);
		expect(requests).toHaveLength(2);
	});

	it('resume after a pause with a queued hint uses it', async () => {
		const {transport, requests} = scriptTransport(
			(_request, call) => `Text ${call} that is long enough to count.\nNEXT: n${call}\n`,
		);
		const board = authorBoard(transport);
		const id = board.add({chunks: 2});
		await board.store.transact(id, (state) => decidePause(requireJob(state, id)), 'test');
		await board.store.transact(
			id,
			(state) => decideHint(requireJob(state, id), 'begin with estuaries'),
			'test',
		);
		await board.engine.start();
		await board.store.transact(id, (state) => decideResume(requireJob(state, id)), 'test');
		board.engine.poke();
		await waitFor(() => board.job(id).status === 'done', 10_000);
		expect(lastUser(requests[0]!)).toMatch(/estuaries/);
	});
});
