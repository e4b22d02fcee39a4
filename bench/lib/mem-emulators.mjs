/**
 * The `emulators` process of `bench/mem-breakdown.mjs`: N of our terminal emulators at the size of a
 * pane of `watch` with N panes in 200×50, each fed the flood workload's lines (as UTF-8 Buffers, as a
 * run feeds them) as fast as xterm parses them, with the run's 1 MiB high watermark. No UI, no ptys.
 * Runs until killed.
 *
 *   node mem-emulators.mjs [panes=4]
 */
import path from 'node:path';
import {setImmediate, setInterval} from 'node:timers';
import {fileURLToPath} from 'node:url';
import {plainLine} from '../workloads/text.mjs';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const {TerminalScreen} = await import(path.join(root, 'dist', 'terminal', 'terminal-screen.js'));
const {watchPaneSize} = await import(path.join(root, 'dist', 'app', 'watch.js'));
const panes = Number(process.argv[2] ?? 4);
const size = watchPaneSize({columns: 200, rows: 50}, panes);
const high = 1024 * 1024;

for (let index = 0; index < panes; index++) {
	const screen = new TerminalScreen(size);
	const label = `flood-${index + 1}`;
	let lines = 0;
	const pump = () => {
		while (screen.pendingBytes < high) {
			let chunk = '';
			for (let i = 0; i < 256; i++) {
				lines++;
				chunk += `${label} ${plainLine(lines, 79 - label.length - 1)}\n`;
			}

			screen.write(Buffer.from(chunk, 'utf8'), () => {
				if (screen.pendingBytes < high / 8) setImmediate(pump);
			});
		}
	};

	pump();
	// A pane reads its rows once per frame (~20 fps).
	setInterval(() => screen.getRows(), 50);
}
