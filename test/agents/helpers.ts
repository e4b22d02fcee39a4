import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {AgentProcess, PtySpec} from '../../source/agents/agent-process.js';
import {waitFor as sharedWaitFor} from '../helpers/wait-for.js';

/** The shared bounded wait (`test/helpers/wait-for.ts`), for boolean predicates, checking every 10 ms. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	await sharedWaitFor(predicate, timeoutMs, () => `waiting for ${what}`, 10);
}

/** Rejects after `timeoutMs`, so a hung process fails the test instead of the whole run. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new Error(`${what} did not settle within ${timeoutMs} ms`));
		}, timeoutMs);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** A fresh temporary folder. */
export function temporaryFolder(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-agents-'));
}

/** The environment the tests' children get: ours, minus nothing, as plain strings. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined) {
			env[key] = value;
		}
	}

	return {...env, ...extra};
}

/** A pty spec for `file args…` in the temp folder, 80×24. */
export function ptySpec(file: string, args: readonly string[], extra: Partial<PtySpec> = {}): PtySpec {
	return {file, args, cwd: os.tmpdir(), env: testEnv(), cols: 80, rows: 24, ...extra};
}

/** Collects a process's whole output and its exit. */
export async function collect(
	agent: AgentProcess,
): Promise<{output: string; code: number | null; signal: string | null}> {
	let output = '';
	agent.onData((data) => {
		output += data;
	});
	const exit = await new Promise<{code: number | null; signal: string | null}>((resolve) => {
		agent.onExit(resolve);
	});
	return {output, ...exit};
}

/** Open descriptors of this process. */
export function openDescriptors(): number {
	return fs.readdirSync('/proc/self/fd').length;
}

/** Pids of the live (non-zombie) members of a process group, by `ps` (independent of the code under test). */
export function liveGroupMembers(pgid: number): number[] {
	const listing = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat='], {encoding: 'utf8'});
	return listing
		.split('\n')
		.map((line) => line.trim().split(/\s+/u))
		.filter(([, group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith('Z'))
		.map(([pid]) => Number(pid));
}
