/**
 * Engine leases: every engine on a `.xsarena/` says it is alive by rewriting its lease file
 * (`engines/<file>.json`) every {@link leaseRenewMs}. A run whose engine's lease has expired (its
 * process died without stopping its runs) may be taken over by another engine; a run whose engine's
 * lease is fresh is never touched, whichever process looks at it.
 *
 * Same-host leases are also checked against the owner's pid and process start time, so a kill -9 is
 * noticed at once instead of after {@link leaseTtlMs}; leases of other hosts (a shared folder) expire
 * by time only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {processStartTime} from './engine-lock.js';

/**
 * How often a lease is renewed, in ms. Each renewal is a wake-up of an otherwise idle process and a
 * new file (B10), so not more often than the time to live needs: a third of it.
 */
export const leaseRenewMs = 5000;
/**
 * A lease not renewed for this long has expired, in ms: two renewals missed and 10 s to spare, so a
 * stalled event loop is not taken for death.
 */
export const leaseTtlMs = 15_000;

/** What a lease file holds. */
export type Lease = {
	readonly engine: string;
	readonly pid: number;
	readonly host: string;
	/** Process start time (`/proc/<pid>/stat` field 22), when known. */
	readonly start?: string;
	/** `exclusive`: a dashboard or a foreground dispatch; `shared`: a headless engine. */
	readonly mode: 'exclusive' | 'shared';
	/** ISO time of the last renewal. */
	readonly renewedAt: string;
};

function leaseFile(dir: string, engine: string): string {
	return path.join(dir, `${engine.replaceAll(/[^\w.-]/g, '_')}.json`);
}

/** Whether `lease` is alive at `now` (ms since the epoch). */
export function isLeaseAlive(lease: Lease, now: number): boolean {
	if (now - Date.parse(lease.renewedAt) > leaseTtlMs) {
		return false;
	}

	if (lease.host !== os.hostname()) {
		return true;
	}

	try {
		process.kill(lease.pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') {
			return false;
		}
	}

	const start = processStartTime(lease.pid);
	return lease.start === undefined || start === undefined || start === lease.start;
}

/** Every lease in `dir` that is alive now, keyed by engine id. Unreadable files are skipped. */
export function liveLeases(dir: string, now = Date.now()): Map<string, Lease> {
	const leases = new Map<string, Lease>();
	let names: string[];
	try {
		names = fs.readdirSync(dir);
	} catch {
		return leases;
	}

	for (const name of names) {
		if (!name.endsWith('.json')) {
			continue;
		}

		try {
			const lease = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Lease;
			if (isLeaseAlive(lease, now)) {
				leases.set(lease.engine, lease);
			}
		} catch {
			// Torn by a crash mid-write, or removed meanwhile: not a live lease.
		}
	}

	return leases;
}

/** This engine's lease: renewed on a timer until {@link EngineLease.release}. */
export class EngineLease {
	readonly #file: string;
	readonly #lease: Omit<Lease, 'renewedAt'>;
	readonly #timer: NodeJS.Timeout;

	/** Write the lease now and renew it every {@link leaseRenewMs}. @throws when `dir` cannot be created. */
	constructor(dir: string, engine: string, mode: Lease['mode']) {
		fs.mkdirSync(dir, {recursive: true});
		this.#file = leaseFile(dir, engine);
		this.#lease = {engine, pid: process.pid, host: os.hostname(), start: processStartTime(process.pid), mode};
		this.renew();
		this.#timer = setInterval(() => {
			this.renew();
		}, leaseRenewMs);
		this.#timer.unref();
	}

	/** Rewrite the lease (temp file and rename, so a reader never sees half of it). Failures are retried next time. */
	renew(): void {
		const temporary = `${this.#file}.${process.pid}.tmp`;
		try {
			fs.writeFileSync(temporary, JSON.stringify({...this.#lease, renewedAt: new Date().toISOString()}));
			fs.renameSync(temporary, this.#file);
		} catch {
			// A full disk or a vanished folder: the lease may expire, and another engine take over.
		}
	}

	/** Stop renewing and remove the lease (the engine stopped its runs first). */
	release(): void {
		clearInterval(this.#timer);
		fs.rmSync(this.#file, {force: true});
	}
}
