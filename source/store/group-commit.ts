/**
 * Group commit for `store.fsync: batch`: appends are written at once (one `write()` each, so they
 * are in the kernel and survive a crash of this process), and the `fdatasync` that makes them
 * survive a power loss runs once per group, for every file written in the last few milliseconds.
 *
 * Costs measured here (PITFALLS.md): ~290 k appends/s without sync, ~3.7 k/s with one `fdatasync`
 * per append. A group of all the appends within {@link GroupCommitOptions.delayMs} pays one sync
 * per file instead of one per append.
 *
 * `fdatasync` works on the file (its inode), not on the descriptor, so the group holds one
 * descriptor per file written (a counted reference: a log's cached descriptor stays open for its next
 * appends, and one closed meanwhile is closed only after its sync).
 */
import fs from 'node:fs';
import type {LogDescriptor} from './descriptors.js';
import {errorMessage} from './fs-errors.js';

/** Options of a {@link GroupCommit}. */
export type GroupCommitOptions = {
	/** Longest wait in ms between an append and the start of its group's `fdatasync`. Default 5. */
	readonly delayMs?: number;
	/**
	 * A group's `fdatasync` failed (EIO, or ENOSPC from delayed allocation): its appends were
	 * acknowledged but may not survive a power loss. Called once per failed group, with the error
	 * that {@link GroupCommit.flushed} rejects with.
	 */
	readonly onError?: (error: Error) => void;
};

type Pending = {readonly descriptor: LogDescriptor; readonly file: string};

type Group = {
	/** One descriptor per file (key: device and inode), synced and then released. */
	readonly files: Map<string, Pending>;
	readonly done: Promise<void>;
	readonly resolve: () => void;
	readonly reject: (error: Error) => void;
};

/** Collects written descriptors and syncs them together; see the file comment. */
export class GroupCommit {
	readonly #delayMs: number;
	readonly #onError: ((error: Error) => void) | undefined;
	/** The group collecting appends now; its sync has not started. */
	#pending: Group | undefined;
	/** The group being synced (at most one at a time, so groups finish in order). */
	#syncing: Group | undefined;
	#timer: NodeJS.Timeout | undefined;

	constructor(options: GroupCommitOptions = {}) {
		this.#delayMs = options.delayMs ?? 5;
		this.#onError = options.onError;
	}

	/**
	 * `descriptor` of `file` was just written: sync it within {@link GroupCommitOptions.delayMs} ms
	 * (plus the time the previous group's sync takes). The group takes its own reference until then;
	 * the caller keeps and releases its own. Two descriptors of one file (device and inode) cost one
	 * sync (a file replaced meanwhile is a different inode).
	 */
	add(descriptor: LogDescriptor, file: string): void {
		const group = (this.#pending ??= newGroup());
		const key = `${descriptor.dev}:${descriptor.ino}`;
		if (!group.files.has(key)) {
			// The same file already waiting: its sync covers these bytes too.
			descriptor.retain();
			group.files.set(key, {descriptor, file});
		}

		// Referenced on purpose: a one-shot command that forgets to close still syncs before it exits (≤ delayMs).
		this.#timer ??= setTimeout(() => {
			this.#timer = undefined;
			this.#startNext();
		}, this.#delayMs);
	}

	/**
	 * Resolves when every descriptor handed over so far has been synced (at once when none is
	 * waiting). Rejects with the first sync error of those groups (the message names the file).
	 */
	async flushed(): Promise<void> {
		const waits = [this.#syncing?.done, this.#pending?.done].filter((done) => done !== undefined);
		await Promise.all(waits);
	}

	/** Start syncing the waiting group now instead of after the delay; then as {@link flushed}. */
	async flush(): Promise<void> {
		if (this.#pending) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
			// While another group syncs, this one starts as soon as that one is done.
			this.#startNext();
		}

		await this.flushed();
	}

	/** True while a group waits or syncs. */
	get busy(): boolean {
		return this.#pending !== undefined || this.#syncing !== undefined;
	}

	#startNext(): void {
		if (this.#syncing || !this.#pending) {
			// The running group calls this again when it is done.
			return;
		}

		const group = this.#pending;
		this.#pending = undefined;
		this.#syncing = group;
		void syncGroup(group).then((error) => {
			this.#syncing = undefined;
			if (error) {
				group.reject(error);
				this.#onError?.(error);
			} else {
				group.resolve();
			}

			// Appends that came while this group synced have waited at least as long as the delay.
			if (this.#pending && this.#timer === undefined) {
				this.#startNext();
			}
		});
	}
}

function newGroup(): Group {
	let resolve!: () => void;
	let reject!: (error: Error) => void;
	const done = new Promise<void>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	// Nobody may be waiting for this group: its error also goes to `onError`, so it is never lost.
	done.catch(() => undefined);
	return {files: new Map(), done, resolve, reject};
}

/** `fdatasync` every descriptor of `group` in parallel (the libuv pool), release them; the first error. */
async function syncGroup(group: Group): Promise<Error | undefined> {
	const results = await Promise.all(
		[...group.files.values()].map(
			async ({descriptor, file}) =>
				new Promise<Error | undefined>((resolve) => {
					fs.fdatasync(descriptor.fd, (error) => {
						descriptor.release();
						resolve(
							error
								? new Error(`could not sync ${file} to disk: ${errorMessage(error)}`, {cause: error})
								: undefined,
						);
					});
				}),
		),
	);
	return results.find((error) => error !== undefined);
}
