/**
 * Ending an agent with everything it started. node-pty's `kill()` signals only the direct child, while
 * agents spawn grandchildren (MCP servers, dev servers, test runners), so we signal the process group:
 * the pty child is a session leader, hence its pid is also its process-group id (PITFALLS.md, R6, R7).
 * Processes that leave the group on purpose (`setsid`, detached children) escape this; only a cgroup
 * would catch them.
 */
import fs from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

/** Grace period between SIGTERM and SIGKILL when none is given, in ms. */
export const defaultGraceMs = 5000;

/** How long to wait for the group to vanish after SIGKILL, in ms. */
const afterKillMs = 2000;
const pollMs = 20;

function checkGroupId(pgid: number): void {
	// -0 and -1 would signal our own group or every process we may signal: never let that through.
	if (!Number.isInteger(pgid) || pgid <= 1 || pgid === process.pid) {
		throw new RangeError(`not a process-group id of a child: ${pgid}`);
	}
}

/**
 * Whether some member of the group is not a zombie, by scanning `/proc` (Linux). Orphaned grandchildren
 * become zombies that stay until PID 1 reaps them, and some container inits reap late or never (here:
 * seconds), while `kill(-pgid, 0)` still counts them. A zombie holds no memory or descriptors.
 * Without a readable `/proc`, every member counts as alive.
 */
function hasLiveMember(pgid: number): boolean {
	let entries: string[];
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return true;
	}

	for (const entry of entries) {
		if (entry.charCodeAt(0) < 0x30 || entry.charCodeAt(0) > 0x39) {
			continue;
		}

		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
		} catch {
			continue; // Gone since readdir.
		}

		// `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses, so parse after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') {
			return true;
		}
	}

	return false;
}

/**
 * Whether any live (non-zombie) process is left in process group `pgid`.
 * @throws {RangeError} for a pgid ≤ 1, our own pid, or a non-integer.
 */
export function isGroupAlive(pgid: number): boolean {
	checkGroupId(pgid);
	try {
		process.kill(-pgid, 0);
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'ESRCH') {
			return false;
		}

		if (code !== 'EPERM') {
			throw error;
		}
	}

	return hasLiveMember(pgid);
}

/**
 * Sends `signal` to every process of group `pgid`; a group that is already gone is not an error.
 * @throws {RangeError} for a pgid ≤ 1, our own pid, or a non-integer.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	checkGroupId(pgid);
	try {
		process.kill(-pgid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
			throw error;
		}
	}
}

async function waitUntilGone(pgid: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!isGroupAlive(pgid)) {
			return true;
		}

		const left = deadline - Date.now();
		if (left <= 0) {
			return false;
		}

		await delay(Math.min(pollMs, left));
	}
}

/**
 * Ends process group `pgid`: SIGTERM (and SIGCONT, so stopped members can act on it), up to `graceMs`
 * for the group to exit, then SIGKILL. Resolves once no live member is left, or at most ~2 s after
 * SIGKILL (a process stuck in uninterruptible I/O cannot be killed sooner; check `isGroupAlive`).
 * @throws {RangeError} for a pgid ≤ 1, our own pid, or a non-integer.
 */
export async function killProcessGroup(pgid: number, options: {graceMs?: number} = {}): Promise<void> {
	if (!isGroupAlive(pgid)) {
		return;
	}

	signalGroup(pgid, 'SIGTERM');
	signalGroup(pgid, 'SIGCONT');
	if (await waitUntilGone(pgid, Math.max(0, options.graceMs ?? defaultGraceMs))) {
		return;
	}

	signalGroup(pgid, 'SIGKILL');
	await waitUntilGone(pgid, afterKillMs);
}

/**
 * Whether `pid` is still the process that xsarena started for run `run` of job `jobId`: its
 * environment (`/proc/<pid>/environ`, Linux) holds both `XSARENA_JOB_ID` and `XSARENA_RUN`. Guards a
 * kill of a run left behind by a dead engine against a recycled pid. False when it cannot be read.
 */
export function isRunProcess(pid: number, jobId: string, run: number): boolean {
	try {
		const entries = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
		return entries.includes(`XSARENA_JOB_ID=${jobId}`) && entries.includes(`XSARENA_RUN=${run}`);
	} catch {
		return false;
	}
}
