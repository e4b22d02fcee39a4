#!/usr/bin/env node
/**
 * A quiet agent: prints `<label> tick <n>` every `intervalMs` (B5's quiet panes, B13's steady panes).
 *
 *   node tick.mjs [label=quiet] [intervalMs=1000] [linesPerTick=1]
 */
import {plainLine} from './text.mjs';
import {setInterval} from 'node:timers';

const label = process.argv[2] ?? 'quiet';
const interval = Number(process.argv[3] ?? 1000);
const perTick = Number(process.argv[4] ?? 1);
const maxSeconds = Number(process.env.BENCH_MAX_S ?? 150);
const started = Date.now();
let n = 0;
setInterval(() => {
	n++;
	let out = `${label} tick ${n}\n`;
	for (let i = 1; i < perTick; i++) {
		out += `${plainLine(n * perTick + i, 70)}\n`;
	}

	process.stdout.write(out);
	if (Date.now() - started > maxSeconds * 1000) {
		process.exit(0);
	}
}, interval);
