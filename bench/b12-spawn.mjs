#!/usr/bin/env node
/**
 * B12: starting agents. 50 runs of a short program (`true`), each a RunSession (dist): the pty, the
 * exit wrapper, the output log and the emulator, as the engine starts them. Measures the time each
 * constructor takes (the spawn itself; the process runs on without us), the time until all have
 * exited, and this process's open file descriptors before, after all exited, and once more after a
 * second (node-pty closes its side asynchronously).
 *
 * Env: B12_RUNS (50). Appends to bench/results/b12.jsonl.
 */
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {envNumber, needBuild, noteLoad, report, sleep, stats, tempDir} from './lib/common.mjs';

needBuild();
noteLoad('B12');
const {RunSession} = await import('../dist/agents/run-session.js');
const runs = envNumber('B12_RUNS', 50);
const dir = tempDir('b12');
const fds = () => fs.readdirSync('/proc/self/fd').length;
const spec = (n) => ({
	file: 'true',
	args: [],
	cwd: dir,
	env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir},
	cols: 80,
	rows: 24,
	outputLog: path.join(dir, `run-${n}`, 'output.log'),
	scrollback: 1000,
});

// One spawn first: node-pty loads its native module and the emulator compiles on the first use.
await new RunSession(spec(-1)).exited;
const baseline = fds();
const spawnMs = [];
const sessions = [];
const started = performance.now();
for (let n = 0; n < runs; n++) {
	const t0 = performance.now();
	sessions.push(new RunSession(spec(n)));
	spawnMs.push(performance.now() - t0);
}

const spawned = performance.now() - started;
const exits = await Promise.all(sessions.map(async (session) => session.exited));
const allExited = performance.now() - started;
for (const session of sessions) session.screen.dispose();
const afterExit = fds();
await sleep(1000);
const settled = fds();
const summary = stats(spawnMs);
const failed = exits.filter((exit) => exit.code !== 0).length;
report(
	'B12',
	{
		workload: `${runs} RunSessions of \`true\` (pty + exit wrapper + output.log + emulator), started back to back`,
		target: '≤ 20 ms per spawn; open fds back to the baseline',
		spawnMs: summary,
		spawnAllMs: Math.round(spawned),
		allExitedMs: Math.round(allExited),
		failed,
		fds: {baseline, afterExit, afterOneSecond: settled},
		met: summary.median <= 20 && settled <= baseline,
	},
	`spawn median ${summary.median} ms, p95 ${summary.p95} ms (target ≤ 20); ${runs} started in ${Math.round(spawned)} ms, all exited after ${Math.round(allExited)} ms (${failed} failed); fds ${baseline} → ${afterExit} → ${settled} after 1 s`,
);
