#!/usr/bin/env node
/**
 * B13: bytes written to the terminal. Four agents streaming steadily (20 lines a second each, like a
 * build log) in `xsarena watch` (tmux 200×50); the profile counts every byte the dashboard writes to
 * stdout; median KiB/s over B13_SECONDS (20), and per frame.
 *
 * Env: B13_SECONDS (20). Appends to bench/results/b13.jsonl.
 */
import {envNumber, needBuild, noteLoad, report, sleep, workload} from './lib/common.mjs';
import {profileSummary, startWatch} from './lib/watch-run.mjs';

needBuild();
noteLoad('B13');
const seconds = envNumber('B13_SECONDS', 20);
const commands = [1, 2, 3, 4].map((n) => workload('tick.mjs', `stream-${n}`, 50));
const run = await startWatch(commands, {ready: /stream-4 tick/, maxSeconds: seconds + 60});
try {
	await sleep(3000);
	const skip = run.profile().length;
	await sleep(seconds * 1000);
	const samples = run.profile().slice(skip);
	const profile = profileSummary(samples);
	const perFrame =
		samples.length === 0
			? null
			: Math.round(
					samples.reduce((sum, s) => sum + s.stdoutBytes, 0) /
						Math.max(
							1,
							// Data frames: Ink commits and pane-surface paints alike.
							samples.reduce((sum, s) => sum + s.frames, 0),
						) /
						102.4,
				) / 10;
	report(
		'B13',
		{
			workload: `4 agents × 20 lines/s, watch, tmux 200x50, ${seconds} s`,
			target: '≤ 200 KiB/s',
			kibPerSecond: profile.stdoutKiBps,
			kibPerFrame: perFrame,
			profile,
			met: profile.stdoutKiBps <= 200,
		},
		`${profile.stdoutKiBps} KiB/s to the terminal (target ≤ 200; worst second ${profile.stdoutKiBpsMax}), ${perFrame} KiB per frame at ${profile.fps} fps (${profile.commitsPerS ?? 0} commits/s)`,
	);
} finally {
	await run.session.close();
}
