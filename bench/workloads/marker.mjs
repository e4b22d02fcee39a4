#!/usr/bin/env node
/**
 * Marker: prints `MK#<5-digit seq>#` every `intervalMs`, and just before each write appends
 * `<seq> <epoch ms>` to `$BENCH_RUN_DIR/marks.log` (the format of the peers' harness).
 *
 *   node marker.mjs [intervalMs=200] [count=0 (until killed, capped by BENCH_MAX_S)]
 */
import fs from 'node:fs';
import {clearInterval, setInterval} from 'node:timers';

const interval = Number(process.argv[2] ?? 200);
const count = Number(process.argv[3] ?? 0);
const maxSeconds = Number(process.env.BENCH_MAX_S ?? 150);
const dir = process.env.BENCH_RUN_DIR;
const started = Date.now();
let seq = 0;
process.stdout.write('marker child started\n');
const timer = setInterval(() => {
	seq++;
	if (dir) {
		fs.appendFileSync(`${dir}/marks.log`, `${seq} ${Date.now()}\n`);
	}

	try {
		fs.writeSync(1, `MK#${String(seq).padStart(5, '0')}#\n`);
	} catch {
		process.exit(0);
	}

	if ((count > 0 && seq >= count) || Date.now() - started > maxSeconds * 1000) {
		clearInterval(timer);
		setTimeout(() => process.exit(0), 2000);
	}
}, interval);
