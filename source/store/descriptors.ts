/**
 * Open descriptors of job logs, kept between appends and reads: opening and closing the file took
 * ~45 % of an append's time (BENCHMARKS B9), and the store reads back every log it appends to.
 *
 * A cached descriptor is used only while the log's path still names its file: every use starts with
 * one `stat` of the path, compared by device and inode (it also gives the size and time the caller
 * needs anyway). A log deleted, renamed away or replaced (its folder removed, a file renamed over
 * it) is therefore never written through a stale descriptor: the path is opened again, which fails,
 * or creates the file, exactly as an uncached open would. A truncation (a torn tail repaired by any
 * process) keeps the inode, and `O_APPEND` writes land at the new end.
 *
 * Descriptors are counted references: the cache holds one, and so does each append in progress and
 * each group commit waiting to `fdatasync` one, so an evicted or closed-down descriptor is closed only
 * once nobody uses it. Node opens files with `O_CLOEXEC`: agents started meanwhile never inherit them.
 */
import fs from 'node:fs';

const {O_APPEND, O_CREAT, O_RDWR} = fs.constants;

/** How an append opens a log (`a+`): reads, writes that always land at the end, created when missing. */
const appendFlags = O_RDWR | O_APPEND | O_CREAT;
/** How a read opens a log when it may: the same descriptor then serves appends, and nothing is created. */
const readAppendFlags = O_RDWR | O_APPEND;

/** One open log file. See the file comment for its life. */
export class LogDescriptor {
	readonly fd: number;
	readonly dev: number;
	readonly ino: number;
	/** Opened `O_RDWR | O_APPEND`; false when the file could only be opened read-only. */
	readonly writable: boolean;
	/**
	 * A size at which this process saw the file end in `\n` (or be empty): after its own whole append,
	 * or a read up to the end. While the file still has that size its last byte needs no second look:
	 * every writer of the store appends whole lines, and every truncation it makes stops just after a `\n`.
	 */
	knownEnd: number | undefined;
	#references = 1;

	constructor(fd: number, stat: fs.Stats, writable: boolean) {
		this.fd = fd;
		this.dev = stat.dev;
		this.ino = stat.ino;
		this.writable = writable;
	}

	/** Whether `file` (a stat of the path now, or another descriptor) is this descriptor's file. */
	names(file: {readonly dev: number; readonly ino: number}): boolean {
		return file.ino === this.ino && file.dev === this.dev;
	}

	/** Take one more reference. */
	retain(): void {
		this.#references++;
	}

	/** Drop one reference; the last one closes the descriptor. */
	release(): void {
		this.#references--;
		if (this.#references === 0) {
			try {
				fs.closeSync(this.fd);
			} catch {
				// Already closed or never valid: nothing left to release.
			}
		}
	}
}

/** A descriptor handed to a caller (who owns one reference to it), and what the file looks like now. */
export type OpenLog = {
	readonly descriptor: LogDescriptor;
	readonly size: number;
	readonly mtimeMs: number;
};

/**
 * Open log descriptors by path, the least recently used closed first beyond `max`. A store shares one
 * between its logs and closes it when it closes. Without a cache, {@link openForAppend} and
 * {@link openForRead} open a descriptor for one call only.
 */
export class DescriptorCache {
	readonly #max: number;
	/** In order of use, the least recent first. */
	readonly #open = new Map<string, LogDescriptor>();
	#closed = false;

	/** `max`: most descriptors kept open (each is one of the process's descriptors). Default 64. */
	constructor(max = 64) {
		this.#max = Math.max(1, max);
	}

	/** Number of descriptors kept open now. */
	get size(): number {
		return this.#open.size;
	}

	/**
	 * A writable descriptor of `file` (created when missing, not its folder), from the cache while the
	 * path still names its file. The caller owns one reference: it must {@link LogDescriptor.release} it.
	 *
	 * @throws the error of `open` (ENOENT for a missing folder, EISDIR, EACCES…).
	 */
	forAppend(file: string): OpenLog {
		const stat = statOrUndefined(file);
		const cached = this.#open.get(file);
		if (cached?.writable && stat && cached.names(stat)) {
			return this.#hand(file, cached, stat);
		}

		if (cached && !(stat && cached.names(stat))) {
			// Deleted or replaced: never used again, even if the open below fails.
			this.forget(file);
		}

		const opened = openForAppend(file);
		if (cached && opened.descriptor.names(cached)) {
			// Was open read-only: what it knew about the file still holds.
			opened.descriptor.knownEnd = cached.knownEnd;
		}

		this.#keep(file, opened.descriptor);
		return opened;
	}

	/**
	 * A descriptor of `file` for reading (and appending when the file allows it), from the cache while
	 * the path still names its file; `undefined` when the file does not exist. The caller owns one
	 * reference: it must {@link LogDescriptor.release} it.
	 *
	 * @throws the error of `stat`, `open` or `fstat` (EACCES, ENOTDIR…), never for a missing file.
	 */
	forRead(file: string): OpenLog | undefined {
		const cached = this.#open.get(file);
		if (cached) {
			const stat = fs.statSync(file, {throwIfNoEntry: false});
			if (!stat) {
				this.forget(file);
				return undefined;
			}

			if (cached.names(stat)) {
				return this.#hand(file, cached, stat);
			}

			this.forget(file);
		}

		// Nothing to compare with: the open's own `fstat` tells all a `stat` would.
		const opened = openForRead(file);
		if (opened) {
			this.#keep(file, opened.descriptor);
		}

		return opened;
	}

	/** Close the descriptor of `file`, if one is open (once its other users release it). */
	forget(file: string): void {
		const cached = this.#open.get(file);
		if (cached) {
			this.#open.delete(file);
			cached.release();
		}
	}

	/** Close every descriptor (each once its other users release it); later calls open per call. */
	close(): void {
		this.#closed = true;
		for (const descriptor of this.#open.values()) {
			descriptor.release();
		}

		this.#open.clear();
	}

	#hand(file: string, descriptor: LogDescriptor, stat: fs.Stats): OpenLog {
		// Most recently used last.
		this.#open.delete(file);
		this.#open.set(file, descriptor);
		descriptor.retain();
		return {descriptor, size: stat.size, mtimeMs: stat.mtimeMs};
	}

	/** Keep a fresh descriptor (the caller keeps the reference it has; the cache takes its own). */
	#keep(file: string, descriptor: LogDescriptor): void {
		if (this.#closed) {
			return;
		}

		this.forget(file);
		descriptor.retain();
		this.#open.set(file, descriptor);
		if (this.#open.size > this.#max) {
			const [oldest] = this.#open.keys();
			this.forget(oldest!);
		}
	}
}

/**
 * Open `file` for appending (`a+`), for one caller, who must release it.
 *
 * @throws the error of `open` or `fstat`.
 */
export function openForAppend(file: string): OpenLog {
	return describe(fs.openSync(file, appendFlags), true);
}

/**
 * Open `file` for reading, for one caller, who must release it: read-write (so that appends can use
 * the descriptor too) when the file allows it, else read-only. `undefined` when it does not exist.
 *
 * @throws the error of `open` or `fstat`, other than ENOENT.
 */
export function openForRead(file: string): OpenLog | undefined {
	let fd: number;
	let writable = true;
	try {
		fd = fs.openSync(file, readAppendFlags);
	} catch (error) {
		if (isMissing(error)) {
			return undefined;
		}

		// Read-only file or folder, a folder in its place (whose read then fails): as a plain read would.
		writable = false;
		try {
			fd = fs.openSync(file, 'r');
		} catch (readError) {
			if (isMissing(readError)) {
				return undefined;
			}

			throw readError;
		}
	}

	return describe(fd, writable);
}

function describe(fd: number, writable: boolean): OpenLog {
	let stat: fs.Stats;
	try {
		stat = fs.fstatSync(fd);
	} catch (error) {
		fs.closeSync(fd);
		throw error;
	}

	return {descriptor: new LogDescriptor(fd, stat, writable), size: stat.size, mtimeMs: stat.mtimeMs};
}

/** The path's stat, or `undefined` when it cannot be had (the open that follows reports why). */
function statOrUndefined(file: string): fs.Stats | undefined {
	try {
		return fs.statSync(file, {throwIfNoEntry: false});
	} catch {
		return undefined;
	}
}

function isMissing(error: unknown): boolean {
	return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
