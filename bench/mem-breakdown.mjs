#!/usr/bin/env node
/**
 * Where the dashboard's memory goes under a flood. Three processes, each sampled every second by the
 * memory probe (`lib/mem-probe.mjs`: RSS anonymous / file, V8 heap spaces, external and ArrayBuffers,
 * native rest):
 *
 * - `baseline`: a bare Node that only loads the bundle (what the code costs before any work);
 * - `emulators`: four of our terminal emulators (`dist/terminal/terminal-screen.js`), at the size of a
 *   pane of `watch` with four panes in 200×50, fed the flood's lines as fast as they parse, no UI;
 * - `watch`: `xsarena watch -- <MEM_PANES flooding children>` in tmux 200×50, as the peers' harness
 *   runs it;
 * - `idle`: `xsarena watch` on 8 agents waiting for input (B10's workload).
 *
 *   node bench/mem-breakdown.mjs [baseline|emulators|watch|idle …]   (default: baseline emulators watch)
 *
 * Env: MEM_SECONDS (30) per process, MEM_PANES (4), MEM_NODE_FLAGS (extra node flags for `watch` and
 * `emulators`, e.g. `--max-semi-space-size=1`), MEM_ENV (extra `KEY=value …` for `watch`), MEM_RATE (bytes/s
 * per child; default as fast as drained, set it to compare variants at the same load), MEM_OUT (a
 * JSON-lines file to append the summaries to). Prints, per process, the samples at peak RSS and at the
 * end.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	benchDir,
	cliPath,
	envNumber,
	machine,
	needBuild,
	rootDir,
	shellQuote,
	sleep,
	tempDir,
	workload,
} from './lib/common.mjs';
import {TmuxSession} from './lib/tmux.mjs';

needBuild();
const seconds = envNumber('MEM_SECONDS', 30);
const panes = envNumber('MEM_PANES', 4);
const nodeFlags = (process.env.MEM_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const extraEnv = Object.fromEntries(
	(process.env.MEM_ENV ?? '')
		.split(/\s+/)
		.filter(Boolean)
		.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const probe = path.join(benchDir, 'lib', 'mem-probe.mjs');
const modes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['baseline', 'emulators', 'watch'];

/** The sample with the highest RSS and the last one, compactly. */
function summarise(label, samples, extra = {}) {
	const peak = samples.reduce((best, sample) => (sample.rss > best.rss ? sample : best), samples[0]);
	const line = (s) =>
		`rss ${s.rss} (anon ${s.anon}, file ${s.file}) hwm ${s.hwm} | heap ${s.heapPhysical} phys / ${s.heapUsed} used` +
		` [new ${s.spaces.new?.phys}, old ${s.spaces.old?.phys}, code ${s.spaces.code?.phys}, lo ${s.spaces.large_object?.phys}]` +
		` | external ${s.external} (ArrayBuffers ${s.arrayBuffers}) | other anon ${s.otherAnon}`;
	const cpu = samples.at(-1).cpuS - samples[0].cpuS;
	const gc = {};
	let promoted = 0;
	for (const sample of samples) {
		for (const [kind, value] of Object.entries(sample.gc ?? {})) {
			if (kind === 'promoted') {
				promoted += value;
				continue;
			}

			gc[kind] ??= {n: 0, ms: 0};
			gc[kind].n += value.n;
			gc[kind].ms = Math.round(gc[kind].ms + value.ms);
		}
	}

	const oldMax = Math.max(...samples.map((s) => s.spaces.old?.phys ?? 0));
	const perMillion = extra.lines ? ` (${(promoted / (extra.lines / 1e6)).toFixed(1)} MiB per M lines)` : '';

	const seconds = samples.at(-1).t - samples[0].t;
	const drained =
		extra.lines === undefined
			? ''
			: `, ${Math.round(extra.lines / seconds / 1000)} k lines/s, ${(cpu / (extra.lines / 1e6)).toFixed(2)} CPU s per M lines`;
	console.log(
		`${label}\n  CPU ${Math.round((cpu / seconds) * 100)} % of a core${drained}\n  GC ${Object.entries(gc)
			.map(([kind, {n, ms}]) => `${kind} ${n}× ${ms} ms`)
			.join(
				', ',
			)}; promoted ${Math.round(promoted)} MiB${perMillion}; old space max ${oldMax} MiB\n  peak @${peak.t}s: ${line(peak)}\n  end  @${samples.at(-1).t}s: ${line(samples.at(-1))}`,
	);
	if (process.env.MEM_OUT) {
		fs.appendFileSync(
			process.env.MEM_OUT,
			`${JSON.stringify({bench: 'mem-breakdown', label, nodeFlags, env: extraEnv, ...machine(), peak, end: samples.at(-1), cpuS: cpu, seconds, gc, promoted, oldMax, ...extra})}\n`,
		);
	}
}

function readSamples(file) {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
}

/** Run `node …args` with the probe for `seconds`, then kill it; returns its samples. */
async function runNode(args, {env = {}, wait = seconds} = {}) {
	const out = path.join(tempDir('mem'), 'mem.jsonl');
	const child = spawn(process.execPath, ['--import', probe, ...nodeFlags, ...args], {
		cwd: rootDir,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {...process.env, ...env, MEM_PROBE_FILE: out},
	});
	await sleep(wait * 1000);
	child.kill('SIGKILL');
	await new Promise((resolve) => child.once('exit', resolve));
	return readSamples(out);
}

/** Lines written so far by the flood children (their `count.<pid>` files). */
function countLines(runDir) {
	return fs
		.readdirSync(runDir)
		.filter((name) => name.startsWith('count.'))
		.reduce((sum, name) => sum + (Number(fs.readFileSync(path.join(runDir, name), 'utf8')) || 0), 0);
}

const here = path.dirname(fileURLToPath(import.meta.url));
for (const mode of modes) {
	if (mode === 'baseline') {
		summarise(
			'baseline: node + the bundle loaded',
			await runNode([path.join(here, 'lib', 'mem-load-bundle.mjs')], {wait: 5}),
		);
	} else if (mode === 'emulators') {
		summarise(
			`emulators: ${panes} TerminalScreens fed the flood, no UI`,
			await runNode([path.join(here, 'lib', 'mem-emulators.mjs'), String(panes)]),
		);
	} else if (mode === 'watch' || mode === 'idle') {
		const out = path.join(tempDir('mem'), 'mem.jsonl');
		const runDir = tempDir('mem-run');
		const floods =
			mode === 'idle'
				? Array.from({length: 8}, (_, index) => workload('waiter.mjs', `agent-${index + 1}`))
				: Array.from({length: panes}, (_, index) =>
						workload('flood.mjs', 0, `flood-${index + 1}`, envNumber('MEM_RATE', 0)),
					);
		const command = [process.execPath, '--import', probe, ...nodeFlags, cliPath, 'watch', '--', ...floods]
			.map(shellQuote)
			.join(' ');
		const session = new TmuxSession(`exec ${command}`, {
			env: {...extraEnv, MEM_PROBE_FILE: out, BENCH_RUN_DIR: runDir, BENCH_MAX_S: String(seconds + 30)},
		});
		let lines;
		try {
			await session.waitFor(mode === 'idle' ? /agent-8: the change/ : 'flood-1', 30_000);
			const t0 = Date.now();
			const lines0 = countLines(runDir);
			await sleep(seconds * 1000);
			lines = ((countLines(runDir) - lines0) * seconds * 1000) / (Date.now() - t0);
		} finally {
			await session.close();
		}

		summarise(
			mode === 'idle'
				? `idle: watch on 8 agents waiting for input, tmux 200x50 ${nodeFlags.join(' ')}`
				: `watch: ${panes} flooding children, tmux 200x50 ${nodeFlags.join(' ')} ${process.env.MEM_ENV ?? ''}`,
			readSamples(out),
			{lines},
		);
	} else {
		console.error(`unknown mode ${mode}`);
		process.exitCode = 2;
	}
}
