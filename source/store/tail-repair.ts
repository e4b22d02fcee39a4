/**
 * The low-level steps of repairing a log's tail (FAULTS R1, R5): telling a torn last line from a
 * write in progress, moving torn bytes aside before truncating, and taking back this process's own
 * partial line after a short write. The decisions (when, under which lock) are `EventLog`'s.
 */
import fs from 'node:fs';
import path from 'node:path';
import {byteBefore} from './line-scanner.js';
import {sleepSync} from './sleep-sync.js';

const newline = 0x0a;

/**
 * Whether the file (of `size` bytes when looked at) does not end in `\n`. Another process's
 * `write()` in progress can look like that for microseconds, so a missing `\n` is looked at again
 * twice, 1 ms apart, before the caller takes the lock for a repair.
 */
export function endsTorn(fd: number, size: number): boolean {
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

/** Offset just after the last `\n` before `size` (0 when there is none), scanning backwards. */
export function lastLineEnd(fd: number, size: number): number {
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
 *
 * @returns the path of the copy.
 */
export function saveTorn(fd: number, file: string, from: number, to: number): string {
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
export function takeBack(fd: number, written: Buffer): void {
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
