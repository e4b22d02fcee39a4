#!/usr/bin/env node
// B8: how long a store takes to open a big board. 1,000 jobs × 1,000 events (1 M events, ~250 MB
// of logs) are written once; then a fresh process opens the store (a) with no snapshots: every log
// is read and folded from byte 0 (time and MB/s), and (b) from the `job.json` snapshots written by a
// previous store (each log is only checked at the snapshot's offset). The logs stay in the OS page
// cache between runs (dropping it needs root): "cold" means a fresh process and no snapshot.
//
// The event mix is a run's: claimed, started, then output, activity, cost and chunk events, and a
// message every 100th event (a message copies the job's message list when folded, so a log of
// nothing but messages folds in quadratic time; see core/reduce.ts).
// Needs a built dist/ (`npm run build`). Appends one JSON line to bench/results/b8-replay.jsonl.
// Options (environment): B8_JOBS (1000), B8_EVENTS (1000 per job), B8_KEEP=1 keeps the folder.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {jobCreatedData} from './job-created.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--open') {
	// Child: open the store at argv[3] once and report the time, the jobs and the events folded.
	const {JobStore} = await import('../dist/store/job-store.js');
	const started = performance.now();
	const store = JobStore.open(process.argv[3], {
		watch: false,
		snapshotMinBytes: process.argv[4] === 'snapshot' ? 0 : 8192,
	});
	const ms = performance.now() - started;
	const {board, warnings} = store.getSnapshot();
	let events = 0;
	for (const job of board.jobs.values()) {
		events += job.eventCount;
	}

	const rss = process.memoryUsage().rss;
	// Writing the snapshots is what `close` does with snapshotMinBytes 0; it is not part of the timing.
	await store.close();
	process.stdout.write(
		JSON.stringify({
			ms,
			jobs: board.jobs.size,
			events,
			warnings: warnings.length,
			rssMB: Math.round(rss / 1e6),
		}),
	);
	process.exit(0);
}

const jobs = Number(process.env.B8_JOBS ?? 1000);
const perJob = Number(process.env.B8_EVENTS ?? 1000);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-b8-'));
const root = path.join(folder, '.xsarena');
const activities = ['busy', 'waiting', 'idle', 'busy'];
const pad = 'p'.repeat(60);

/** The lines of one job's log: a job created and claimed, a run started, then a run's chatter. */
function jobLog(jobId, t0) {
	const lines = [];
	let n = 0;
	const at = () => new Date(t0 + n * 1000).toISOString();
	const push = (type, data) => {
		lines.push(
			JSON.stringify({
				id: `${jobId}-${String(n).padStart(6, '0')}`,
				v: 1,
				type,
				jobId,
				at: at(),
				by: `engine:bench-${pad}`,
				data,
			}),
		);
		n++;
	};

	push('job.created', {...jobCreatedData(`job ${jobId}`), description: 'a job of the replay benchmark'});
	push('job.claimed', {run: 1, by: 'engine:bench', agent: 'shell'});
	push('run.started', {
		run: 1,
		pid: 4242,
		agent: 'shell',
		command: ['bash', '-lc', 'make test'],
		cwd: '/work/project',
	});
	while (n < perJob) {
		const k = n % 100;
		if (k === 0) {
			push('job.message', {
				from: 'agent',
				text: `progress report ${n}: all good so far, continuing with the next step of the plan`,
			});
		} else if (k % 4 === 1) {
			push('run.output', {run: 1, bytes: n * 512});
		} else if (k % 4 === 2) {
			push('run.state_changed', {run: 1, from: activities[(k + 3) % 4], to: activities[k % 4]});
		} else if (k % 4 === 3) {
			push('job.cost', {tokens: 1200, usd: 0.0042});
		} else {
			push('chunk.completed', {n, chars: 4000, tokens: 1000});
		}
	}

	return `${lines.join('\n')}\n`;
}

function open(mode) {
	const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--open', root, mode], {
		encoding: 'utf8',
		maxBuffer: 1e6,
	});
	return JSON.parse(output);
}

try {
	// Write the board.
	const writeStarted = performance.now();
	let bytes = 0;
	const t0 = Date.parse('2026-11-01T00:00:00.000Z');
	for (let j = 0; j < jobs; j++) {
		const jobId = `B8JOB${String(j).padStart(5, '0')}`;
		const dir = path.join(root, 'jobs', jobId);
		fs.mkdirSync(dir, {recursive: true});
		const text = jobLog(jobId, t0 + j * 1000);
		bytes += Buffer.byteLength(text);
		fs.writeFileSync(path.join(dir, 'events.jsonl'), text);
	}

	const mb = bytes / 1e6;
	console.log(
		`B8: wrote ${jobs} jobs × ${perJob} events = ${(jobs * perJob).toLocaleString('en')} events, ${mb.toFixed(0)} MB (${(bytes / jobs / perJob).toFixed(0)} B per line) in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`,
	);
	// (a) no snapshots: everything is read and folded. The store writes the snapshots when it closes.
	const cold = open('snapshot');
	console.log(
		`  no snapshots:   ${(cold.ms / 1000).toFixed(2)} s, ${(mb / (cold.ms / 1000)).toFixed(0)} MB/s, ${Math.round((cold.events / cold.ms) * 1000).toLocaleString('en')} events/s; ${cold.jobs} jobs, ${cold.events} events, ${cold.warnings} warnings, RSS ${cold.rssMB} MB`,
	);
	const snapshots = fs
		.readdirSync(path.join(root, 'jobs'))
		.filter((id) => fs.existsSync(path.join(root, 'jobs', id, 'job.json'))).length;
	// (b) from the snapshots.
	const warm = open('plain');
	console.log(
		`  from snapshots: ${(warm.ms / 1000).toFixed(3)} s (${snapshots} snapshots); ${warm.jobs} jobs, ${warm.events} events, RSS ${warm.rssMB} MB`,
	);
	const record = {
		bench: 'B8',
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		jobs,
		eventsPerJob: perJob,
		mb: Number(mb.toFixed(1)),
		noSnapshots: {...cold, mbPerSecond: Number((mb / (cold.ms / 1000)).toFixed(1))},
		fromSnapshots: {...warm, snapshots},
	};
	fs.mkdirSync(path.join(here, 'results'), {recursive: true});
	fs.appendFileSync(path.join(here, 'results', 'b8-replay.jsonl'), `${JSON.stringify(record)}\n`);
} finally {
	if (process.env.B8_KEEP !== '1') {
		fs.rmSync(folder, {recursive: true, force: true});
	}
}
