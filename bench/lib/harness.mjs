/** Running the peers' tmux harness (`../shared/bench/peers/tmuxbench.mjs`) and reading its result. */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {rootDir, tmuxbench} from './common.mjs';

/**
 * Run `tmuxbench.mjs <mode> …options -- command` and return its JSON result (also appended to
 * `jsonFile` when given), or `null` when it failed (its stderr is printed).
 *
 * @param {'startup' | 'load' | 'latency'} mode
 * @param {Record<string, string | number | undefined>} options without the leading `--`
 * @param {string} command run under `bash -c` in the tmux window
 */
export function harness(mode, options, command, jsonFile) {
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-harness-')), 'result.jsonl');
	const args = [tmuxbench, mode, '--json', out];
	for (const [key, value] of Object.entries(options)) {
		if (value !== undefined) {
			args.push(`--${key}`, String(value));
		}
	}

	args.push('--', command);
	const run = spawnSync(process.execPath, args, {cwd: rootDir, encoding: 'utf8', timeout: 20 * 60 * 1000});
	let result = null;
	try {
		result = JSON.parse(fs.readFileSync(out, 'utf8').trim().split('\n').at(-1));
	} catch {
		process.stderr.write(`tmuxbench ${mode} ${options.label ?? ''} failed:\n${run.stderr}\n`);
	}

	fs.rmSync(path.dirname(out), {recursive: true, force: true});
	if (result && jsonFile) {
		fs.mkdirSync(path.dirname(jsonFile), {recursive: true});
		fs.appendFileSync(jsonFile, `${JSON.stringify(result)}\n`);
	}

	return result;
}
