#!/usr/bin/env node
// B7: latency from an append in another process to the event being folded in a watching store.
// A writer process appends 10,000 events/s spread over 100 jobs for 10 s (`EventLog.append`, one
// write per event, fsync `never` by default: B7_FSYNC=batch to add group commit; its logs share one
// descriptor cache and one group commit, as a store's do); each event
// carries the wall-clock time (µs) it was appended at. This process opens a watching `JobStore`
// (chokidar + trailing re-read + poll, as the dashboard does) and, on every change it announces,
// measures now − appended for each newly folded event. Reports p50/p95/p99/max, and events missed
// (never folded) or doubled (folded twice).
// Needs a built dist/ (`npm run build`). Appends one JSON line to bench/results/b7-latency.jsonl.
// Options (environment): B7_RATE (10000 events/s), B7_JOBS (100), B7_SECONDS (10), B7_FSYNC (never),
// B7_SYNC_DELAY_MS (5: the writer's group commit delay with B7_FSYNC=batch, the store's default).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setImmediate as turn, setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {jobCreatedData} from './job-created.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rate = Number(process.env.B7_RATE ?? 10_000);
const jobCount = Number(process.env.B7_JOBS ?? 100);
const seconds = Number(process.env.B7_SECONDS ?? 10);
const fsyncMode = process.env.B7_FSYNC ?? 'never';
/** Wall-clock microseconds, comparable between processes (both read the same system clock). */
const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const jobIdOf = (j) => `B7JOB${String(j).padStart(4, '0')}`;

if (process.argv[2] === '--writer') {
	// Child: append `rate` events/s round-robin over the jobs' logs, paced against the clock.
	const {EventLog} = await import('../dist/store/event-log.js');
	const {GroupCommit} = await import('../dist/store/group-commit.js');
	const {DescriptorCache} = await import('../dist/store/descriptors.js');
	const root = process.argv[3];
	// As a store's logs: one descriptor cache and, in batch mode, one group commit shared by all of them.
	const descriptors = new DescriptorCache(128);
	const group =
		fsyncMode === 'batch' ? new GroupCommit({delayMs: Number(process.env.B7_SYNC_DELAY_MS ?? 5)}) : undefined;
	const logs = Array.from(
		{length: jobCount},
		(_, j) =>
			new EventLog(path.join(root, 'jobs', jobIdOf(j), 'events.jsonl'), {
				jobId: jobIdOf(j),
				fsync: fsyncMode,
				group,
				descriptors,
			}),
	);
	const total = rate * seconds;
	const started = performance.now();
	let n = 0;
	let lateMax = 0;
	while (n < total) {
		const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
		lateMax = Math.max(lateMax, due - n);
		for (; n < due; n++) {
			const j = n % jobCount;
			const at = new Date().toISOString();
			logs[j].append([
				{
					id: `W${String(n).padStart(9, '0')}`,
					v: 1,
					type: 'job.message',
					jobId: jobIdOf(j),
					at,
					by: 'b7-writer',
					data: {from: 'b7', text: `${n} ${nowUs()}`},
				},
			]);
		}

		await turn();
	}

	await Promise.all(logs.map(async (log) => log.flushed()));
	descriptors.close();
	process.stdout.write(JSON.stringify({written: n, ms: performance.now() - started, backlogMax: lateMax}));
	process.exit(0);
}

const {JobStore} = await import('../dist/store/job-store.js');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-b7-'));
const root = path.join(folder, '.xsarena');
try {
	// The jobs exist before the measurement starts.
	const setup = JobStore.open(root, {watch: false, fsync: 'never'});
	for (let j = 0; j < jobCount; j++) {
		setup.append(
			jobIdOf(j),
			[
				{
					type: 'job.created',
					data: jobCreatedData(`job ${j}`),
				},
			],
			'b7',
		);
	}

	await setup.close();
	const store = JobStore.open(root, {watch: true});
	await store.ready;
	const seenCount = new Map();
	const seen = new Set();
	let doubled = 0;
	const latencies = [];
	let commits = 0;
	store.subscribe(() => {
		commits++;
		const now = nowUs();
		for (const job of store.getSnapshot().board.jobs.values()) {
			const from = seenCount.get(job.id) ?? 0;
			if (job.messages.length === from) {
				continue;
			}

			for (let i = from; i < job.messages.length; i++) {
				const [n, at] = job.messages[i].text.split(' ');
				if (seen.has(n)) {
					doubled++;
				} else {
					seen.add(n);
					latencies.push(now - Number(at));
				}
			}

			seenCount.set(job.id, job.messages.length);
		}
	});
	const writer = spawn(process.execPath, [fileURLToPath(import.meta.url), '--writer', root], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let output = '';
	writer.stdout.setEncoding('utf8').on('data', (chunk) => {
		output += chunk;
	});
	await new Promise((resolve, reject) => {
		writer.on('error', reject);
		writer.on('close', resolve);
	});
	const report = JSON.parse(output);
	// Let the watcher's trailing re-read and the poll catch up, then count.
	const deadline = Date.now() + 5000;
	while (seen.size < report.written && Date.now() < deadline) {
		await sleep(20);
	}

	await store.close();
	latencies.sort((a, b) => a - b);
	const pick = (q) =>
		latencies.length > 0
			? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] / 1000
			: Number.NaN;
	const result = {
		written: report.written,
		writerSeconds: Number((report.ms / 1000).toFixed(2)),
		writerBacklogMax: report.backlogMax,
		folded: seen.size,
		missed: report.written - seen.size,
		doubled,
		commits,
		p50ms: Number(pick(0.5).toFixed(2)),
		p95ms: Number(pick(0.95).toFixed(2)),
		p99ms: Number(pick(0.99).toFixed(2)),
		maxMs: Number(pick(1).toFixed(2)),
	};
	console.log(
		`B7 append → folded in a watching store (node ${process.version}, ${os.cpus().length} cores): ${rate} events/s over ${jobCount} jobs for ${seconds} s, writer fsync=${fsyncMode}`,
	);
	console.log(
		`  written ${result.written} in ${result.writerSeconds} s (largest backlog ${result.writerBacklogMax}); folded ${result.folded}, missed ${result.missed}, doubled ${result.doubled}; ${result.commits} store commits`,
	);
	console.log(
		`  latency p50 ${result.p50ms} ms, p95 ${result.p95ms} ms, p99 ${result.p99ms} ms, max ${result.maxMs} ms`,
	);
	const record = {
		bench: 'B7',
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		rate,
		jobs: jobCount,
		seconds,
		fsync: fsyncMode,
		...result,
	};
	fs.mkdirSync(path.join(here, 'results'), {recursive: true});
	fs.appendFileSync(path.join(here, 'results', 'b7-latency.jsonl'), `${JSON.stringify(record)}\n`);
} finally {
	fs.rmSync(folder, {recursive: true, force: true});
}
