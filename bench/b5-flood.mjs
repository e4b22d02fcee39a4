#!/usr/bin/env node
/**
 * B5: surviving a flood. One agent runs `yes` for B5_SECONDS (60 by default; 3600 for the hour-long
 * run) beside three quiet agents printing a line a second, in `xsarena watch` (tmux 200×50). Every 5 s:
 * the dashboard's RSS, and whether each quiet pane shows a recent tick; every ~2 s a letter is typed
 * into the REPL and timed to its echo. The profile gives frames, pty pauses and the size of Ink's
 * (bounded) measure cache.
 *
 * Env: B5_SECONDS (60). Appends to bench/results/b5.jsonl.
 */
import {performance} from 'node:perf_hooks';
import {envNumber, needBuild, noteLoad, report, sleep, stats, workload} from './lib/common.mjs';
import {observe, profileSummary, startWatch} from './lib/watch-run.mjs';

needBuild();
noteLoad('B5');
const seconds = envNumber('B5_SECONDS', 60);
const commands = [
	`timeout ${seconds + 5} yes`,
	...[1, 2, 3].map((n) => workload('tick.mjs', `quiet-${n}`, 1000)),
];
const run = await startWatch(commands, {ready: /quiet-3 tick/, maxSeconds: seconds + 30});
const {session, pid} = run;
try {
	await sleep(5000);
	const latencies = [];
	const quietLag = [];
	let typed = '';
	session.keys(':');
	const t0 = Date.now();
	const result = await observe(pid, seconds - 5, 5000, async () => {
		// The quiet panes: how far behind the newest tick on screen is, in ticks.
		const screen = session.capture();
		const elapsed = Math.floor((Date.now() - t0) / 1000) + 5;
		for (const n of [1, 2, 3]) {
			const ticks = [...screen.matchAll(new RegExp(`quiet-${n} tick (\\d+)`, 'g'))].map((m) => Number(m[1]));
			quietLag.push(ticks.length === 0 ? elapsed : elapsed - Math.max(...ticks));
		}

		// Two keystrokes per step.
		for (let k = 0; k < 2; k++) {
			const letter = 'abcdefghijklmnopqrstuvwxyz'[latencies.length % 26];
			typed = typed.length > 50 ? '' : typed;
			if (typed === '') session.keys('C-u');
			typed += letter;
			const line = new RegExp(`^› ${typed}\\s*$`, 'm');
			const sent = performance.now();
			session.keys('-l', letter);
			let ms = 5000;
			while (performance.now() - sent < 5000) {
				if (line.test(session.capture())) {
					ms = performance.now() - sent;
					break;
				}

				await sleep(2);
			}

			latencies.push(ms);
			await sleep(500);
		}
	});
	const rss = result.samples.map((sample) => sample.rssMiB);
	const half = Math.floor(rss.length / 2);
	const slope =
		rss.length > 3 ? (rss.at(-1) - rss[half]) / (result.samples.at(-1).t - result.samples[half].t || 1) : 0;
	const latency = stats(latencies);
	const profile = profileSummary(run.profile().slice(3));
	// Quiet panes update when no check found one more than a few ticks behind.
	const quietOk = quietLag.every((lag) => lag <= 4);
	const growth = Math.round((rss.at(-1) - rss[0]) * 10) / 10;
	report(
		'B5',
		{
			workload: `yes for ${seconds} s + 3 agents printing a line a second, watch, tmux 200x50`,
			target: '≤ +150 MiB and flat; input p95 ≤ 100 ms; quiet panes keep updating',
			seconds,
			rssMiB: {
				first: rss[0],
				last: rss.at(-1),
				peak: result.peakMiB,
				growth,
				slopeMiBPerMin: Math.round(slope * 600) / 10,
			},
			cpuPct: result.cpuPct,
			latencyMs: latency,
			quietLagTicks: stats(quietLag),
			quietPanesUpdate: quietOk,
			profile,
			met: growth <= 150 && Math.abs(slope * 60) < 5 && latency.p95 <= 100 && quietOk,
		},
		`RSS ${rss[0]} → ${rss.at(-1)} MiB (peak ${result.peakMiB}, ${Math.round(slope * 600) / 10} MiB/min over the second half); input p95 ${latency.p95} ms (target ≤ 100); quiet panes ${quietOk ? 'kept updating' : 'fell behind'} (lag ≤ ${Math.max(...quietLag)} ticks); ${result.cpuPct} % CPU; measure cache ≤ ${profile.measureCacheMax} entries; ${profile.ptyPauses} pty pauses`,
	);
} finally {
	await session.close();
}
