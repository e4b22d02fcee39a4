#!/usr/bin/env node
/**
 * B3, taken apart in process: where a keystroke's echo spends its time while four panes parse a flood.
 *
 * The shipped dashboard (dist, pane surface on) renders at 200×50 to a fake terminal; four real
 * emulators are fed 5 MB/s each of SGR-heavy text on the main thread (as a run's pty output is, with a
 * 1 MiB backlog cap standing in for the pty watermarks). A child process types letters into the REPL
 * through a pipe (so a key is read in the poll phase, behind whatever the loop is busy with, as a real
 * stdin is), one every ~250 ms, and notes when it sent each. Per key:
 *
 *   wait     sent by the child → read by Ink (the loop was busy: mostly pty parsing)
 *   react    read → Yoga layout starts (React render and commit of the key's update)
 *   layout   Yoga's layout
 *   build    Ink's output build (its onRender renderTime)
 *   echo     read → the write carrying the echo returns (the whole in-process cost after the read)
 *   bytes    size of that write
 *
 * A key echoed without an Ink commit (the REPL line on the pane surface) has no react/layout/build.
 * Env: B3T_KEYS (40), B3T_RATE (bytes/s per pane, 5e6), B3T_SLICE (characters, 0: off), B3T_DEBUG. Prints a summary; no results file (B3 is the benchmark of record).
 */
import {spawn} from 'node:child_process';
import {clearInterval, setImmediate, setInterval} from 'node:timers';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {stripVTControlCharacters} from 'node:util';
import {envNumber, needBuild, rootDir, sleep, stats, tempDir} from './lib/common.mjs';

const keys = envNumber('B3T_KEYS', 40);
const columns = 200;
const rows = 50;
const wall = () => performance.timeOrigin + performance.now();

if (process.argv[2] === '--typist') {
	// The child: type `count` letters, jittered ~250 ms apart, after a start delay; log send times.
	const count = Number(process.argv[3]);
	await sleep(Number(process.argv[4]));
	process.stdout.write(':');
	await sleep(300);
	const sent = [];
	for (let i = 0; i < count; i++) {
		await sleep(250 * (0.6 + Math.random() * 0.8));
		sent.push(wall());
		process.stdout.write('abcdefghijklmnopqrstuvwxyz'[i % 26]);
	}

	await sleep(300);
	process.stderr.write(JSON.stringify(sent));
	process.exit(0);
}

needBuild();
delete process.env.CI;
const {renderFixture, paneSource, writeBoard} = await import('./lib/dashboard-fixture.mjs');
const {JobStore} = await import('../dist/store/job-store.js');
const {TerminalScreen} = await import('../dist/terminal/terminal-screen.js');
const {sgrLine} = await import('./workloads/text.mjs');
const instances = (await import(pathToFileURL(path.join(rootDir, 'node_modules/ink/build/instances.js')).href))
	.default;

const root = path.join(tempDir('b3t'), '.xsarena');
const ids = writeBoard(root);
const store = JobStore.open(root, {watch: false, fsync: 'never'});
const screens = ids.inFlight.map(() => new TerminalScreen({cols: 98, rows: 13, scrollback: 1000}));
const panes = ids.inFlight.map((jobId, index) => ({
	jobId,
	run: 1,
	agent: 'shell',
	startedAt: new Date().toISOString(),
	screen: screens[index],
}));
const source = paneSource(panes);
for (const screen of screens) screen.onChange(() => source.changed());

const fixture = await renderFixture({store, panes: source, columns, rows});
const {stdin} = fixture.terminal;
const reads = [];
const read = stdin.read.bind(stdin);
stdin.read = (...args) => {
	const chunk = read(...args);
	if (chunk !== null) reads.push({t: wall(), text: String(chunk)});
	return chunk;
};

const ink = instances.get(fixture.terminal.stdout);
const layouts = [];
const layout = ink.rootNode.onComputeLayout;
ink.rootNode.onComputeLayout = () => {
	const t = wall();
	layout();
	layouts.push({t, ms: wall() - t});
};
// The surface hooks the root's layout once a pane registers: hook again on top of it, later.
setTimeout(() => {
	const inner = ink.rootNode.onComputeLayout;
	ink.rootNode.onComputeLayout = () => {
		const t = wall();
		inner();
		layouts.push({t, ms: wall() - t});
	};
}, 1000);
const builds = [];
const build = fixture.metrics.render.bind(fixture.metrics);
fixture.metrics.render = (ms) => {
	builds.push({t: wall(), ms});
	build(ms);
};
const writes = [];
const stdout = fixture.terminal.stdout;
const write = stdout.write;
stdout.write = function (chunk, ...rest) {
	const t = wall();
	const result = write.call(this, chunk, ...rest);
	writes.push({t, end: wall(), text: String(chunk)});
	return result;
};

// The flood: 5 MB/s per pane in 10 ms steps, never more than 1 MiB waiting to be parsed. With
// B3T_SLICE, each emulator is handed at most that many characters at a time, the next piece after the
// last is parsed and the poll phase has run (setImmediate): a model of parsing in short slices, so a key
// waits behind one slice per pane instead of xterm's 12 ms per pane.
let line = 0;
const step = envNumber('B3T_RATE', 5_000_000) / 100;
const slice = envNumber('B3T_SLICE', 0);
const queued = screens.map(() => ({pieces: [], size: 0, busy: false}));
const feed = (index) => {
	const queue = queued[index];
	const piece = queue.pieces.shift();
	if (piece === undefined) {
		queue.busy = false;
		return;
	}

	queue.busy = true;
	screens[index].write(piece, () => {
		queue.size -= piece.length;
		setImmediate(() => feed(index));
	});
};

const flood = setInterval(() => {
	screens.forEach((screen, index) => {
		const queue = queued[index];
		if (screen.pendingBytes + queue.size > 1 << 20) return;
		let chunk = '';
		while (chunk.length < step) chunk += `${sgrLine(++line)}\r\n`;
		if (slice === 0) {
			screen.write(chunk);
			return;
		}

		for (let at = 0; at < chunk.length; at += slice) queue.pieces.push(chunk.slice(at, at + slice));
		queue.size += chunk.length;
		if (!queue.busy) feed(index);
	});
}, 10);

// Keys come through a pipe from the typist, read when the loop gets to its poll phase; it starts once
// the flood has run for a while.
const here = fileURLToPath(import.meta.url);
const typist = spawn(process.execPath, [here, '--typist', String(keys), '1500'], {stdio: ['ignore', 'pipe', 'pipe']});
let sentLog = '';
typist.stderr.on('data', (chunk) => (sentLog += chunk));
typist.stdout.on('data', (chunk) => stdin.write(chunk));
const exited = new Promise((resolve) => typist.on('exit', resolve));
await exited;
clearInterval(flood);
await sleep(200);
const sent = JSON.parse(sentLog);

// Join: the i-th letter read after ':' is the i-th sent (a busy loop may read several in one chunk).
const letterReads = reads.flatMap((r) => [...r.text].filter((c) => /[a-z]/.test(c)).map((text) => ({t: r.t, text})));
const rowsOut = [];
let typed = '';
for (let i = 0; i < Math.min(sent.length, letterReads.length); i++) {
	typed += letterReads[i].text;
	const tRead = letterReads[i].t;
	const plainEcho = new RegExp(`› ${typed}(\\s|$)`);
	const echo = writes.find((w) => w.t >= tRead && plainEcho.test(stripVTControlCharacters(w.text)));
	const echoPaint = writes.find((w) => w.t >= tRead && w.text.includes(`${typed}\u001B[7m`));
	const shown = [echo, echoPaint].filter(Boolean).sort((a, b) => a.t - b.t)[0];
	const next = letterReads[i + 1]?.t ?? Number.POSITIVE_INFINITY;
	const lay = layouts.find((l) => l.t >= tRead && l.t < next);
	const built = builds.find((b) => b.t >= tRead && b.t < next);
	rowsOut.push({
		wait: tRead - sent[i],
		react: lay ? lay.t - tRead : undefined,
		layout: lay?.ms,
		build: built?.ms,
		echo: shown ? shown.end - tRead : undefined,
		write: shown ? shown.end - shown.t : undefined,
		bytes: shown?.text.length,
	});
}

if (process.env.B3T_DEBUG) {
	const sample = writes.filter((w) => w.text.includes('›')).at(-1);
	console.log(JSON.stringify(sample?.text.slice(sample.text.indexOf('›') - 40, sample.text.indexOf('›') + 80)));
	for (const [index, row] of rowsOut.entries()) {
		if (row.echo === undefined || row.echo > 30) console.log(index, JSON.stringify(row), JSON.stringify(letterReads[index]));
	}
}

fixture.stop();
await store.close();
const pick = (name) => rowsOut.map((r) => r[name]).filter((x) => typeof x === 'number');
const summary = {};
for (const name of ['wait', 'react', 'layout', 'build', 'echo', 'write', 'bytes']) {
	const s = stats(pick(name));
	summary[name] = {n: s.count, p50: s.median, p95: s.p95, max: s.max};
}

const missed = rowsOut.filter((r) => r.echo === undefined).length;
const all = 'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, sent.length);
if (!writes.some((w) => stripVTControlCharacters(w.text).includes(all))) {
	console.log(`the whole typed line (${all}) never reached the terminal`);
}

console.log(JSON.stringify({keys: rowsOut.length, missedEchoes: missed, ...summary}));
for (const [name, s] of Object.entries(summary)) {
	console.log(`${name.padEnd(7)} n ${String(s.n).padStart(3)}  p50 ${s.p50}  p95 ${s.p95}  max ${s.max}`);
}

process.exit(0);
