#!/usr/bin/env node
/**
 * Flood: numbered lines as fast as the reader drains them, or at a fixed rate.
 *
 *   node flood.mjs [seconds=0] [label=flood] [bytesPerSecond=0] [style=plain|sgr]
 *
 * `seconds` 0 runs until killed (capped by BENCH_MAX_S, default 150 s). `bytesPerSecond` 0 is as fast
 * as writes succeed (a blocked pty blocks us: the count is then the reader's drain rate). With
 * BENCH_RUN_DIR set, the running line count goes to `$BENCH_RUN_DIR/count.<pid>` every 250 ms (the
 * peers' harness reads these).
 */
import fs from 'node:fs';
import {plainLine, sgrLine} from './text.mjs';

const seconds = Number(process.argv[2] ?? 0);
const label = (process.argv[3] ?? 'flood').slice(0, 12);
const rate = Number(process.argv[4] ?? 0);
const style = process.argv[5] ?? 'plain';
const maxSeconds = Number(process.env.BENCH_MAX_S ?? 150);
const end = Date.now() + 1000 * (seconds > 0 ? Math.min(seconds, maxSeconds) : maxSeconds);
const dir = process.env.BENCH_RUN_DIR;
const wait = new Int32Array(new SharedArrayBuffer(4));
let lines = 0;
let bytes = 0;
let flushed = 0;

function flushCount() {
	if (dir) {
		try {
			fs.writeFileSync(`${dir}/.tmp.${process.pid}`, String(lines));
			fs.renameSync(`${dir}/.tmp.${process.pid}`, `${dir}/count.${process.pid}`);
		} catch {
			// The folder went away with the run.
		}
	}
}

for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT']) {
	process.on(signal, () => {
		flushCount();
		process.exit(0);
	});
}

const started = Date.now();
while (Date.now() < end) {
	const now = Date.now();
	if (now - flushed >= 250) {
		flushCount();
		flushed = now;
	}

	if (rate > 0 && bytes > ((now - started) / 1000) * rate) {
		Atomics.wait(wait, 0, 0, 5);
		continue;
	}

	let chunk = '';
	for (let i = 0; i < 16; i++) {
		lines++;
		chunk += `${label} ${style === 'sgr' ? sgrLine(lines) : plainLine(lines, 79 - label.length - 1)}\n`;
	}

	try {
		fs.writeSync(1, chunk);
		bytes += Buffer.byteLength(chunk);
	} catch (error) {
		if (error.code === 'EAGAIN') {
			lines -= 16;
			Atomics.wait(wait, 0, 0, 1);
			continue;
		}

		flushCount();
		process.exit(0); // EIO/EPIPE: the reader is gone.
	}
}

flushCount();
