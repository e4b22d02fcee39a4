/**
 * The output file of an author job (`out.md`, or the `--out` path): appended one whole chunk at a
 * time, each followed by an `fsync`, so the size recorded in `chunk.completed` is a commit point a
 * resume can trust (a crash after the write and before the event leaves bytes past it, which the
 * resume truncates away and writes again: a chunk is never in the file twice).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Largest tail read back for an anchor or the repetition guard, in bytes. */
const maxTailBytes = 256 * 1024;

/**
 * Where an author job writes: `out` resolved against the project folder, else `<jobDir>/out.md`.
 *
 * @throws Error for a path with NUL, outside the project folder (after following its parent's
 * symlinks), or naming a symlink, a folder or anything but a regular file (FAULTS S3).
 */
export function resolveBookPath(out: string | undefined, projectDir: string, jobDir: string): string {
	if (out === undefined) {
		return path.join(jobDir, 'out.md');
	}

	const target = insideProject(out, projectDir, '--out');
	const stat = fs.lstatSync(target, {throwIfNoEntry: false});
	if (stat && !stat.isFile()) {
		throw new Error(
			`--out: ${JSON.stringify(out)} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}`,
		);
	}

	return target;
}

/**
 * `given` resolved against the project folder, refused unless it stays inside it (its parent's
 * symlinks followed). The last part may not exist yet.
 *
 * @param flag the option's name, for the message.
 * @throws Error for NUL or a path outside the project folder (FAULTS S3).
 */
export function insideProject(given: string, projectDir: string, flag: string): string {
	if (given.includes('\0')) {
		throw new Error(`${flag}: a path cannot contain NUL`);
	}

	const root = realpathOr(projectDir);
	const absolute = path.resolve(projectDir, given);
	const target = path.join(realpathOr(path.dirname(absolute)), path.basename(absolute));
	if (!isInside(root, target)) {
		throw new Error(`${flag}: ${JSON.stringify(given)} is outside the project folder ${root}`);
	}

	return target;
}

function realpathOr(file: string): string {
	try {
		return fs.realpathSync(file);
	} catch {
		return path.resolve(file);
	}
}

function isInside(root: string, target: string): boolean {
	const relative = path.relative(root, target);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Size of the file in bytes; 0 when it does not exist. */
export function fileSize(file: string): number {
	return fs.statSync(file, {throwIfNoEntry: false})?.size ?? 0;
}

/** Cut the file back to `bytes` (the last recorded commit point) and make that durable. */
export function truncateBook(file: string, bytes: number): void {
	const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
	try {
		fs.ftruncateSync(fd, bytes);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Append `text` in one write and `fsync` it; returns the file's size afterwards, in bytes.
 *
 * @throws Error from the file system (ENOSPC, EACCES, ELOOP for a symlink put in its place).
 */
export function appendChunk(file: string, text: string): number {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	const fd = fs.openSync(
		file,
		fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW,
		0o644,
	);
	try {
		fs.writeSync(fd, text);
		fs.fsyncSync(fd);
		return fs.fstatSync(fd).size;
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * The last `chars` characters of the first `bytes` bytes of the file (whole characters: a UTF-8
 * sequence cut by the byte window is dropped), for the anchor and the repetition guard.
 */
export function readTail(file: string, bytes: number, chars: number): string {
	const want = Math.min(bytes, maxTailBytes, Math.max(0, chars) * 4);
	if (want === 0) {
		return '';
	}

	const buffer = Buffer.alloc(want);
	const fd = fs.openSync(file, 'r');
	try {
		const read = fs.readSync(fd, buffer, 0, want, bytes - want);
		let start = 0;
		// Skip continuation bytes (10xxxxxx) of a character the window cut in two.
		while (start < read && (buffer[start]! & 0xc0) === 0x80) {
			start++;
		}

		return buffer.subarray(start, read).toString('utf8').slice(-chars);
	} finally {
		fs.closeSync(fd);
	}
}
