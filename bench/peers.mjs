#!/usr/bin/env node
/**
 * `npm run bench:peers`: xsarena against the peers (mprocs, ccmanager, concurrently) in one run, with
 * the peers' harness (`../shared/bench/peers/tmuxbench.mjs`, tmux 200×50) and the same experiments as
 * its `run-peers.sh`: startup, CPU / drain / memory with 4 flooding children, memory growth over
 * GROWTH_S (60) s, marker latency idle and with 4 flooding siblings. xsarena runs as
 * `xsarena watch -- …`, one pane per child, all of them drawn. Prints the peer table with xsarena's
 * column and the ratio xsarena/peer per row, and keeps every result in
 * `bench/results/peers-<time>.jsonl`.
 *
 * The peers are run when installed under PEERS_DIR (default /tmp/peers; `../shared/bench/peers/
 * setup-peers.sh` installs them, it needs the npm registry). Env: PEERS (default "mprocs ccmanager
 * concurrently"), GROWTH_S (60), EXPERIMENTS (default "startup load latency growth").
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {benchDir, cliPath, machine, needBuild, noteLoad, rootDir, tmuxbench} from './lib/common.mjs';
import {harness} from './lib/harness.mjs';

needBuild();
noteLoad('peers');
const peersDir = process.env.PEERS_DIR ?? '/tmp/peers';
const growthSeconds = Number(process.env.GROWTH_S ?? 60);
const experiments = (process.env.EXPERIMENTS ?? 'startup load latency growth').split(/\s+/);
const has = (name) => experiments.includes(name);
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
const out = path.join(benchDir, 'results', `peers-${stamp}.jsonl`);
fs.mkdirSync(path.dirname(out), {recursive: true});

// xsarena, as the peers are run by run-peers.sh.
const floods = (n) => Array.from({length: n}, (_, index) => ` "$BENCH_FLOOD 0 flood-${index + 1}"`).join('');
const watch = `exec node ${cliPath} watch --`;
const hello = `'printf "HELLO-%s\\n" PEER; exec sleep 60'`;
const xs = {peer: '^node$'};
const experimentsXs = [
	['startup', 'xsarena', {ready: 'HELLO-PEER'}, `${watch} ${hello}`],
	['startup', 'xsarena-npx', {ready: 'HELLO-PEER'}, `cd ${rootDir} && exec npx xsarena watch -- ${hello}`],
	['load', 'xsarena-N4', {...xs, ready: 'flood-1'}, `${watch}${floods(4)}`],
	['load', 'xsarena-N8', {...xs, ready: 'flood-1'}, `${watch}${floods(8)}`],
	['latency', 'xsarena-idle', {...xs, ready: 'MK#'}, `${watch} "$BENCH_MARKER"`],
	['latency', 'xsarena-load4', {...xs, ready: 'MK#'}, `${watch} "$BENCH_MARKER"${floods(4)}`],
	['growth', 'xsarena-growth-N4', {...xs, ready: 'flood-1', duration: growthSeconds}, `${watch}${floods(4)}`],
];
for (const [experiment, label, options, command] of experimentsXs) {
	if (!has(experiment)) continue;
	console.error(`== ${label}`);
	harness(experiment === 'growth' ? 'load' : experiment, {label, ...options}, command, out);
}

// The peers, through the harness's own script.
const installed = fs.existsSync(path.join(peersDir, 'node_modules'));
const peers = (process.env.PEERS ?? 'mprocs ccmanager concurrently').split(/\s+/).filter(Boolean);
// `PEERS=` (empty) measures xsarena alone: run-peers.sh given no names would run every peer.
if (installed && peers.length > 0) {
	const script = path.join(path.dirname(tmuxbench), 'run-peers.sh');
	spawnSync('bash', [script, ...peers], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PEERS_DIR: peersDir,
			OUT: out,
			GROWTH_S: String(growthSeconds),
			EXPERIMENTS: experiments.join(' '),
		},
	});
} else if (!installed) {
	console.error(
		`peers not installed under ${peersDir}: run ../shared/bench/peers/setup-peers.sh ${peersDir} (needs the npm registry)`,
	);
}

// The table.
const rows = fs
	.readFileSync(out, 'utf8')
	.trim()
	.split('\n')
	.filter(Boolean)
	.map((line) => JSON.parse(line));
const by = new Map(rows.map((row) => [row.label, row]));
const tools = ['xsarena', ...(installed ? peers : [])];
const growthOf = (row) => {
	if (!row?.samples?.length) return undefined;
	const samples = row.samples;
	const half = samples[Math.floor(samples.length / 2)];
	const last = samples.at(-1);
	return {end: last.rssMiB, slope: (last.rssMiB - half.rssMiB) / (last.t - half.t || 1)};
};

const metrics = [
	[
		'start to first meaningful frame, median (ms)',
		(t) => by.get(t)?.medianMs,
		'≤ 250 (npx)',
		(x) => x <= 250,
		'lower',
	],
	[
		'  through its npm wrapper / npx (ms)',
		(t) => by.get(t === 'xsarena' ? 'xsarena-npx' : `${t}-npm-wrapper`)?.medianMs,
		'≤ 250',
		(x) => x <= 250,
		'lower',
	],
	[
		'its own CPU, 4 flooding children, 10 s (% of a core)',
		(t) => by.get(`${t}-N4`)?.peerCpuPct,
		'(what draining takes)',
		() => true,
		'lower',
	],
	[
		'CPU seconds per million lines drained',
		(t) => {
			const row = by.get(`${t}-N4`);
			return row && row.linesTotal > 0 ? row.peerCpuS / (row.linesTotal / 1e6) : undefined;
		},
		'≤ 3.5',
		(x) => x <= 3.5,
		'lower',
	],
	[
		'lines/s drained from 4 flooding children',
		(t) => by.get(`${t}-N4`)?.linesPerS,
		'≥ 150 k',
		(x) => x >= 150_000,
		'higher',
	],
	[
		'peak memory, 4 flooding children (MiB)',
		(t) => by.get(`${t}-N4`)?.peakRssMiB,
		'≤ 120',
		(x) => x <= 120,
		'lower',
	],
	[
		`memory after ${growthSeconds} s of flood (MiB)`,
		(t) => growthOf(by.get(`${t}-growth-N4`))?.end,
		'≤ 150',
		(x) => x <= 150,
		'lower',
	],
	[
		'  its growth over the second half (MiB/s)',
		(t) => growthOf(by.get(`${t}-growth-N4`))?.slope,
		'flat',
		(x) => x <= 0.05,
		'lower',
	],
	[
		'marker visible after printed, idle: median (ms)',
		(t) => by.get(`${t}-idle`)?.medianMs,
		'≤ 40',
		(x) => x <= 40,
		'lower',
	],
	['  max (ms)', (t) => by.get(`${t}-idle`)?.maxMs, '≤ 80', (x) => x <= 80, 'lower'],
	[
		'the same with 4 flooding siblings: median (ms)',
		(t) => by.get(`${t}-load4`)?.medianMs,
		'≤ 60',
		(x) => x <= 60,
		'lower',
	],
	['  max (ms)', (t) => by.get(`${t}-load4`)?.maxMs, '≤ 150', (x) => x <= 150, 'lower'],
	[
		'screens that changed, 4 flooding children (of 10)',
		(t) => by.get(`${t}-N4`)?.distinctScreens,
		'(all panes live)',
		() => true,
		'higher',
	],
];
const format = (x) =>
	x === undefined || x === null || Number.isNaN(x)
		? '–'
		: Math.abs(x) >= 100
			? String(Math.round(x))
			: x.toFixed(x < 1 ? 2 : 1);
const head = [
	'metric',
	...tools.flatMap((tool) => (tool === 'xsarena' ? ['xsarena'] : [tool, `xsarena/${tool}`])),
	'target',
	'met',
];
const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
for (const [name, get, target, meets] of metrics) {
	const ours = get('xsarena');
	const cells = [name];
	for (const tool of tools) {
		const value = get(tool);
		if (tool === 'xsarena') {
			cells.push(format(value));
		} else {
			cells.push(format(value), ours !== undefined && value ? `${(ours / value).toFixed(2)}×` : '–');
		}
	}

	cells.push(target, ours === undefined ? '–' : meets(ours) ? 'yes' : 'no');
	lines.push(`| ${cells.join(' | ')} |`);
}

const info = machine();
console.log(
	`\nPeers, tmux 200x50, one run (${info.date}; node ${info.node}, ${info.cores} cores, load ${info.load.join(' ')}):\n`,
);
console.log(lines.join('\n'));
console.log(
	`\nxsarena shows every pane; mprocs and ccmanager show one process at a time. Ratios are xsarena/peer (lower is better except lines/s and screens). Raw results: ${path.relative(rootDir, out)}`,
);
