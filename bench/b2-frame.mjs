#!/usr/bin/env node
/**
 * B2: the cost of one frame at 200×50: the board (16 jobs) and 4 panes of real emulators, every pane
 * dirty every frame (each gets 8 new SGR-heavy lines, so every row scrolls), rendered in this process
 * by the shipped dashboard with the shipped Ink options, to a terminal that counts bytes.
 *
 *   frame    the whole frame (the frame clock's flush to its end, timed by the profiler): with the pane
 *            surface, the surface's paint of the changed rows (pane output commits nothing); without
 *            it, React render and commit, Ink layout, output build and write
 *   build    Ink's output build alone (its onRender renderTime), when Ink built one
 *   commits  how many of the frames committed
 *
 * Variants, each in its own process: the shipped pipeline (pane surface) and Ink drawing the panes
 * (the pipeline before the surface, `XSARENA_NO_SURFACE=1`), each with every pane dirty and with
 * nothing changed; and the surface with React's development build (NODE_ENV=development).
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
	const surface = process.argv[4] !== 'ink';
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
	const fixture = await renderFixture({store, panes: source, columns, rows, surface});
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
	let committed = 0;
	for (let frame = 0; frame < frames + 10; frame++) {
		if (mode === 'dirty') await feed();
		const before = fixture.terminal.stdout.bytes;
		const frameDone = fixture.nextCommit();
		let built;
		const build = fixture.metrics.render.bind(fixture.metrics);
		fixture.metrics.render = (ms) => {
			built = ms;
			build(ms);
		};
		source.changed();
		const ms = await frameDone;
		fixture.metrics.render = build;
		await sleep(5); // Ink writes the frame through its own throttle, a moment after the commit.
		if (frame >= 10) {
			// The first frames warm the JIT up.
			commits.push(ms);
			if (built !== undefined) {
				builds.push(built);
				committed++;
			}

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
			inkFrames: committed,
			frames,
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
	['production', 'dirty', 'surface'],
	['production', 'idle', 'surface'],
	['production', 'dirty', 'ink'],
	['production', 'idle', 'ink'],
	['development', 'dirty', 'surface'],
];
const results = {};
for (const [nodeEnv, mode, drawer] of variants) {
	// Ink shows the cursor on stderr when it unmounts: kept off this terminal, printed only on failure.
	const child = spawnSync(process.execPath, [here, '--child', mode, drawer], {
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
	results[`${nodeEnv}-${mode}-${drawer}`] = result;
	console.log(
		`B2 ${nodeEnv.padEnd(11)} ${drawer.padEnd(7)} ${mode === 'dirty' ? 'all 4 panes dirty' : 'nothing changed  '}: frame p50 ${result.commit.median} / p95 ${result.commit.p95} ms (max ${result.commit.max}); ${result.inkFrames} of ${result.frames} frames built by Ink (build p50 ${result.build.median ?? '–'} / p95 ${result.build.p95 ?? '–'} ms); ${(result.bytesPerFrame.median / 1024).toFixed(1)} KiB per frame`,
	);
}

const main = results['production-dirty-surface'].commit;
const ink = results['production-dirty-ink'].commit;
report(
	'B2',
	{
		workload: `200x50, board of 16 jobs + 4 panes (98x13 emulators), every pane dirty every frame (8 SGR-heavy lines each), ${frames} frames, in-process, fake terminal`,
		target: '≤ 12 / 20 ms (p50 / p95) per frame',
		results,
		met: main.median <= 12 && main.p95 <= 20,
	},
	`frame p50 ${main.median} / p95 ${main.p95} ms (target ≤ 12 / 20) with the pane surface; Ink drawing the panes ${ink.median} / ${ink.p95} ms in the same run (×${(ink.median / Math.max(0.01, main.median)).toFixed(1)} at p50); nothing changed ${results['production-idle-surface'].commit.median} / ${results['production-idle-surface'].commit.p95} ms; React development build ${results['development-dirty-surface'].commit.median} / ${results['development-dirty-surface'].commit.p95} ms`,
);
