#!/usr/bin/env node
// Authoring jobs, measured through the real engine and store (issue 5's closing figures):
//
// (a) Loop overhead per chunk: a book of AUTHOR_CHUNKS chunks on a transport that answers at once
//     (the scripted writer at charsPerSecond 0, ~4.4 k characters a chunk, no short or repeated
//     chunks). Per chunk: wall time from one chunk.completed to the next, minus the time spent inside
//     the transport. What is left is the loop's own work: reading the tail, the anchor, the prompt,
//     NEXT: stripping, the repetition measure, the fsynced append, the events (under the job lock),
//     the pane's terminal.
// (b) Streaming latency: an OpenAI-compatible server on 127.0.0.1 (node:http, server-sent events)
//     streams AUTHOR_TOKENS numbered tokens, one every 20 ms; each is timed from just before the
//     server writes it to the moment the pane's headless terminal shows it (its onChange), through
//     the openai SDK, the breaker, the chunk loop and the word wrapper.
//
// Needs a built dist/ (`npm run build`). Prints median and p95; appends one JSON line to
// bench/results/author.jsonl.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = (file) => import(path.join(here, '..', 'dist', file));
const {configSchema} = await dist('config/config.js');
const {decideCreate, requireJob} = await dist('core/index.js');
const {Engine} = await dist('engine/engine.js');
const {withBreaker} = await dist('llm/breaker.js');
const {createScriptedTransport} = await dist('llm/scripted.js');
const {homePaths} = await dist('store/paths.js');
const {JobStore, newJobId} = await dist('store/job-store.js');

const chunks = Number(process.env.AUTHOR_CHUNKS ?? 40);
const tokens = Number(process.env.AUTHOR_TOKENS ?? 200);

const quantile = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const spec = (overrides) => ({
	subject: 'the measurement of tides',
	template: 'book',
	length: 'standard',
	span: 'bench',
	chunks,
	minChars: 4200,
	passes: 1,
	overlays: ['no_bs'],
	files: [],
	plan: false,
	continuation: 'anchor',
	anchorChars: 1200,
	repetitionThreshold: 0.8,
	repetitionAction: 'continue',
	stallChars: 200,
	...overrides,
});

/** A temporary board with an engine (`options` over the defaults) and one author job (`overrides`). */
function authorBoard(config, overrides, options = {}) {
	const home = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-bench-author-')), '.xsarena');
	const store = JobStore.open(home, {watch: false});
	const engine = new Engine({
		store,
		config: configSchema.parse(config),
		paths: homePaths(home),
		projectDir: path.dirname(home),
		...options,
	});
	const id = newJobId();
	const author = spec(overrides);
	const request = {title: 'bench', description: '', kind: 'author', status: 'ready', priority: 'medium'};
	const job = {...request, agent: author.transport, blockedBy: [], acceptance: [], author};
	store.append(id, decideCreate(store.getSnapshot().board, job), 'bench');
	/** Run the job to its end; its events. */
	const write = async () => {
		await engine.start();
		while (requireJob(store.getSnapshot().board, id).status !== 'done') {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}

		const events = store.readEvents(id);
		await engine.stop();
		await store.close();
		fs.rmSync(path.dirname(home), {recursive: true, force: true});
		return events;
	};

	return {engine, write};
}

// (a) Overhead per chunk.
const inside = [];
const scripted = createScriptedTransport({name: 'instant', charsPerSecond: 0, shortEvery: 0, repeatEvery: 0});
const timed = {
	name: 'instant',
	async complete(request, options) {
		const started = performance.now();
		try {
			return await scripted.complete(request, options);
		} finally {
			inside.push(performance.now() - started);
		}
	},
};
const instant = withBreaker(timed, {failures: 5, resetMs: 30_000});
const events = await authorBoard(
	{},
	{transport: 'instant'},
	{transports: {default: 'instant', names: ['instant'], get: () => instant, shutdown() {}}},
).write();
const completed = events
	.filter((event) => event.type === 'chunk.completed')
	.map((event) => Date.parse(event.at));
const started = Date.parse(events.find((event) => event.type === 'run.started').at);
const walls = completed.map((at, index) => at - (index === 0 ? started : completed[index - 1]));
// One request per chunk here (no short chunks, no repeats): inside[i] belongs to chunk i.
const overhead = walls.map((wall, index) => wall - (inside[index] ?? 0));

// (b) Streaming latency.
const written = new Map();
const server = http.createServer((request, response) => {
	request.resume();
	request.on('end', async () => {
		response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
		const send = (delta, finish) =>
			response.write(
				`data: ${JSON.stringify({
					id: 'bench',
					object: 'chat.completion.chunk',
					created: 0,
					model: 'bench',
					choices: [{index: 0, delta: delta === undefined ? {} : {content: delta}, finish_reason: finish}],
				})}\n\n`,
			);
		for (let index = 0; index < tokens; index++) {
			const token = ` tok${index}x`;
			written.set(`tok${index}x`, performance.now());
			send(token, null);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}

		send('\nNEXT: end', null);
		send(undefined, 'stop');
		response.end('data: [DONE]\n\n');
	});
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;
const seen = new Map();
const config = {
	transports: {default: 'local', local: {type: 'openai', baseURL, model: 'bench', maxRetries: 0}},
};
const streaming = authorBoard(
	config,
	{chunks: 1, minChars: 0, passes: 0, transport: 'local'},
	{initialSize: () => ({cols: 200, rows: 60})},
);
const {engine} = streaming;
let watching = false;
const unsubscribe = engine.panes.subscribe(() => {
	const pane = engine.panes.getPanes()[0];
	if (!pane || watching) {
		return;
	}

	watching = true;
	pane.screen.onChange(() => {
		const now = performance.now();
		for (const row of pane.screen.getRows()) {
			for (const match of row.matchAll(/tok\d+x/g)) {
				if (!seen.has(match[0])) {
					seen.set(match[0], now);
				}
			}
		}
	});
});
await streaming.write();
unsubscribe();
server.close();
const latencies = [...seen].map(([token, at]) => at - written.get(token)).filter((ms) => ms >= 0);

const figures = {
	bench: 'author',
	at: new Date().toISOString(),
	node: process.version,
	chunks,
	overheadMedianMs: quantile(overhead, 0.5),
	overheadP95Ms: quantile(overhead, 0.95),
	modelMedianMs: quantile(inside, 0.5),
	tokens,
	tokensSeen: latencies.length,
	streamMedianMs: quantile(latencies, 0.5),
	streamP95Ms: quantile(latencies, 0.95),
};
const fmt = (ms) => `${ms.toFixed(2)} ms`;
console.log(
	`author loop: ${chunks} chunks; overhead per chunk (outside the model) median ${fmt(figures.overheadMedianMs)}, p95 ${fmt(figures.overheadP95Ms)}; the instant model took ${fmt(figures.modelMedianMs)} a chunk`,
);
console.log(
	`streaming: ${latencies.length}/${tokens} tokens; server write → pane terminal median ${fmt(figures.streamMedianMs)}, p95 ${fmt(figures.streamP95Ms)}`,
);
fs.mkdirSync(path.join(here, 'results'), {recursive: true});
fs.appendFileSync(path.join(here, 'results', 'author.jsonl'), `${JSON.stringify(figures)}\n`);
