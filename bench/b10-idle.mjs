#!/usr/bin/env node
/**
 * B10: idle. Eight agents that asked a question and wait for input (`workloads/waiter.mjs`) in
 * `xsarena watch` (tmux 200×50, no profile: its timers would cost CPU); the dashboard's own CPU time
 * over B10_SECONDS (60 by default, 300 for the full run), after a 5 s settle.
 *
 * Env: B10_SECONDS (60). Appends to bench/results/b10.jsonl.
 */
import {envNumber, needBuild, noteLoad, report, sleep, workload} from './lib/common.mjs';
import {observe, startWatch} from './lib/watch-run.mjs';

needBuild();
noteLoad('B10');
const seconds = envNumber('B10_SECONDS', 60);
const commands = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => workload('waiter.mjs', `agent-${n}`));
const run = await startWatch(commands, {
	ready: /agent-8: the change/,
	profile: false,
	maxSeconds: seconds + 60,
});
try {
	await sleep(5000);
	const result = await observe(run.pid, seconds, 5000);
	report(
		'B10',
		{
			workload: `8 agents waiting for input, watch, tmux 200x50, ${seconds} s`,
			target: '≤ 0.5 % of a core',
			cpuPct: result.cpuPct,
			cpuS: result.cpuS,
			rssMiB: result.rssMiB,
			met: result.cpuPct <= 0.5,
		},
		`mean CPU ${result.cpuPct} % of a core over ${result.elapsedS} s (target ≤ 0.5); RSS ${result.rssMiB} MiB`,
	);
} finally {
	await run.session.close();
}
