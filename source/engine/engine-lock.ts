/**
 * The engine lock: at most one process per `.xsarena/` dispatches jobs (FAULTS R4). Others may watch
 * the board (a viewer) and append events, but never start runs.
 *
 * A pid file created with `O_EXCL`, holding the owner's pid and process start time. A lock whose owner
 * is gone (kill -9, crash) is stale and taken over at once: the start time guards against a reused pid.
 * (proper-lockfile's mtime-based staleness would make a restart after kill -9 wait for the stale period.)
 */
import fs from 'node:fs';
import os from 'node:os';

/** What the lock file says about its owner. */
export type EngineLockInfo = {
	/** The owning engine's id. */
	readonly engine: string;
	readonly pid: number;
	readonly host: string;
	/** Process start time in clock ticks since boot (`/proc/<pid>/stat` field 22), when known. */
	readonly start?: string;
	/** ISO 8601 time the lock was taken. */
	readonly since: string;
};

/** Start time of a process (Linux `/proc/<pid>/stat`, field 22), or `undefined` elsewhere or when gone. */
export function processStartTime(pid: number): string | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function isAlive(info: EngineLockInfo): boolean {
	if (info.host !== os.hostname()) {
		return true; // Cannot check another machine's processes: assume it is alive.
	}

	try {
		process.kill(info.pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}

	const start = processStartTime(info.pid);
	return info.start === undefined || start === undefined || start === info.start;
}

function readInfo(file: string): EngineLockInfo | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as EngineLockInfo;
	} catch {
		return undefined;
	}
}

/** The live owner of the lock, or `undefined` when nobody (alive) holds it. */
export function readEngineLock(file: string): EngineLockInfo | undefined {
	const info = readInfo(file);
	return info && isAlive(info) ? info : undefined;
}

/** A held lock. */
export type EngineLock = {
	readonly info: EngineLockInfo;
	/** Give the lock up (only if this process still holds it). Idempotent. */
	release(): void;
};

/**
 * Take the engine lock for `engine`, replacing a stale one.
 *
 * @returns the lock, or `undefined` when a live process holds it (see {@link readEngineLock}).
 */
export function acquireEngineLock(file: string, engine: string): EngineLock | undefined {
	const info: EngineLockInfo = {
		engine,
		pid: process.pid,
		host: os.hostname(),
		start: processStartTime(process.pid),
		since: new Date().toISOString(),
	};
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(file, JSON.stringify(info), {flag: 'wx', mode: 0o644});
			let released = false;
			return {
				info,
				release() {
					if (!released && readInfo(file)?.engine === engine) {
						fs.rmSync(file, {force: true});
					}

					released = true;
				},
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}
		}

		const owner = readInfo(file);
		if (owner && isAlive(owner)) {
			return undefined;
		}

		// Stale: move it aside atomically, so two processes racing for it cannot both delete a fresh lock.
		try {
			fs.renameSync(file, `${file}.stale-${process.pid}`);
			fs.rmSync(`${file}.stale-${process.pid}`, {force: true});
		} catch {
			// Another process took it over first; try again.
		}
	}

	return undefined;
}
