#!/usr/bin/env node
/**
 * B1: cold start to the first meaningful frame, from outside through tmux (200×50), 5 runs each, with
 * the peers' harness (it polls `capture-pane` every 5 ms; the figures include starting a tmux server,
 * see the `calib-bash` row for that floor).
 *
 * Workload: a board of 50 jobs and 20,000 events on disk (400 per job: messages and costs), the ready
 * string being a card title. Measured through `npx xsarena` (the target), `node dist/cli.js`, the same
 * without the bundle (XSARENA_NO_BUNDLE=1, the before figure), and `xsarena watch` on one command
 * (ready: its output in a pane), the peers' startup experiment.
 *
 * Env: B1_RUNS (5). Appends to bench/results/b1.jsonl.
 */
import fs from 'node:fs';
import path from 'node:path';
import {cliPath, needBuild, noteLoad, report, rootDir, tempDir, envNumber} from './lib/common.mjs';
import {harness} from './lib/harness.mjs';

needBuild();
noteLoad('B1');
const runs = envNumber('B1_RUNS', 5);
const jobs = 50;
const perJob = 400;
const home = path.join(tempDir('b1'), 'board');

/** Write the board: each job created in the inbox, then messages and costs (no runs to recover). */
function seed() {
	const t0 = Date.parse('2026-11-01T00:00:00.000Z');
	for (let j = 0; j < jobs; j++) {
		const jobId = `01B1JOB${String(j).padStart(19, '0')}`;
		const lines = [];
		for (let n = 0; n < perJob; n++) {
			const base = {
				id: `${jobId}-${String(n).padStart(6, '0')}`,
				v: 1,
				jobId,
				at: new Date(t0 + j * 1e6 + n * 1000).toISOString(),
				by: 'bench',
			};
			if (n === 0) {
				lines.push({
					...base,
					type: 'job.created',
					data: {
						title: `B1-card ${String(j).padStart(2, '0')} of the startup board`,
						description: 'a job of the startup benchmark',
						kind: 'agent',
						status: 'inbox',
						priority: 'medium',
						agent: 'shell',
						command: 'true',
						blockedBy: [],
						acceptance: [],
					},
				});
			} else if (n % 10 === 0) {
				lines.push({
					...base,
					type: 'job.message',
					data: {from: 'agent', text: `progress report ${n}: all good so far`},
				});
			} else {
				lines.push({...base, type: 'job.cost', data: {tokens: 1200, usd: 0.0042}});
			}
		}

		const dir = path.join(home, 'jobs', jobId);
		fs.mkdirSync(dir, {recursive: true});
		fs.writeFileSync(
			path.join(dir, 'events.jsonl'),
			`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`,
		);
	}
}

seed();
const cases = [
	['calib-bash', 'READY-MARK', 'echo READY-MARK; exec sleep 60'],
	['xsarena-npx', 'B1-card', `cd ${rootDir} && exec npx xsarena --home ${home}`],
	['xsarena-node', 'B1-card', `exec node ${cliPath} --home ${home}`],
	['xsarena-node-unbundled', 'B1-card', `XSARENA_NO_BUNDLE=1 exec node ${cliPath} --home ${home}`],
	['xsarena-watch', 'HELLO-PEER', `exec node ${cliPath} watch -- 'printf "HELLO-%s\\n" PEER; exec sleep 60'`],
];
const results = {};
for (const [label, ready, command] of cases) {
	const result = harness('startup', {label, ready, runs}, command);
	results[label] = result && {
		medianMs: result.medianMs,
		minMs: result.minMs,
		maxMs: result.maxMs,
		runsMs: result.runsMs,
	};
	console.log(
		`B1 ${label.padEnd(24)} median ${result?.medianMs ?? '–'} ms  (min ${result?.minMs ?? '–'}, max ${result?.maxMs ?? '–'}; runs ${result?.runsMs?.join(', ') ?? 'failed'})`,
	);
}

const target = 250;
const npx = results['xsarena-npx']?.medianMs;
report(
	'B1',
	{
		workload: `${jobs} jobs, ${jobs * perJob} events on disk; tmux 200x50; ${runs} runs`,
		target: `≤ ${target} ms median through npx`,
		results,
		met: npx !== undefined && npx <= target,
	},
	`npx xsarena median ${npx ?? '–'} ms (target ≤ ${target}); node dist/cli.js ${results['xsarena-node']?.medianMs ?? '–'} ms; unbundled ${results['xsarena-node-unbundled']?.medianMs ?? '–'} ms; watch ${results['xsarena-watch']?.medianMs ?? '–'} ms; tmux+bash floor ${results['calib-bash']?.medianMs ?? '–'} ms`,
);
