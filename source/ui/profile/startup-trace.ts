/**
 * Where a cold start spends its time (BENCHMARKS B1): with `XSARENA_TRACE_STARTUP=<file>` set, each
 * stage of the start appends one line `<ms since the process started> cpu <ms of CPU used> <stage>`
 * to that file (CPU time is what a loaded machine does not inflate). Without
 * it, a call costs one comparison.
 *
 * Stateless on purpose: `cli.js` loads its own copy before the bundle (which has another), and both
 * must write to the same file.
 */
import fs from 'node:fs';

const file = process.env['XSARENA_TRACE_STARTUP'];

/** Whether stages are being traced (`XSARENA_TRACE_STARTUP` names a file). */
export const startupTraced = file !== undefined && file !== '';

/**
 * Note that `stage` was reached, at `performance.now()` (ms since the process started). Never
 * throws: a trace that cannot be written is dropped.
 */
export function traceStartup(stage: string): void {
	if (file === undefined || file === '') {
		return;
	}

	try {
		const {user, system} = process.cpuUsage();
		const cpu = ((user + system) / 1000).toFixed(0);
		fs.appendFileSync(file, `${performance.now().toFixed(1)} cpu ${cpu} ${stage}\n`);
	} catch {
		// A trace is a diagnostic: it never stops the program.
	}
}
