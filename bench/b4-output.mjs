#!/usr/bin/env node
/**
 * B4: output-to-screen latency. One agent prints a marker every 200 ms (`workloads/marker.mjs`) in
 * `xsarena watch`; the peers' harness polls `capture-pane` and times each marker from the moment it
 * was printed until a capture shows it (an upper bound: a capture costs ~10–15 ms). Also the same
 * with four flooding siblings (the peers' "under flood" row).
 *
 * Env: B4_SAMPLES (25). Appends to bench/results/b4.jsonl.
 */
import {cliPath, envNumber, needBuild, noteLoad, report, workload} from './lib/common.mjs';
import {harness} from './lib/harness.mjs';

needBuild();
noteLoad('B4');
const samples = envNumber('B4_SAMPLES', 25);
const marker = workload('marker.mjs', 200);
const quote = (command) => `'${command.replace(/'/g, `'\\''`)}'`;
const floods = [1, 2, 3, 4].map((n) => quote(workload('flood.mjs', 0, `flood-${n}`))).join(' ');
const results = {};
for (const [label, command] of [
	['idle', `exec node ${cliPath} watch -- ${quote(marker)}`],
	['flood4', `exec node ${cliPath} watch -- ${quote(marker)} ${floods}`],
]) {
	const result = harness(
		'latency',
		{label: `xsarena-b4-${label}`, ready: 'MK#', samples, 'poll-ms': 5, 'max-s': 120},
		command,
	);
	results[label] = result && {
		medianMs: result.medianMs,
		p90Ms: result.p90Ms,
		maxMs: result.maxMs,
		missed: result.missed.length,
		samplesMs: result.samplesMs,
		captureCostMs: result.captureCostMedianMs,
	};
	console.log(
		`B4 ${label.padEnd(7)} marker → screen median ${result?.medianMs ?? '–'} ms, p90 ${result?.p90Ms ?? '–'}, max ${result?.maxMs ?? '–'} (${result?.missed.length ?? '?'} missed; capture costs ~${result?.captureCostMedianMs ?? '?'} ms)`,
	);
}

const idle = results.idle;
const p95 = idle
	? [...idle.samplesMs].sort((a, b) => a - b)[Math.ceil(0.95 * idle.samplesMs.length) - 1]
	: null;
report(
	'B4',
	{
		workload: `one agent printing a marker every 200 ms (and with 4 flooding siblings), watch, tmux 200x50, ${samples} samples`,
		target: '≤ 80 ms p95 (idle)',
		p95Ms: p95,
		results,
		met: p95 !== null && p95 <= 80,
	},
	`marker → screen p95 ${p95 ?? '–'} ms idle (target ≤ 80), median ${idle?.medianMs ?? '–'}; with 4 flooding siblings median ${results.flood4?.medianMs ?? '–'} / max ${results.flood4?.maxMs ?? '–'} ms`,
);
