/**
 * One job's `events.jsonl`: append whole lines, read whole lines from a byte offset.
 *
 * The write discipline follows PITFALLS.md ("Append-only JSONL logs"): every batch is one `write()`
 * on a descriptor opened with `O_APPEND`, which several processes on a local filesystem can do at
 * once without interleaving. Nothing else about the file is trusted: the reader parses only lines
 * that end in `\n`, and turns every bad line into a report instead of an exception.
 */
import fs from 'node:fs';
import type {JobEvent} from '../core/events.js';
import {byteBefore, countLines, scanLines, type LogPosition} from './line-scanner.js';
import {errorMessage} from './fs-errors.js';
import {maxLineBytes, parseLine, serialiseEvent} from './parse-line.js';

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
};

/** Options of an {@link EventLog}. */
export type EventLogOptions = {
	/** `fdatasync` after every append (~3.7 k appends/s instead of ~290 k/s here). Default false. */
	readonly fsync?: boolean;
	/** The job the log belongs to: events naming another job are reported as bad lines. */
	readonly jobId?: string;
};

const newline = 0x0a;

/** Reads and appends one `events.jsonl`. Keeps no descriptor open between calls. */
export class EventLog {
	/** Absolute path of the file. */
	readonly file: string;
	readonly #fsync: boolean;
	readonly #jobId: string | undefined;
	/** Where the last read stopped, so the next read from there knows its line numbers without a rescan. */
	#position: LogPosition = {offset: 0, lines: 0};

	constructor(file: string, options: EventLogOptions = {}) {
		this.file = file;
		this.#fsync = options.fsync ?? false;
		this.#jobId = options.jobId;
	}

	/** Where the last {@link readFrom} stopped (or what {@link seek} set). */
	get position(): LogPosition {
		return this.#position;
	}

	/**
	 * Append events, one JSON line each, in one `write()`. When the file ends in a torn record (no
	 * final `\n`, e.g. after a crash), the write starts with `\n` so no record is glued to it.
	 *
	 * @throws Error before writing anything when an event is over 1 MiB as JSON or would not read back
	 * as valid; Error (with the system error as `cause`) when the file cannot be opened, written or
	 * synced, including a short write on a full disk (the torn bytes are then fenced off by the next append).
	 */
	append(events: readonly JobEvent[]): void {
		if (events.length === 0) {
			return;
		}

		const lines = events.map((event) => serialiseEvent(event, this.#jobId));
		let fd: number | undefined;
		try {
			// `a+` is `O_APPEND` too (every write lands at the end), and also lets us read the last byte.
			fd = fs.openSync(this.file, 'a+');
			const {size} = fs.fstatSync(fd);
			const parts: Buffer[] = [];
			if (size > 0 && byteBefore(fd, size) !== newline) {
				parts.push(Buffer.of(newline));
			}

			for (const line of lines) {
				parts.push(line, Buffer.of(newline));
			}

			const buffer = Buffer.concat(parts);
			const written = fs.writeSync(fd, buffer);
			if (written !== buffer.length) {
				throw new Error(`short write: ${written} of ${buffer.length} bytes (disk full?)`);
			}

			if (this.#fsync) {
				fs.fdatasyncSync(fd);
			}
		} catch (error) {
			throw new Error(`cannot append to ${this.file}: ${errorMessage(error)}`, {cause: error});
		} finally {
			if (fd !== undefined) {
				fs.closeSync(fd);
			}
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
	 * without `\n` is not consumed: it is still being written, or torn, and is read once completed.
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
			const {size} = fs.fstatSync(fd);
			if (size < offset) {
				return {events: [], offset, bad: [], truncated: true};
			}

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
			return {events, offset: this.#position.offset, bad};
		} catch (error) {
			throw new Error(`cannot read ${this.file}: ${errorMessage(error)}`, {cause: error});
		} finally {
			fs.closeSync(fd);
		}
	}
}
