/**
 * One job's `events.jsonl`: append whole lines, read whole lines from a byte offset.
 *
 * The write discipline follows PITFALLS.md ("Append-only JSONL logs"): every batch is one `write()`
 * on a descriptor opened with `O_APPEND`, which several processes on a local filesystem can do at
 * once without interleaving. Nothing else about the file is trusted: the reader parses only lines
 * that end in `\n`, and turns every bad line into a report instead of an exception.
 *
 * A record torn by a crash (the file ends without `\n`) is reported by the reader and repaired by
 * the next append, under the job's lock: the file is truncated back to its last whole line and the
 * torn bytes are kept in `events.jsonl.corrupt-<ms>` (FAULTS R1). Earlier lines are never rewritten.
 *
 * With a {@link DescriptorCache} (a store's logs share one), the file stays open between calls and
 * each append costs one `stat` and one `write()`: see `descriptors.ts` for how a log deleted or
 * replaced meanwhile is noticed.
 */
import fs from 'node:fs';
import type {JobEvent} from '../core/events.js';
import {
	openForAppend,
	openForRead,
	type DescriptorCache,
	type LogDescriptor,
	type OpenLog,
} from './descriptors.js';
import {byteBefore, countLines, scanLines, type LogPosition} from './line-scanner.js';
import {errorMessage} from './fs-errors.js';
import {AppendBatch} from './append-batch.js';
import {GroupCommit} from './group-commit.js';
import {parseText, serialiseLine} from './parse-line.js';
import {sleepSync} from './sleep-sync.js';
import {endsTorn, lastLineEnd, saveTorn, takeBack} from './tail-repair.js';

/** A byte offset at a line boundary and the number of lines before it (see `line-scanner.ts`). */
export type {LogPosition} from './line-scanner.js';

/** A line that could not be read as an event. */
export type BadLine = {
	/** 1-based line number in the file. */
	readonly line: number;
	/** Why it is not an event (not JSON, NUL bytes, schema error, too long, another job's). */
	readonly message: string;
};

/** What one {@link EventLog.readFrom} found. */
export type ReadResult = {
	/** Events of the whole lines read, in file order. */
	readonly events: JobEvent[];
	/** Byte offset just after the last whole line read: where the next read starts. */
	readonly offset: number;
	/** Whole lines read that are not events, skipped. */
	readonly bad: BadLine[];
	/** The file is shorter than the offset asked for (it was truncated, replaced or deleted): nothing was read. */
	readonly truncated?: true;
	/**
	 * The file ends in bytes without `\n` that were last written over `tornAfterMs` ago: a record
	 * torn by a crash (not read, and moved aside by the next append). Absent while the tail is fresh:
	 * it may be another process's write in progress.
	 */
	readonly tornTail?: TornTail;
};

/** A last line without `\n`, see {@link ReadResult.tornTail}. */
export type TornTail = {
	/** 1-based number of the torn line. */
	readonly line: number;
	/** Its length in bytes. */
	readonly bytes: number;
};

/**
 * When appends reach the disk itself (not just the kernel), see `docs/durability.md`:
 * - `always`: `fdatasync` inside every append, before it returns (~3.7 k appends/s here).
 * - `batch`: `fdatasync` once per group of appends, within a few ms, after `append` returned;
 *   {@link EventLog.flushed} tells when (group commit, `group-commit.ts`).
 * - `never`: the kernel writes back when it likes (typically within ~5–30 s).
 *
 * In every mode `append` returns only after its `write()` reached the kernel, so a crash of the
 * process (kill -9) loses nothing that was acknowledged; the modes differ only on power loss.
 */
export type FsyncMode = 'always' | 'batch' | 'never';

/** A torn tail that {@link EventLog.append} moved out of the log before writing. */
export type TailRepair = {
	/** 1-based number the torn line had (the line the append's first event now has). */
	readonly line: number;
	/** Byte offset the log was truncated to: just after its last `\n`. */
	readonly offset: number;
	/** Number of torn bytes removed from the log. */
	readonly bytes: number;
	/** Absolute path of the `events.jsonl.corrupt-<ms since epoch>` file holding those bytes. */
	readonly savedTo: string;
};

/** What one {@link EventLog.append} did besides writing. */
export type AppendResult = {
	/** Present when the log ended in a torn record, which was moved aside first. */
	readonly repaired?: TailRepair;
};

/** Options of an {@link EventLog}. */
export type EventLogOptions = {
	/** See {@link FsyncMode}. Default `never` for a bare log (a `JobStore` defaults to `batch`). */
	readonly fsync?: FsyncMode;
	/**
	 * The group commit to hand written descriptors to in `batch` mode (a store shares one between
	 * its logs). Default: one of this log's own.
	 */
	readonly group?: GroupCommit;
	/** The job the log belongs to: events naming another job are reported as bad lines. */
	readonly jobId?: string;
	/**
	 * Run `critical` under the job's cross-process lock (`job-lock.ts`), synchronously; a torn tail
	 * is only ever repaired inside it, so two writers cannot both repair. Default: run it as it is,
	 * which is right only when nothing else writes the file.
	 */
	readonly lock?: <T>(critical: () => T) => T;
	/**
	 * A tail without `\n` counts as torn only once the file has not been written for this long (ms):
	 * younger, it may be another process's `write()` still in progress. Default 100.
	 */
	readonly tornAfterMs?: number;
	/** Test seam: the `write(2)` used to append (default `fs.writeSync`), to inject short writes. */
	readonly writeSync?: (fd: number, buffer: Buffer) => number;
	/**
	 * Keep the file open between calls, in this cache (a store shares one between its logs and closes
	 * it when it closes). Default: none, every call opens and closes the file.
	 */
	readonly descriptors?: DescriptorCache;
};

const newline = 0x0a;
/** How many times a repair waits for a fresh tail to settle before fencing it off instead. */
const settleAttempts = 5;

/** Reads and appends one `events.jsonl`. Keeps a descriptor open only in its {@link EventLogOptions.descriptors} cache (or for a pending batch sync). */
export class EventLog {
	/** Absolute path of the file. */
	readonly file: string;
	readonly #fsync: FsyncMode;
	readonly #group: GroupCommit | undefined;
	readonly #jobId: string | undefined;
	readonly #lock: <T>(critical: () => T) => T;
	readonly #tornAfterMs: number;
	readonly #writeSync: (fd: number, buffer: Buffer) => number;
	readonly #descriptors: DescriptorCache | undefined;
	/** Lines of {@link appendSoon} waiting for their write. */
	readonly #batch = new AppendBatch<AppendResult>(() => {
		this.#writeBatch();
	});

	/**
	 * Where the last read stopped, so the next read from there knows its line numbers without a rescan
	 * (`lines` unknown after a read that started elsewhere and met nothing to report: counted when asked).
	 */
	#position: {readonly offset: number; readonly lines: number | undefined} = {offset: 0, lines: 0};

	constructor(file: string, options: EventLogOptions = {}) {
		this.file = file;
		this.#fsync = options.fsync ?? 'never';
		this.#group = this.#fsync === 'batch' ? (options.group ?? new GroupCommit()) : undefined;
		this.#jobId = options.jobId;
		this.#lock = options.lock ?? ((critical) => critical());
		this.#tornAfterMs = options.tornAfterMs ?? 100;
		this.#writeSync = options.writeSync ?? ((fd, buffer) => fs.writeSync(fd, buffer));
		this.#descriptors = options.descriptors;
	}

	/** Where the last {@link readFrom} stopped (or what {@link seek} set). */
	get position(): LogPosition {
		const {offset, lines} = this.#position;
		if (lines !== undefined) {
			return {offset, lines};
		}

		const counted = {offset, lines: this.#countLines(offset)};
		this.#position = counted;
		return counted;
	}

	/**
	 * Append events, one JSON line each, in one `write()` on an `O_APPEND` descriptor; returns once
	 * the bytes are in the kernel (and, in `always` mode, on disk: see {@link FsyncMode}).
	 *
	 * When the file ends in a torn record (no final `\n`: a writer crashed mid-write), the append
	 * takes the job's lock, checks again, and truncates the file back to the end of its last whole
	 * line, saving the torn bytes to `events.jsonl.corrupt-<ms>` next to it; earlier lines are never
	 * rewritten. A tail still being written by another process (the file changed less than
	 * `tornAfterMs` ago) is waited for; one that keeps changing is fenced off with a `\n` instead.
	 * The last byte is looked at unless the file still has the size this process last saw it end in
	 * `\n` at (see `LogDescriptor.knownEnd`).
	 *
	 * @returns what was repaired, if anything.
	 * @throws Error before writing anything when an event is over 1 MiB as JSON or would not read back
	 * as valid. Error `disk full: could not append to <file>: ENOSPC` when the disk (or quota) is
	 * full, also after a short write, whose bytes are then taken back (nothing partial stays). Error
	 * `cannot append to <file>: …` (with the system error as `cause`) when the file cannot be opened,
	 * written, locked or, in `always` mode, synced.
	 */
	append(events: readonly JobEvent[]): AppendResult {
		const text = this.#serialise(events);
		if (!this.#batch.pending) {
			return text === '' ? {} : this.#appendText(text);
		}

		// Appends still waiting for their write come first: the file keeps the order they were made in.
		const waiting = this.#batch.take();
		let result: AppendResult;
		try {
			result = this.#appendText(waiting.text + text);
		} catch (error) {
			waiting.settle(error as Error);
			throw error;
		}

		waiting.settle({first: result, rest: {}});
		return {};
	}

	/**
	 * {@link append}, with the write shared: the lines wait until the end of the current synchronous
	 * run (or until ~256 KiB wait), and every append made meanwhile goes into the same `write()`
	 * (`append-batch.ts`). The promise resolves only once that write returned, i.e. with the same
	 * guarantee as `append` returning; an `append` meanwhile writes the waiting lines first.
	 *
	 * @returns what was repaired, if anything (reported to the first append of the write).
	 * @throws (rejects with) the errors of {@link append}: at once for an event refused before writing,
	 * after the write for a failed write (then every append of that write is rejected).
	 */
	async appendSoon(events: readonly JobEvent[]): Promise<AppendResult> {
		const text = this.#serialise(events);
		return text === '' ? {} : this.#batch.add(text);
	}

	/** Write the lines {@link appendSoon} has waiting now, instead of at the end of the turn. */
	writePending(): void {
		if (this.#batch.pending) {
			this.#writeBatch();
		}
	}

	/** Write the waiting lines of {@link appendSoon}, once per turn. */
	#writeBatch(): void {
		const waiting = this.#batch.take();
		try {
			waiting.settle({first: this.#appendText(waiting.text), rest: {}});
		} catch (error) {
			waiting.settle(error as Error);
		}
	}

	/** The lines of `events`, each checked and ending in `\n` (see `serialiseLine`). */
	#serialise(events: readonly JobEvent[]): string {
		let text = '';
		for (const event of events) {
			text += `${serialiseLine(event, this.#jobId)}\n`;
		}

		return text;
	}

	/** The body of {@link append}: one write of whole lines (repairing a torn tail first), the sync. */
	#appendText(text: string): AppendResult {
		const payload = encode(text);
		let open: OpenLog | undefined;
		try {
			open = this.#descriptors ? this.#descriptors.forAppend(this.file) : openForAppend(this.file);
			const {descriptor, size} = open;
			let result: AppendResult = {};
			if (descriptor.knownEnd !== size && endsTorn(descriptor.fd, size)) {
				result = this.#lock(() => this.#repairAndWrite(descriptor, payload));
			} else {
				this.#write(descriptor, payload, size);
			}

			if (this.#fsync === 'always') {
				fs.fdatasyncSync(descriptor.fd);
			} else {
				this.#group?.add(descriptor, this.file);
			}

			return result;
		} catch (error) {
			if (open) {
				open.descriptor.knownEnd = undefined;
			}

			throw appendError(this.file, error);
		} finally {
			open?.descriptor.release();
		}
	}

	/**
	 * Resolves when every append of this log so far is on disk: at once in `always` and `never`
	 * modes; after the pending group's `fdatasync` in `batch` mode (which a store shares between
	 * its logs).
	 *
	 * @throws Error `could not sync <file> to disk: …` when that `fdatasync` failed.
	 */
	async flushed(): Promise<void> {
		await this.#group?.flushed();
	}

	/**
	 * One `write()` of `payload` on a file of `size` bytes before it (`undefined`: not known); a short
	 * one (disk full) is taken back under the lock and thrown.
	 */
	#write(descriptor: LogDescriptor, payload: Buffer, size: number | undefined): void {
		const written = this.#writeSync(descriptor.fd, payload);
		if (written === payload.length) {
			// Where this write ended, unless another process's landed in between (then the size differs).
			descriptor.knownEnd = size === undefined ? undefined : size + written;
			return;
		}

		descriptor.knownEnd = undefined;
		if (written > 0) {
			try {
				this.#lock(() => {
					takeBack(descriptor.fd, payload.subarray(0, written));
				});
			} catch {
				// Left as a torn tail: the next append moves it aside. The disk-full error matters more.
			}
		}

		throw Object.assign(new Error(`short write: ${written} of ${payload.length} bytes`), {code: 'ENOSPC'});
	}

	/** Under the lock: look at the tail again, wait for it to settle, move it aside, write. */
	#repairAndWrite(descriptor: LogDescriptor, payload: Buffer): AppendResult {
		const {fd} = descriptor;
		for (let attempt = 1; ; attempt++) {
			const {size, mtimeMs} = fs.fstatSync(fd);
			if (size === 0 || byteBefore(fd, size) === newline) {
				// Another writer completed its line, or repaired it, meanwhile.
				this.#write(descriptor, payload, size);
				return {};
			}

			const age = Date.now() - mtimeMs;
			if (age < this.#tornAfterMs) {
				if (attempt < settleAttempts) {
					sleepSync(this.#tornAfterMs - age);
					continue;
				}

				// Busy writers keep the tail moving: it is not torn. Start a fresh line rather than glue to it.
				this.#write(descriptor, Buffer.concat([Buffer.of(newline), payload]), undefined);
				return {};
			}

			const offset = lastLineEnd(fd, size);
			const savedTo = saveTorn(fd, this.file, offset, size);
			const {lines} = this.#position;
			const line =
				this.#position.offset === offset && lines !== undefined ? lines + 1 : countLines(fd, offset) + 1;
			fs.ftruncateSync(fd, offset);
			this.#write(descriptor, payload, offset);
			return {repaired: {line, offset, bytes: size - offset, savedTo}};
		}
	}

	/**
	 * Start the next read at `position` (taken from a snapshot), after checking that it can be a line
	 * boundary of this file: its very end, or within it and just after a `\n`. Returns false (and
	 * changes nothing) when it cannot; the caller then replays from 0.
	 */
	seek(position: LogPosition): boolean {
		if (position.offset === 0) {
			this.#position = {offset: 0, lines: 0};
			return true;
		}

		if (this.#endsAt(position.offset)) {
			// At the very end of the file: see `resume`.
			this.#position = position;
			return true;
		}

		let open: OpenLog | undefined;
		try {
			open = this.#openForRead();
			if (!open || !isBoundary(open, position.offset)) {
				return false;
			}
		} catch {
			return false;
		} finally {
			open?.descriptor.release();
		}

		this.#position = position;
		return true;
	}

	/**
	 * {@link seek} to `position` and {@link readFrom} there, with one look at the file: what a store
	 * does with a snapshot. `undefined` (nothing changed) when `position` cannot be a line boundary.
	 *
	 * @throws Error only for I/O failures met while reading, as {@link readFrom}.
	 */
	resume(position: LogPosition): ReadResult | undefined {
		if (position.offset > 0 && this.#endsAt(position.offset)) {
			// Nothing was appended since (the usual case): no need to open the file. Snapshots are only
			// ever taken just after a `\n`, and the store's writers only append whole lines.
			this.#position = position;
			return {events: [], offset: position.offset, bad: []};
		}

		let open: OpenLog | undefined;
		try {
			open = this.#openForRead();
			if (!open || (position.offset > 0 && !isBoundary(open, position.offset))) {
				open?.descriptor.release();
				return undefined;
			}
		} catch {
			open?.descriptor.release();
			return undefined;
		}

		this.#position = position;
		return this.#readOpen(open, position.offset);
	}

	/**
	 * Read the whole lines from byte `offset` (a line boundary) to the end of the file. A last line
	 * without `\n` is not consumed: it is still being written, or torn (then reported as
	 * {@link ReadResult.tornTail}), and is read once completed.
	 * Empty lines are skipped; bad lines are reported with their 1-based number and skipped.
	 * A missing file reads as empty.
	 *
	 * @throws Error only for I/O failures (permissions, a folder in the file's place), never for content.
	 */
	readFrom(offset: number): ReadResult {
		let open: OpenLog | undefined;
		try {
			open = this.#openForRead();
		} catch (error) {
			throw new Error(`cannot read ${this.file}: ${errorMessage(error)}`, {cause: error});
		}

		if (!open) {
			return offset > 0 ? {events: [], offset, bad: [], truncated: true} : {events: [], offset: 0, bad: []};
		}

		return this.#readOpen(open, offset);
	}

	/** The body of {@link readFrom}, on a descriptor it releases. */
	#readOpen({descriptor, size, mtimeMs}: OpenLog, offset: number): ReadResult {
		try {
			if (size < offset) {
				return {events: [], offset, bad: [], truncated: true};
			}

			const events: JobEvent[] = [];
			const bad: BadLine[] = [];
			// Lines are numbered from the read's start; the count before it is added only when needed.
			const end = scanLines(descriptor.fd, {offset, lines: 0}, size, (line, text, refusal) => {
				if (text === undefined) {
					bad.push({line, message: refusal ?? 'unreadable line'});
				} else if (text.length > 0) {
					const result = parseText(text, this.#jobId);
					if (result.ok) {
						events.push(result.event);
					} else {
						bad.push({line, message: result.message});
					}
				}
			});
			const torn = end.offset < size && Date.now() - mtimeMs >= this.#tornAfterMs;
			let before = offset === this.#position.offset ? this.#position.lines : undefined;
			if (before === undefined && (bad.length > 0 || torn)) {
				before = countLines(descriptor.fd, offset);
			}

			this.#position = {offset: end.offset, lines: before === undefined ? undefined : before + end.lines};
			if (end.offset === size && (end.offset > offset || offset === 0)) {
				descriptor.knownEnd = size;
			}

			const numbered =
				before === undefined || before === 0
					? bad
					: bad.map(({line, message}) => ({line: line + before, message}));
			return torn
				? {
						events,
						offset: end.offset,
						bad: numbered,
						tornTail: {line: (before ?? 0) + end.lines + 1, bytes: size - end.offset},
					}
				: {events, offset: end.offset, bad: numbered};
		} catch (error) {
			throw new Error(`cannot read ${this.file}: ${errorMessage(error)}`, {cause: error});
		} finally {
			descriptor.release();
		}
	}

	/** Whether the file is exactly `size` bytes long now (false when it cannot be looked at). */
	#endsAt(size: number): boolean {
		try {
			const stat = fs.statSync(this.file, {throwIfNoEntry: false});
			return stat !== undefined && stat.isFile() && stat.size === size;
		} catch {
			return false;
		}
	}

	#openForRead(): OpenLog | undefined {
		return this.#descriptors ? this.#descriptors.forRead(this.file) : openForRead(this.file);
	}

	/** Lines before `offset`, for a position whose count is not known (0 when the file cannot be read). */
	#countLines(offset: number): number {
		let open: OpenLog | undefined;
		try {
			open = this.#openForRead();
			return open ? countLines(open.descriptor.fd, Math.min(offset, open.size)) : 0;
		} catch {
			return 0;
		} finally {
			open?.descriptor.release();
		}
	}
}

/** Most bytes kept in the reused encoding buffer of {@link encode}. */
const maxScratchBytes = 1024 * 1024;
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * `text` as UTF-8, in a buffer reused by the next call (appends are synchronous and never keep it):
 * a batch of lines would otherwise be a fresh allocation, and garbage, per write.
 */
function encode(text: string): Buffer {
	// A UTF-16 unit is at most 3 bytes of UTF-8.
	const most = text.length * 3;
	if (most > maxScratchBytes) {
		return Buffer.from(text, 'utf8');
	}

	if (scratch.length < most) {
		scratch = Buffer.allocUnsafe(Math.min(maxScratchBytes, Math.max(most, scratch.length * 2)));
	}

	return scratch.subarray(0, scratch.write(text, 0, 'utf8'));
}

/** Whether `offset` can be a line boundary of the open file: within it, and just after a `\n`. */
function isBoundary({descriptor, size}: OpenLog, offset: number): boolean {
	return offset <= size && (offset === 0 || byteBefore(descriptor.fd, offset) === newline);
}

/** The error an append throws: disk full gets its own plain message; the rest name the file and cause. */
function appendError(file: string, error: unknown): Error {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOSPC' || code === 'EDQUOT') {
		const short = errorMessage(error).startsWith('short write') ? ` (${errorMessage(error)})` : '';
		return new Error(`disk full: could not append to ${file}: ${code}${short}`, {cause: error});
	}

	return new Error(`cannot append to ${file}: ${errorMessage(error)}`, {cause: error});
}
