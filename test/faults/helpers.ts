/**
 * Shared pieces of the fault tests (FAULTS.md): the fake agents in `test/fixtures/agents/`, runs through
 * {@link RunSession} that are always cleaned up, and `/proc` readers that do not depend on the code under
 * test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {RunSession, type RunSessionOptions} from '../../source/agents/run-session.js';
import {waitFor, within} from '../agents/helpers.js';
import {isAlive, processStat} from '../helpers/processes.js';

/** The folder of the fake agents. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));

/** Absolute path of fake agent `name` (e.g. `stubborn.sh`). */
export function fixture(name: string): string {
	return path.join(fixturesDir, name);
}

/** The 36-byte pattern `huge-line.mjs` and `exit-big.mjs` repeat: byte i of their output is `pattern[i % 36]`. */
export const pattern = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Bytes `start`…`end` (exclusive) of an endless repetition of {@link pattern}. */
export function patternSlice(start: number, end: number): string {
	const offset = start % pattern.length;
	return pattern
		.repeat(Math.ceil((end - start + offset) / pattern.length) + 1)
		.slice(offset, offset + end - start);
}

/** The bounded waits of the agents' tests: a boolean predicate, and a promise that must settle. */
export {waitFor, within};

/** Our environment as plain strings, plus `extra`. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined) {
			env[key] = value;
		}
	}

	return {...env, ...extra};
}

/** One run started by {@link Runs.start}: the session, its temp folder and its `output.log`. */
export type Run = {
	readonly session: RunSession;
	readonly folder: string;
	readonly outputLog: string;
	/** `output.log` as bytes. */
	log(): Buffer;
	/** The screen's viewport text joined by `\n`. */
	text(): string;
};

/**
 * Starts runs in fresh temp folders and cleans every one up (kill the group with a 300 ms grace, wait for
 * the exit, dispose the screen, remove the folder). Call `cleanup()` from `afterEach`.
 */
export class Runs {
	readonly #runs: Run[] = [];

	/** Runs `file args…` in a new temp folder, 80×24, with our environment. */
	start(file: string, args: readonly string[], extra: Partial<RunSessionOptions> = {}): Run {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-faults-'));
		const outputLog = path.join(folder, 'runs', '1', 'output.log');
		let session: RunSession;
		try {
			session = new RunSession({
				file,
				args,
				cwd: folder,
				env: testEnv(),
				cols: 80,
				rows: 24,
				outputLog,
				...extra,
			});
		} catch (error) {
			fs.rmSync(folder, {recursive: true, force: true});
			throw error;
		}

		const run: Run = {
			session,
			folder,
			outputLog,
			log: () => fs.readFileSync(outputLog),
			text: () => session.screen.getText().join('\n'),
		};
		this.#runs.push(run);
		return run;
	}

	/** Ends and removes every run started so far. */
	async cleanup(): Promise<void> {
		const runs = this.#runs.splice(0);
		await Promise.all(
			runs.map(async ({session}) => {
				await session.kill(300);
				await within(session.exited, 5000, `exit of ${session.pid}`);
				session.screen.dispose();
			}),
		);
		for (const {folder} of runs) {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	}
}

/** Waits until the emulator parsed everything written to it. */
export async function parsed(session: RunSession, timeoutMs = 10_000): Promise<void> {
	await waitFor(() => session.screen.pendingBytes === 0, timeoutMs, 'the screen to parse its input');
}

/** Targets of this process's open descriptors (`/proc/self/fd`), one entry per descriptor. */
export function descriptorTargets(): string[] {
	const targets: string[] = [];
	for (const entry of fs.readdirSync('/proc/self/fd')) {
		try {
			targets.push(fs.readlinkSync(`/proc/self/fd/${entry}`));
		} catch {
			// Closed since readdir (the readdir's own descriptor is one of these).
		}
	}

	return targets;
}

/** Open descriptors of this process and how many of them are pty masters or slaves. */
export function descriptorCounts(): {all: number; pty: number} {
	const targets = descriptorTargets();
	return {
		all: targets.length,
		pty: targets.filter((target) => target === '/dev/ptmx' || target.startsWith('/dev/pts/')).length,
	};
}

/** The `/proc` process readers every process test shares. */
export {processStat, isAlive as isLive};

/** Pids of the live (non-zombie) processes of group `pgid`, by scanning `/proc`. */
export function liveGroupMembers(pgid: number): number[] {
	const members: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) {
			continue;
		}

		const stat = processStat(pid);
		if (stat?.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') {
			members.push(pid);
		}
	}

	return members;
}

/** Removes SGR sequences (`ESC[…m`) from a row built by the screen. */
export function stripSgr(row: string): string {
	// eslint-disable-next-line no-control-regex
	return row.replaceAll(/\u001B\[[\d;:]*m/gu, '');
}
