#!/usr/bin/env node
/**
 * `npm run bench`: B1–B13 of BENCHMARKS.md one after another (each bounded; see bench/README.md), then
 * one table: what, target, measured, met. B7–B9 are the store's benchmarks (`npm run bench:store`),
 * run here too. Every script appends its figures to `bench/results/<id>.jsonl`.
 *
 *   node bench/run-all.mjs [B1 B4 …]     only these
 *   node bench/run-all.mjs --table       no runs: the table of the newest records
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {benchDir, machine, needBuild, readJsonLines} from './lib/common.mjs';

needBuild();
const suite = [
	['B1', 'b1-startup.mjs', 'b1.jsonl'],
	['B2', 'b2-frame.mjs', 'b2.jsonl'],
	['B3', 'b3-input.mjs', 'b3.jsonl'],
	['B4', 'b4-output.mjs', 'b4.jsonl'],
	['B5', 'b5-flood.mjs', 'b5.jsonl'],
	['B6', 'b6-ingest.mjs', 'b6.jsonl'],
	['B7', 'b7-latency.mjs', 'b7-latency.jsonl'],
	['B8', 'b8-replay.mjs', 'b8-replay.jsonl'],
	['B9', 'b9-append.mjs', 'b9-append.jsonl'],
	['B10', 'b10-idle.mjs', 'b10.jsonl'],
	['B11', 'b11-many.mjs', 'b11.jsonl'],
	['B12', 'b12-spawn.mjs', 'b12.jsonl'],
	['B13', 'b13-bytes.mjs', 'b13.jsonl'],
];
const tableOnly = process.argv.includes('--table');
const only = process.argv
	.slice(2)
	.filter((argument) => argument !== '--table')
	.map((id) => id.toUpperCase());
const started = tableOnly ? '' : new Date().toISOString();
for (const [id, script] of suite) {
	if (tableOnly || (only.length > 0 && !only.includes(id))) continue;
	console.log(`\n== ${id} (${script})`);
	const run = spawnSync(process.execPath, [path.join(benchDir, script)], {
		stdio: 'inherit',
		timeout: 30 * 60 * 1000,
	});
	if (run.status !== 0) console.log(`${id}: failed (exit ${run.status ?? run.signal})`);
}

/** The newest record of `file` written by this run. */
function latest(file) {
	const records = readJsonLines(path.join(benchDir, 'results', file));
	const record = records.at(-1);
	return record && (record.date ?? '') >= started ? record : undefined;
}

const b9 = (record, label) => record?.results?.find((r) => r.label === label)?.perSecond;
const measured = {
	B1: (r) => [
		`npx ${r.results['xsarena-npx']?.medianMs} ms median (node ${r.results['xsarena-node']?.medianMs}, tmux floor ${r.results['calib-bash']?.medianMs})`,
		r.met,
	],
	B2: (r) => [
		`${r.results['production-dirty-surface'].commit.median} / ${r.results['production-dirty-surface'].commit.p95} ms (Ink drawing the panes: ${r.results['production-dirty-ink'].commit.median} / ${r.results['production-dirty-ink'].commit.p95})`,
		r.met,
	],
	B3: (r) => [`${r.latencyMs.p95} / ${r.latencyMs.p99} ms`, r.met],
	B4: (r) => [`p95 ${r.p95Ms} ms`, r.met],
	B5: (r) => [
		`+${r.rssMiB.growth} MiB (${r.rssMiB.slopeMiBPerMin} MiB/min); input p95 ${r.latencyMs.p95} ms; quiet panes ${r.quietPanesUpdate ? 'yes' : 'no'}`,
		r.met,
	],
	B6: (r) => [
		Object.values(r.results)
			.map((x) => x.paneMBps)
			.join(' / ') + ' MB/s',
		r.met,
	],
	B7: (r) => [
		`p95 ${r.p95ms} ms; missed ${r.missed}, doubled ${r.doubled}`,
		r.p95ms <= 100 && r.missed === 0 && r.doubled === 0,
	],
	B8: (r) => [
		`${(r.noSnapshots.ms / 1000).toFixed(2)} s (${r.noSnapshots.mbPerSecond} MB/s); ${Math.round(r.fromSnapshots.ms)} ms from snapshots`,
		r.noSnapshots.ms <= 2000 && r.fromSnapshots.ms <= 100,
	],
	B9: (r) => [
		`appendSoon ${b9(r, 'EventLog never soon')} /s never, ${b9(r, 'EventLog batch soon')} /s batch; append ${b9(r, 'EventLog never')} / ${b9(r, 'EventLog batch')} /s`,
		b9(r, 'EventLog never soon') >= 200_000 && b9(r, 'EventLog batch soon') >= 50_000,
	],
	B10: (r) => [`${r.cpuPct} %`, r.met],
	B11: (r) => [`${r.cpuPct} % CPU, frame p95 ${r.profile.frameP95Ms} ms, ${r.peakMiB} MiB`, r.met],
	B12: (r) => [`${r.spawnMs.median} ms per spawn; fds ${r.fds.baseline} → ${r.fds.afterOneSecond}`, r.met],
	B13: (r) => [`${r.kibPerSecond} KiB/s`, r.met],
};
const targets = {
	B1: '≤ 250 ms',
	B2: '≤ 12 / 20 ms',
	B3: '≤ 60 / 120 ms',
	B4: '≤ 80 ms',
	B5: '≤ +150 MiB, flat; ≤ 100 ms; yes',
	B6: '≥ 30 / 15 / 40 MB/s',
	B7: '≤ 100 ms; 0; 0',
	B8: '≤ 2 s; ≤ 100 ms',
	B9: '≥ 200 k/s; ≥ 50 k/s',
	B10: '≤ 0.5 %',
	B11: '≤ 150 %, ≤ 33 ms, ≤ 1 GiB',
	B12: '≤ 20 ms; baseline',
	B13: '≤ 200 KiB/s',
};
const info = machine();
console.log(`\n| ID | target | measured | met |\n|---|---|---|---|`);
for (const [id, , file] of suite) {
	if (only.length > 0 && !only.includes(id)) continue;
	const record = latest(file);
	const [text, met] = record ? measured[id](record) : ['not run / failed', false];
	console.log(`| ${id} | ${targets[id]} | ${text} | ${record ? (met ? 'yes' : 'no') : '–'} |`);
}

console.log(
	`\nnode ${info.node}, ${info.cores} cores, load now ${info.load.join(' ')}; results in bench/results/`,
);
fs.mkdirSync(path.join(benchDir, 'results'), {recursive: true});
