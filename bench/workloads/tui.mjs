#!/usr/bin/env node
/**
 * A full-screen program: enters the alternate screen and redraws all of it `fps` times a second at
 * the pty's size (like htop or an AI CLI), leaving the alternate screen on SIGTERM/SIGHUP.
 *
 *   node tui.mjs [fps=10]
 */
import {enterAltScreen, tuiFrame} from './text.mjs';
import {setInterval} from 'node:timers';

const fps = Number(process.argv[2] ?? 10);
const maxSeconds = Number(process.env.BENCH_MAX_S ?? 150);
const started = Date.now();
let n = 0;
process.stdout.write(enterAltScreen);
const leave = () => {
	process.stdout.write('\u001B[?25h\u001B[?1049l');
	process.exit(0);
};

for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT']) {
	process.on(signal, leave);
}

setInterval(() => {
	n++;
	process.stdout.write(tuiFrame(n, process.stdout.columns || 80, process.stdout.rows || 24));
	if (Date.now() - started > maxSeconds * 1000) {
		leave();
	}
}, 1000 / fps);
