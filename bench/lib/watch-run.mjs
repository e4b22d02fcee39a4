/**
 * `xsarena watch` on workload commands in a tmux window, with a `--profile` file: the common shape of
 * the tmux benchmarks (B3, B5, B11, B13). Workload children get BENCH_RUN_DIR and BENCH_MAX_S.
 */
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {cliPath, memory, cpuSeconds, readJsonLines, shellQuote, sleep, tempDir} from './common.mjs';
import {TmuxSession} from './tmux.mjs';

/**
 * Start watch on `commands`. Resolves once `ready` is on screen, with the session, the dashboard's
 * pid, the run folder and the profile's path.
 */
export async function startWatch(
	commands,
	{ready, profile = true, maxSeconds = 150, cols = 200, rows = 50} = {},
) {
	const runDir = tempDir('bench-run');
	const profileFile = path.join(runDir, 'profile.jsonl');
	const args = ['watch', ...(profile ? ['--profile', profileFile] : []), '--', ...commands];
	const command = `exec ${[process.execPath, cliPath, ...args].map(shellQuote).join(' ')}`;
	const session = new TmuxSession(command, {
		cols,
		rows,
		env: {BENCH_RUN_DIR: runDir, BENCH_MAX_S: String(maxSeconds)},
	});
	try {
		await session.waitFor(ready, 30_000);
	} catch (error) {
		await session.close();
		throw error;
	}

	const pid = session.program();
	return {session, pid, runDir, profileFile, profile: () => readJsonLines(profileFile)};
}

/** CPU % of one core and memory of `pid` over `seconds`, sampled every `stepMs`. */
export async function observe(pid, seconds, stepMs = 1000, onStep = async () => {}) {
	const cpu0 = cpuSeconds(pid);
	const t0 = Date.now();
	const samples = [];
	for (let t = stepMs; t <= seconds * 1000; t += stepMs) {
		await sleep(Math.max(0, t0 + t - Date.now()));
		samples.push({
			t: Math.round((Date.now() - t0) / 1000),
			cpuS: Math.round((cpuSeconds(pid) - cpu0) * 100) / 100,
			...memory(pid),
		});
		await onStep(samples.at(-1));
	}

	const elapsed = (Date.now() - t0) / 1000;
	const cpuS = cpuSeconds(pid) - cpu0;
	return {
		elapsedS: Math.round(elapsed * 10) / 10,
		cpuS: Math.round(cpuS * 100) / 100,
		cpuPct: Math.round((cpuS / elapsed) * 1000) / 10,
		samples,
		...memory(pid),
	};
}

/**
 * Type `count` letters into the REPL (after `:`), one every `gapMs` (jittered), and time each from
 * send-keys until the screen shows it on the REPL line. Returns the latencies in ms.
 */
export async function typingLatency(session, {count = 40, gapMs = 250, timeoutMs = 5000} = {}) {
	session.keys(':');
	await session.waitFor(/^›\s*$/m, 5000).catch(() => undefined);
	const latencies = [];
	let typed = '';
	for (let i = 0; i < count; i++) {
		const letter = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
		typed += letter;
		const line = new RegExp(`^› ${typed}\\s*$`, 'm');
		const t0 = performance.now();
		session.keys('-l', letter);
		const deadline = t0 + timeoutMs;
		let seen = false;
		while (performance.now() < deadline) {
			if (line.test(session.capture())) {
				seen = true;
				break;
			}

			await sleep(2);
		}

		latencies.push(seen ? performance.now() - t0 : timeoutMs);
		await sleep(gapMs * (0.6 + Math.random() * 0.8));
		if (typed.length >= 60) {
			session.keys('C-u');
			typed = '';
			await sleep(200);
		}
	}

	session.keys('Escape');
	return latencies;
}

/** Summarise a profile's samples: the median of each second's figures, and the worst second. */
export function profileSummary(samples) {
	const pick = (get) => samples.map(get).filter((x) => typeof x === 'number');
	const median = (values) => {
		const sorted = [...values].sort((a, b) => a - b);
		return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
	};

	return {
		seconds: samples.length,
		fps: median(pick((s) => s.fps)),
		// The whole cost of a data frame (Ink commit and/or the pane surface's paint); profiles written
		// before the surface have only commitMs, which was the same thing then.
		frameP50Ms: median(pick((s) => (s.frameMs ?? s.commitMs)?.p50)),
		frameP95Ms: median(pick((s) => (s.frameMs ?? s.commitMs)?.p95)),
		frameWorstP95Ms: Math.max(0, ...pick((s) => (s.frameMs ?? s.commitMs)?.p95)),
		commitsPerS: median(pick((s) => s.commitMs?.count)),
		paintP95Ms: median(pick((s) => s.paintMs?.p95)),
		commitP50Ms: median(pick((s) => s.commitMs?.p50)),
		commitP95Ms: median(pick((s) => s.commitMs?.p95)),
		commitWorstP95Ms: Math.max(0, ...pick((s) => s.commitMs?.p95)),
		stdoutKiBps: median(pick((s) => s.stdoutKiBps)),
		stdoutKiBpsMax: Math.max(0, ...pick((s) => s.stdoutKiBps)),
		paneBytesPerFrameP50: median(pick((s) => s.paneBytesPerFrame?.p50)),
		ptyPauses: pick((s) => s.ptyPauses).reduce((a, b) => a + b, 0),
		ptyResumes: pick((s) => s.ptyResumes).reduce((a, b) => a + b, 0),
		loopDelayP95Ms: median(pick((s) => s.loopDelayMs?.p95)),
		measureCacheMax: Math.max(0, ...pick((s) => s.measureCache)),
		rssMiBLast: samples.at(-1)?.rssMiB ?? null,
	};
}
