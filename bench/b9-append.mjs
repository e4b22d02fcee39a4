#!/usr/bin/env node
// B9: appends per second of 257-byte events (the line with its `\n`), one writer, for each
// `store.fsync` mode: `never`, `batch` (group commit), `always`. Measured twice: the bare log
// (`EventLog.append`: serialise, check, one `stat` and one write, on a descriptor kept open in a
// `DescriptorCache` as a store's logs are) and the store (`JobStore.append`: also stamps ids and
// folds the event back in). Appends run in slices of 64 per event-loop turn, as an engine's would,
// so the group commit's timer and syncs run between them; the time includes the final sync.
// Needs a built dist/ (`npm run build`). Prints a table and appends one JSON line to
// bench/results/b9-append.jsonl.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setImmediate as turn} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {jobCreatedData} from './job-created.mjs';
import {DescriptorCache} from '../dist/store/descriptors.js';
import {EventLog} from '../dist/store/event-log.js';
import {JobStore} from '../dist/store/job-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const lineBytes = 257;
const secondsPerRun = Number(process.env.B9_SECONDS ?? 2);
const slice = 64;

/** A `job.message` event whose JSON line (with `\n`) is exactly {@link lineBytes} bytes. */
function eventOfSize(jobId, n) {
	const base = {
		id: `E${String(n).padStart(10, '0')}`,
		v: 1,
		type: 'job.message',
		jobId,
		at: new Date().toISOString(),
		by: 'bench',
		data: {from: 'bench', text: ''},
	};
	const text = 'x'.repeat(lineBytes - 1 - Buffer.byteLength(JSON.stringify(base)));
	return {...base, data: {from: 'bench', text}};
}

function draftOfSize(jobId) {
	const event = eventOfSize(jobId, 0);
	// The store stamps a 26-character ULID where the bare event has an 11-character id, and its own `at` and `by`.
	return {type: 'job.message', data: {from: 'bench', text: event.data.text.slice(0, -15)}};
}

async function run(label, append, done) {
	let count = 0;
	const started = performance.now();
	const until = started + secondsPerRun * 1000;
	while (performance.now() < until) {
		for (let i = 0; i < slice; i++) {
			append(count++);
		}

		await turn();
	}

	await done();
	const seconds = (performance.now() - started) / 1000;
	return {label, events: count, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(count / seconds)};
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-b9-'));
const results = [];
try {
	for (const mode of ['never', 'batch', 'always']) {
		const file = path.join(folder, `${mode}.jsonl`);
		const descriptors = new DescriptorCache();
		const log = new EventLog(file, {jobId: 'J1', fsync: mode, descriptors});
		const sample = eventOfSize('J1', 0);
		const bytes = Buffer.byteLength(JSON.stringify(sample)) + 1;
		const template = JSON.stringify(sample);
		results.push({
			api: 'EventLog.append',
			mode,
			...(await run(
				`EventLog ${mode}`,
				(n) => log.append([{...JSON.parse(template), id: `E${String(n).padStart(10, '0')}`}]),
				async () => {
					await log.flushed();
					descriptors.close();
				},
			)),
			lineBytes: bytes,
		});

		const soonFile = path.join(folder, `${mode}-soon.jsonl`);
		const soonDescriptors = new DescriptorCache();
		const soonLog = new EventLog(soonFile, {jobId: 'J1', fsync: mode, descriptors: soonDescriptors});
		// Batches are written and settled in order: the last promise resolved means all did (a rejection crashes the run).
		let last;
		results.push({
			api: 'EventLog.appendSoon',
			mode,
			...(await run(
				`EventLog ${mode} soon`,
				(n) => {
					last = soonLog.appendSoon([{...JSON.parse(template), id: `E${String(n).padStart(10, '0')}`}]);
				},
				async () => {
					await last;
					await soonLog.flushed();
					soonDescriptors.close();
				},
			)),
			lineBytes: bytes,
		});

		for (const soon of [false, true]) {
			results.push(await storeRun(mode, soon));
		}
	}
} finally {
	fs.rmSync(folder, {recursive: true, force: true});
}

/** The store's run: `JobStore.append`, or `appendSoon` (awaited per turn, as an engine would). */
async function storeRun(mode, soon) {
	const root = path.join(folder, `store-${mode}${soon ? '-soon' : ''}`);
	const store = JobStore.open(root, {watch: false, fsync: mode});
	const jobId = 'BENCHJOB';
	store.append(
		jobId,
		[
			{
				type: 'job.created',
				data: jobCreatedData('bench', 'inbox'),
			},
		],
		'bench',
	);
	const draft = draftOfSize(jobId);
	const [written] = store.append(jobId, [draft], 'bench');
	const storeBytes = Buffer.byteLength(JSON.stringify(written)) + 1;
	// A job's message list is copied by every message folded (core/reduce.ts), so the store runs use a fresh job per 2,000 events.
	let current = jobId;
	let last;
	return {
		api: soon ? 'JobStore.appendSoon' : 'JobStore.append',
		mode,
		...(await run(
			`JobStore ${mode}${soon ? ' soon' : ''}`,
			(n) => {
				if (n % 2000 === 0) {
					current = `BENCH${n}`;
					store.append(
						current,
						[
							{
								type: 'job.created',
								data: jobCreatedData('bench', 'inbox'),
							},
						],
						'bench',
					);
				}

				if (soon) {
					last = store.appendSoon(current, [draft], 'bench');
				} else {
					store.append(current, [draft], 'bench');
				}
			},
			async () => {
				await last;
				await store.close();
			},
		)),
		lineBytes: storeBytes,
	};
}

const record = {
	bench: 'B9',
	date: new Date().toISOString(),
	node: process.version,
	cpus: os.cpus().length,
	cpu: os.cpus()[0]?.model,
	secondsPerRun,
	results,
};
console.log(
	`B9 append throughput (node ${process.version}, ${os.cpus().length} cores, ${secondsPerRun} s per run)`,
);
for (const r of results) {
	console.log(
		`  ${r.api.padEnd(19)} fsync=${r.mode.padEnd(6)} ${String(r.perSecond).padStart(8)} events/s  (${r.events} events of ${r.lineBytes} B in ${r.seconds} s)`,
	);
}

fs.mkdirSync(path.join(here, 'results'), {recursive: true});
fs.appendFileSync(path.join(here, 'results', 'b9-append.jsonl'), `${JSON.stringify(record)}\n`);
