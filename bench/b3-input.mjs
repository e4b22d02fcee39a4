#!/usr/bin/env node
/**
 * B3: input latency under a flood. Four agents each print 5 MB/s of SGR-heavy text in `xsarena watch`
 * (tmux 200×50); letters are typed into the REPL one at a time (~4 a second, jittered) and each is
 * timed from `tmux send-keys` until a capture shows it on the REPL line. The capture itself costs
 * ~10–15 ms here, so the figures are an upper bound. The profile gives the frames behind it; where a
 * key's time goes inside the process (loop wait, React, layout, Ink's build, write) is `b3-trace.mjs`.
 *
 * Env: B3_KEYS (60). Appends to bench/results/b3.jsonl.
 */
import {envNumber, needBuild, noteLoad, report, sleep, stats, workload} from './lib/common.mjs';
import {profileSummary, startWatch, typingLatency} from './lib/watch-run.mjs';

needBuild();
noteLoad('B3');
const keys = envNumber('B3_KEYS', 60);
const commands = [1, 2, 3, 4].map((n) => workload('flood.mjs', 0, `f${n}`, 5_000_000, 'sgr'));
const run = await startWatch(commands, {ready: /f4 /});
try {
	await sleep(2000); // Let the flood settle.
	const latencies = await typingLatency(run.session, {count: keys, gapMs: 250});
	const latency = stats(latencies);
	await sleep(1200);
	const profile = profileSummary(run.profile().slice(2));
	report(
		'B3',
		{
			workload: '4 agents × 5 MB/s SGR-heavy text, watch, tmux 200x50; keys typed into the REPL',
			target: '≤ 60 / 120 ms (p95 / p99)',
			latencyMs: latency,
			profile,
			met: latency.p95 <= 60 && latency.p99 <= 120,
		},
		`keystroke → echo on screen p50 ${latency.median} / p95 ${latency.p95} / p99 ${latency.p99} ms (target ≤ 60 / 120); frames ${profile.fps}/s (p95 ${profile.frameP95Ms} ms), ${profile.commitsPerS ?? 0} commits/s (p95 ${profile.commitP95Ms} ms), ${profile.ptyPauses} pty pauses`,
	);
} finally {
	await run.session.close();
}
