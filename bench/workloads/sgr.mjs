#!/usr/bin/env node
/**
 * SGR-heavy output: coloured words at `linesPerSecond` (0: as fast as the reader drains).
 *
 *   node sgr.mjs [linesPerSecond=200] [label=sgr]
 */
import fs from 'node:fs';
import {sgrLine} from './text.mjs';

const perSecond = Number(process.argv[2] ?? 200);
const label = process.argv[3] ?? 'sgr';
const maxSeconds = Number(process.env.BENCH_MAX_S ?? 150);
const started = Date.now();
let n = 0;
const wait = new Int32Array(new SharedArrayBuffer(4));
while (Date.now() - started < maxSeconds * 1000) {
	if (perSecond > 0 && n > ((Date.now() - started) / 1000) * perSecond) {
		Atomics.wait(wait, 0, 0, 5);
		continue;
	}

	n++;
	try {
		fs.writeSync(1, `${label} ${sgrLine(n)}\n`);
	} catch (error) {
		if (error.code !== 'EAGAIN') {
			process.exit(0);
		}
	}
}
