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
 */
import fs from 'node:fs';
import path from 'node:path';
import type {JobEvent} from '../core/events.js';
import {byteBefore, countLines, scanLines, type LogPosition} from './line-scanner.js';
import {errorMessage} from './fs-errors.js';
import {GroupCommit} from './group-commit.js';
import {maxLineBytes, parseLine, serialiseEvent} from './parse-line.js';
import {sleepSync} from './sleep-sync.js';

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
};

const newline = 0x0a;
/** How many times a repair waits for a fresh tail to settle before fencing it off instead. */
const settleAttempts = 5;

/** Reads and appends one `events.jsonl`. Keeps no descriptor open between calls (except for a pending batch sync). */
export class EventLog {
	/** Absolute path of the file. */
	readonly file: string;
	readonly #fsync: FsyncMode;
	readonly #group: GroupCommit | undefined;
	readonly #jobId: string | undefined;
	readonly #lock: <T>(critical: () => T) => T;
	readonly #tornAfterMs: number;
	readonly #writeSync: (fd: number, buffer: Buffer) => number;
	/** Where the last read stopped, so the next read from there knows its line numbers without a rescan. */
	#position: LogPosition = {offset: 0, lines: 0};

	constructor(file: string, options: EventLogOptions = {}) {
		this.file = file;
		this.#fsync = options.fsync ?? 'never';
		this.#group = this.#fsync === 'batch' ? (options.group ?? new GroupCommit()) : undefined;
		this.#jobId = options.jobId;
		this.#lock = options.lock ?? ((critical) => critical());
		this.#tornAfterMs = options.tornAfterMs ?? 100;
		this.#writeSync = options.writeSync ?? ((fd, buffer) => fs.writeSync(fd, buffer));
	}

	/** Where the last {@link readFrom} stopped (or what {@link seek} set). */
	get position(): LogPosition {
		return this.#position;
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
	 *
	 * @returns what was repaired, if anything.
	 * @throws Error before writing anything when an event is over 1 MiB as JSON or would not read back
	 * as valid. Error `disk full: could not append to <file>: ENOSPC` when the disk (or quota) is
	 * full, also after a short write, whose bytes are then taken back (nothing partial stays). Error
	 * `cannot append to <file>: …` (with the system error as `cause`) when the file cannot be opened,
	 * written, locked or, in `always` mode, synced.
	 */
	append(events: readonly JobEvent[]): AppendResult {
		if (events.length === 0) {
			return {};
		}

		const lines = events.map((event) => serialiseEvent(event, this.#jobId));
		const parts: Buffer[] = [];
		for (const line of lines) {
			parts.push(line, Buffer.of(newline));
		}

		const payload = Buffer.concat(parts);
		let fd: number | undefined;
		try {
			// `a+` is `O_APPEND` too (every write lands at the end), and also lets us read the last byte.
			fd = fs.openSync(this.file, 'a+');
			const stat = fs.fstatSync(fd);
			const open = fd;
			let result: AppendResult = {};
			if (endsTorn(fd, stat.size)) {
				result = this.#lock(() => this.#repairAndWrite(open, payload));
			} else {
				this.#write(fd, payload);
			}

			if (this.#fsync === 'always') {
				fs.fdatasyncSync(fd);
			} else if (this.#group) {
				this.#group.add(fd, this.file, stat);
				fd = undefined;
			}

			return result;
		} catch (error) {
			throw appendError(this.file, error);
		} finally {
			if (fd !== undefined) {
				fs.closeSync(fd);
			}
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

	/** One `write()` of `payload`; a short one (disk full) is taken back under the lock and thrown. */
	#write(fd: number, payload: Buffer): void {
		const written = this.#writeSync(fd, payload);
		if (written === payload.length) {
			return;
		}

		if (written > 0) {
			try {
				this.#lock(() => {
					takeBack(fd, payload.subarray(0, written));
				});
			} catch {
				// Left as a torn tail: the next append moves it aside. The disk-full error matters more.
			}
		}

		throw Object.assign(new Error(`short write: ${written} of ${payload.length} bytes`), {code: 'ENOSPC'});
	}

	/** Under the lock: look at the tail again, wait for it to settle, move it aside, write. */
	#repairAndWrite(fd: number, payload: Buffer): AppendResult {
		for (let attempt = 1; ; attempt++) {
			const {size, mtimeMs} = fs.fstatSync(fd);
			if (size === 0 || byteBefore(fd, size) === newline) {
				// Another writer completed its line, or repaired it, meanwhile.
				this.#write(fd, payload);
				return {};
			}

			const age = Date.now() - mtimeMs;
			if (age < this.#tornAfterMs) {
				if (attempt < settleAttempts) {
					sleepSync(this.#tornAfterMs - age);
					continue;
				}

				// Busy writers keep the tail moving: it is not torn. Start a fresh line rather than glue to it.
				this.#write(fd, Buffer.concat([Buffer.of(newline), payload]));
				return {};
			}

			const offset = lastLineEnd(fd, size);
			const savedTo = saveTorn(fd, this.file, offset, size);
			const line = this.#position.offset === offset ? this.#position.lines + 1 : countLines(fd, offset) + 1;
			fs.ftruncateSync(fd, offset);
			this.#write(fd, payload);
			return {repaired: {line, offset, bytes: size - offset, savedTo}};
		}
	}

	/**
	 * Start the next read at `position` (taken from a snapshot), after checking that it can be a line
	 * boundary of this file: within its size, and just after a `\n`. Returns false (and changes
	 * nothing) when it cannot; the caller then replays from 0.
	 */
	seek(position: LogPosition): boolean {
		if (position.offset === 0) {
			this.#position = {offset: 0, lines: 0};
			return true;
		}

		try {
			const fd = fs.openSync(this.file, 'r');
			try {
				const {size} = fs.fstatSync(fd);
				if (position.offset > size || byteBefore(fd, position.offset) !== newline) {
					return false;
				}
			} finally {
				fs.closeSync(fd);
			}
		} catch {
			return false;
		}

		this.#position = position;
		return true;
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
		let fd: number;
		try {
			fd = fs.openSync(this.file, 'r');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				return offset > 0 ? {events: [], offset, bad: [], truncated: true} : {events: [], offset: 0, bad: []};
			}

			throw new Error(`cannot read ${this.file}: ${errorMessage(error)}`, {cause: error});
		}

		try {
			const stat = fs.fstatSync(fd);
			if (stat.size < offset) {
				return {events: [], offset, bad: [], truncated: true};
			}

			const {size, mtimeMs} = stat;
			const lines = offset === this.#position.offset ? this.#position.lines : countLines(fd, offset);
			const events: JobEvent[] = [];
			const bad: BadLine[] = [];
			this.#position = scanLines(fd, {offset, lines}, size, (bytes, length, line) => {
				if (bytes === undefined) {
					bad.push({line, message: `line of ${length} bytes is over the ${maxLineBytes}-byte limit`});
				} else if (length > 0) {
					const result = parseLine(bytes, this.#jobId);
					if (result.ok) {
						events.push(result.event);
					} else {
						bad.push({line, message: result.message});
					}
				}
			});
			const end = this.#position;
			const torn = end.offset < size && Date.now() - mtimeMs >= this.#tornAfterMs;
			return torn
				? {events, offset: end.offset, bad, tornTail: {line: end.lines + 1, bytes: size - end.offset}}
				: {events, offset: end.offset, bad};
		} catch (error) {
			throw new Error(`cannot read ${this.file}: ${errorMessage(error)}`, {cause: error});
		} finally {
			fs.closeSync(fd);
		}
	}
}

/**
 * Whether the file (of `size` bytes when looked at) does not end in `\n`. Another process's
 * `write()` in progress can look like that for microseconds, so a missing `\n` is looked at again
 * twice, 1 ms apart, before the caller takes the lock for a repair.
 */
function endsTorn(fd: number, size: number): boolean {
	let end = size;
	for (let look = 1; ; look++) {
		if (end === 0 || byteBefore(fd, end) === newline) {
			return false;
		}

		if (look === 3) {
			return true;
		}

		sleepSync(1);
		end = fs.fstatSync(fd).size;
	}
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

/** Offset just after the last `\n` before `size` (0 when there is none), scanning backwards. */
function lastLineEnd(fd: number, size: number): number {
	const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, size));
	for (let end = size; end > 0;) {
		const start = Math.max(0, end - chunk.length);
		const read = fs.readSync(fd, chunk, 0, end - start, start);
		const index = chunk.subarray(0, read).lastIndexOf(newline);
		if (index !== -1) {
			return start + index + 1;
		}

		end = start;
	}

	return 0;
}

/**
 * Copy bytes `from`..`to` of `fd` to a new `<file>.corrupt-<ms>` (another suffix if taken), synced
 * with its folder entry before the caller truncates: the torn bytes are never lost.
 */
function saveTorn(fd: number, file: string, from: number, to: number): string {
	const stamp = Date.now();
	let target = `${file}.corrupt-${stamp}`;
	let out: number | undefined;
	for (let n = 1; out === undefined; n++) {
		try {
			out = fs.openSync(target, 'wx');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) {
				throw error;
			}

			target = `${file}.corrupt-${stamp}-${n}`;
		}
	}

	try {
		const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(1, to - from)));
		for (let position = from; position < to;) {
			const read = fs.readSync(fd, chunk, 0, Math.min(chunk.length, to - position), position);
			if (read === 0) {
				break;
			}

			fs.writeFileSync(out, chunk.subarray(0, read));
			position += read;
		}

		fs.fsyncSync(out);
	} catch (error) {
		fs.closeSync(out);
		fs.rmSync(target, {force: true});
		throw error;
	}

	fs.closeSync(out);
	syncFolder(path.dirname(file));
	return target;
}

/** Make a new folder entry durable (best effort: some filesystems refuse to sync a folder). */
function syncFolder(folder: string): void {
	try {
		const fd = fs.openSync(folder, 'r');
		try {
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		// Not supported here; the file's own data is synced.
	}
}

/**
 * Remove `written`, this process's own partial line, from the end of the log, if it is still there
 * and starts a line (nobody else appended after it). Otherwise it stays, as a torn or bad line.
 */
function takeBack(fd: number, written: Buffer): void {
	const {size} = fs.fstatSync(fd);
	const start = size - written.length;
	if (start < 0 || (start > 0 && byteBefore(fd, start) !== newline)) {
		return;
	}

	const tail = Buffer.alloc(written.length);
	if (fs.readSync(fd, tail, 0, tail.length, start) === tail.length && tail.equals(written)) {
		fs.ftruncateSync(fd, start);
	}
}
