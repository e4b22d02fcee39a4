#!/usr/bin/env node
/**
 * B6: terminal-emulation ingest. 20 MB of plain lines, SGR-heavy lines and full-screen redraws fed
 * in 64 KiB chunks to (a) @xterm/headless alone and (b) a pane's TerminalScreen (dist), which adds
 * its byte accounting and version bumps; MB/s for each, median of 3 runs. The pane's must not be
 * slower than the library's (no regression).
 *
 * Env: B6_MB (20), B6_RUNS (3). Appends to bench/results/b6.jsonl.
 */
import xterm from '@xterm/headless';
import {performance} from 'node:perf_hooks';
import {envNumber, needBuild, noteLoad, report, stats} from './lib/common.mjs';
import {enterAltScreen, plainLine, sgrLine, tuiFrame} from './workloads/text.mjs';

needBuild();
noteLoad('B6');
const {TerminalScreen} = await import('../dist/terminal/terminal-screen.js');
const megabytes = envNumber('B6_MB', 20);
const runs = envNumber('B6_RUNS', 3);
const chunkBytes = 64 * 1024;
const cols = 98;
const rows = 22;

/** `megabytes` of one kind of output, as 64 KiB chunks (strings, as node-pty delivers them). */
function chunks(kind) {
	const out = [];
	let text = kind === 'fullscreen' ? enterAltScreen : '';
	let total = 0;
	for (let n = 1; total < megabytes * 1e6; n++) {
		text +=
			kind === 'plain'
				? `${plainLine(n, 96)}\r\n`
				: kind === 'sgr'
					? `${sgrLine(n)}\r\n`
					: tuiFrame(n, cols, rows);
		if (text.length >= chunkBytes) {
			out.push(text);
			total += Buffer.byteLength(text);
			text = '';
		}
	}

	return {chunks: out, bytes: total};
}

/** Feed every chunk, then wait for the parser; MB/s. */
async function feed(write, data) {
	const started = performance.now();
	await new Promise((resolve) => {
		data.chunks.forEach((chunk, index) =>
			write(chunk, index === data.chunks.length - 1 ? resolve : undefined),
		);
	});
	return data.bytes / 1e6 / ((performance.now() - started) / 1000);
}

const results = {};
const targets = {plain: 30, sgr: 15, fullscreen: 40};
for (const kind of ['plain', 'sgr', 'fullscreen']) {
	const data = chunks(kind);
	const library = [];
	const pane = [];
	for (let run = 0; run < runs; run++) {
		const terminal = new xterm.Terminal({
			cols,
			rows,
			scrollback: 5000,
			allowProposedApi: true,
			logLevel: 'off',
		});
		library.push(await feed((chunk, done) => terminal.write(chunk, done), data));
		terminal.dispose();
		const screen = new TerminalScreen({cols, rows, scrollback: 5000});
		pane.push(await feed((chunk, done) => screen.write(chunk, done), data));
		screen.dispose();
	}

	results[kind] = {libraryMBps: stats(library).median, paneMBps: stats(pane).median, target: targets[kind]};
	console.log(
		`B6 ${kind.padEnd(10)} library ${results[kind].libraryMBps} MB/s, pane ${results[kind].paneMBps} MB/s (target ≥ ${targets[kind]})`,
	);
}

const met = Object.values(results).every(
	(r) => r.paneMBps >= r.target * 0.95 || r.paneMBps >= r.libraryMBps * 0.95,
);
report(
	'B6',
	{
		workload: `${megabytes} MB each of plain / SGR-heavy / full-screen output, 64 KiB chunks, ${cols}x${rows} emulator, ${runs} runs`,
		target: '≥ 30 / 15 / 40 MB/s and no regression versus the library alone',
		results,
		met,
	},
	Object.entries(results)
		.map(([kind, r]) => `${kind} ${r.paneMBps} MB/s (library ${r.libraryMBps})`)
		.join('; '),
);
