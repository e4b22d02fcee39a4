/** A command context over a store in a fresh temporary folder, and ways to run commands against it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {defaultConfig, type Config} from '../../source/config/config.js';
import {runArgv, type RunOutcome} from '../../source/commands/runner.js';
import {tokenizeLine} from '../../source/commands/tokenize.js';
import type {CommandContext} from '../../source/commands/types.js';
import {homePaths} from '../../source/store/paths.js';
import {JobStore} from '../../source/store/job-store.js';

/** Stores opened by {@link setup}; close them in `afterEach` with {@link closeStores}. */
const stores: JobStore[] = [];

/** Close every store opened by {@link setup}. */
export async function closeStores(): Promise<void> {
	await Promise.all(stores.splice(0).map(async (store) => store.close()));
}

/** Extra context fields for one test. */
export type SetupOptions = {
	readonly config?: Config;
	readonly write?: (text: string) => void;
	readonly signal?: AbortSignal;
	readonly editor?: CommandContext['editor'];
};

/** A temporary `.xsarena/` with a store (not watching: commands refresh as a shell's would). */
export function setup(options: SetupOptions = {}) {
	const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-cmd-')), '.xsarena');
	const store = JobStore.open(root, {watch: false});
	stores.push(store);
	const context: CommandContext = {
		paths: homePaths(root),
		projectDir: path.dirname(root),
		config: options.config ?? defaultConfig,
		store,
		origin: 'cli',
		write: options.write,
		signal: options.signal,
		editor: options.editor,
	};
	const cli = async (...argv: string[]) => runArgv(argv, async () => context, 'cli');
	const repl = async (line: string) =>
		runArgv(tokenizeLine(line), async () => ({...context, origin: 'repl', write: undefined}), 'repl');
	/** Another process's store on the same folder. */
	const other = () => {
		const second = JobStore.open(root, {watch: false});
		stores.push(second);
		return second;
	};

	return {root, store, context, cli, repl, other};
}

/** Assert a command succeeded with nothing on stderr; its stdout, trimmed. */
export function ok(outcome: RunOutcome): string {
	expect(outcome.stderr).toBe('');
	expect(outcome.exitCode).toBe(0);
	return outcome.stdout.trim();
}
