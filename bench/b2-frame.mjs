#!/usr/bin/env node
/**
 * B2: the cost of one frame at 200×50: the board (16 jobs) and 4 panes of real emulators, every pane
 * dirty every frame (each gets 8 new SGR-heavy lines, so every row scrolls), rendered in this process
 * by the shipped dashboard with the shipped Ink options, to a terminal that counts bytes.
 *
 *   commit   the whole frame: React render and commit, Ink layout, output build and write (the frame
 *            clock's flush, timed by the profiler)
 *   build    Ink's output build alone (its onRender renderTime)
 *
 * Also measured: a frame where nothing changed (React skips the memoised panes; Ink still rebuilds
 * its whole output grid), and both with React's development build (NODE_ENV=development), the
 * before figure of `NODE_ENV=production` in the shipped entry. Each variant runs in its own process.
 *
 * Env: B2_FRAMES (200 per variant). Appends to bench/results/b2.jsonl.
 */
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {envNumber, needBuild, noteLoad, report, sleep, stats, tempDir} from './lib/common.mjs';

const frames = envNumber('B2_FRAMES', 200);
const columns = 200;
const rows = 50;

if (process.argv[2] === '--child') {
	const mode = process.argv[3];
	const {renderFixture, paneSource, writeBoard} = await import('./lib/dashboard-fixture.mjs');
	const {JobStore} = await import('../dist/store/job-store.js');
	const {TerminalScreen} = await import('../dist/terminal/terminal-screen.js');
	const {sgrLine} = await import('./workloads/text.mjs');
	const root = path.join(tempDir('b2'), '.xsarena');
	const ids = writeBoard(root);
	const store = JobStore.open(root, {watch: false, fsync: 'never'});
	// Pane content sizes of a 2×2 grid at 200×50 (the layout resizes them on the first frame anyway).
	const screens = ids.inFlight.map(() => new TerminalScreen({cols: 98, rows: 13, scrollback: 1000}));
	const panes = ids.inFlight.map((jobId, index) => {
		const screen = screens[index];
		const view = {
			get version() {
				return screen.version;
			},
			get cols() {
				return screen.cols;
			},
			get rows() {
				return screen.rows;
			},
			getRows: () => screen.getRows(),
			resize: (c, r) => screen.resize(c, r),
			bytes: 0,
		};
		return {jobId, run: 1, agent: 'shell', startedAt: new Date().toISOString(), screen: view};
	});
	const source = paneSource(panes);
	const fixture = await renderFixture({store, panes: source, columns, rows});
	await sleep(300); // First frame, and the panes' resize.
	let line = 0;
	const feed = async () => {
		await Promise.all(
			screens.map(
				(screen, index) =>
					new Promise((resolve) => {
						let chunk = '';
						for (let i = 0; i < 8; i++) chunk += `${sgrLine(++line)}\r\n`;
						panes[index].screen.bytes += Buffer.byteLength(chunk);
						screen.write(chunk, resolve);
					}),
			),
		);
	};

	const commits = [];
	const builds = [];
	const bytes = [];
	for (let frame = 0; frame < frames + 10; frame++) {
		if (mode === 'dirty') await feed();
		const before = fixture.terminal.stdout.bytes;
		const committed = fixture.nextCommit();
		let built;
		const build = fixture.metrics.render.bind(fixture.metrics);
		fixture.metrics.render = (ms) => {
			built = ms;
			build(ms);
		};
		source.changed();
		const ms = await committed;
		fixture.metrics.render = build;
		await sleep(5); // Ink writes the frame through its own throttle, a moment after the commit.
		if (frame >= 10) {
			// The first frames warm the JIT up.
			commits.push(ms);
			if (built !== undefined) builds.push(built);
			bytes.push(fixture.terminal.stdout.bytes - before);
		}
	}

	const sample = fixture.metrics.sample();
	fixture.stop();
	await store.close();
	process.stdout.write(
		JSON.stringify({
			commit: stats(commits),
			build: stats(builds),
			bytesPerFrame: stats(bytes),
			measureCache: sample.measureCache,
		}),
	);
	process.exit(0);
}

needBuild();
noteLoad('B2');
const here = fileURLToPath(import.meta.url);
const variants = [
	['production', 'dirty'],
	['production', 'idle'],
	['development', 'dirty'],
	['development', 'idle'],
];
const results = {};
for (const [nodeEnv, mode] of variants) {
	// Ink shows the cursor on stderr when it unmounts: kept off this terminal, printed only on failure.
	const child = spawnSync(process.execPath, [here, '--child', mode], {
		encoding: 'utf8',
		env: {...process.env, NODE_ENV: nodeEnv},
		maxBuffer: 1e6,
	});
	if (child.status !== 0) {
		console.error(child.stderr.replaceAll(String.fromCodePoint(27), '^['));
		process.exit(1);
	}

	const output = child.stdout;
	const result = JSON.parse(output);
	results[`${nodeEnv}-${mode}`] = result;
	console.log(
		`B2 ${nodeEnv.padEnd(11)} ${mode === 'dirty' ? 'all 4 panes dirty' : 'nothing changed  '}: commit p50 ${result.commit.median} / p95 ${result.commit.p95} ms (max ${result.commit.max}); Ink build p50 ${result.build.median} / p95 ${result.build.p95} ms; ${Math.round(result.bytesPerFrame.median / 1024)} KiB per frame`,
	);
}

const main = results['production-dirty'].commit;
report(
	'B2',
	{
		workload: `200x50, board of 16 jobs + 4 panes (98x13 emulators), every pane dirty every frame (8 SGR-heavy lines each), ${frames} frames, in-process, fake terminal`,
		target: '≤ 12 / 20 ms (p50 / p95) per commit',
		results,
		met: main.median <= 12 && main.p95 <= 20,
	},
	`commit p50 ${main.median} / p95 ${main.p95} ms (target ≤ 12 / 20); nothing changed ${results['production-idle'].commit.median} / ${results['production-idle'].commit.p95} ms; React development build ${results['development-dirty'].commit.median} / ${results['development-dirty'].commit.p95} ms`,
);
