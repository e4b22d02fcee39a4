#!/usr/bin/env node
/**
 * The `xsarena` entry: no arguments open the dashboard; arguments run one command and exit.
 *
 * React's development build makes every frame ~3× slower (PITFALLS.md), and ESM imports are hoisted,
 * so the environment is set here and the program is loaded afterwards.
 *
 * The program is loaded from `dist/bundle/` when `npm run build` made one after the last compile: one
 * file per chunk instead of ~1,000 modules, which halves the time to the first frame (BENCHMARKS.md
 * B1; most of a cold start is Node resolving, reading and compiling modules). `XSARENA_NO_BUNDLE=1`
 * loads the compiled modules instead.
 *
 * `XSARENA_TRACE_STARTUP=<file>` writes when each stage of the start was reached (`ui/profile/startup-trace.ts`).
 */
import fs from 'node:fs';
import * as nodeModule from 'node:module';
import type * as Program from './app/main.js';
import {traceStartup} from './ui/profile/startup-trace.js';

traceStartup('cli: entry');
// Node ≥ 22.1 keeps V8's compiled code of our modules on disk (in the system temp folder, or
// $NODE_COMPILE_CACHE), so later starts skip most compiling; Node 20 has no such API.
(nodeModule as {enableCompileCache?: () => unknown}).enableCompileCache?.();

process.env['NODE_ENV'] ??= 'production';

/** `./bundle/main.js` when it exists and is not older than the last compile (`.tsbuildinfo`). */
function programEntry(): string {
	if (process.env['XSARENA_NO_BUNDLE'] === '1') {
		return './app/main.js';
	}

	try {
		const bundle = fs.statSync(new URL('bundle/main.js', import.meta.url));
		const compiled = fs.statSync(new URL('.tsbuildinfo', import.meta.url), {throwIfNoEntry: false});
		return compiled === undefined || bundle.mtimeMs >= compiled.mtimeMs
			? './bundle/main.js'
			: './app/main.js';
	} catch {
		return './app/main.js';
	}
}

const argv = process.argv.slice(2);
// chalk, under Ink, reads `--no-color` from process.argv and then draws no SGR at all, so a
// selection's inverse would vanish too. The flag is ours (main.ts): it turns off colours only.
const end = process.argv.indexOf('--');
process.argv = process.argv.filter(
	(argument, index) => argument !== '--no-color' || (end !== -1 && index > end),
);
const {main} = (await import(programEntry())) as typeof Program;
traceStartup('cli: program loaded');
process.exitCode = await main(argv);
