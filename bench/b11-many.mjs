#!/usr/bin/env node
/**
 * B11: many agents. Sixteen agents each printing 200 KB/s of plain lines in `xsarena watch` (tmux
 * 200×50, as many panes as fit); over B11_SECONDS (20): the dashboard's CPU, its frame time p95 (the
 * profile's per-second p95s of whole data frames, an Ink commit and/or the pane surface's paint: their
 * median and the worst), how many frames committed, and its peak memory.
 *
 * Env: B11_SECONDS (20). Appends to bench/results/b11.jsonl.
 */
import {envNumber, needBuild, noteLoad, report, sleep, workload} from './lib/common.mjs';
import {observe, profileSummary, startWatch} from './lib/watch-run.mjs';

needBuild();
noteLoad('B11');
const seconds = envNumber('B11_SECONDS', 20);
const commands = Array.from({length: 16}, (_, index) =>
	workload('flood.mjs', 0, `a${String(index + 1).padStart(2, '0')}`, 200_000),
);
const run = await startWatch(commands, {ready: /a16 /, maxSeconds: seconds + 60});
try {
	await sleep(3000);
	const skip = run.profile().length;
	const result = await observe(run.pid, seconds, 1000);
	await sleep(1100);
	const profile = profileSummary(run.profile().slice(skip));
	const visible = (run.session.capture().match(/╭/g) ?? []).length;
	report(
		'B11',
		{
			workload: `16 agents × 200 KB/s, watch, tmux 200x50 (${visible} panes drawn), ${seconds} s`,
			target: '≤ 150 % CPU, frame p95 ≤ 33 ms, ≤ 1 GiB',
			cpuPct: result.cpuPct,
			peakMiB: result.peakMiB,
			visiblePanes: visible,
			profile,
			met: result.cpuPct <= 150 && profile.frameP95Ms <= 33 && result.peakMiB <= 1024,
		},
		`${result.cpuPct} % CPU (target ≤ 150); frame p95 ${profile.frameP95Ms} ms (worst second ${profile.frameWorstP95Ms}; target ≤ 33) at ${profile.fps} fps, ${profile.commitsPerS ?? 0} commits/s (commit p95 ${profile.commitP95Ms ?? '–'} ms, paint p95 ${profile.paintP95Ms ?? '–'} ms); peak RSS ${result.peakMiB} MiB; ${visible} panes drawn`,
	);
} finally {
	await run.session.close();
}
