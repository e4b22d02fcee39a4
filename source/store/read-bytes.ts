import fs from 'node:fs';

/**
 * Read `file` from byte `offset` to its end, at most `maxBytes` (a log may be written by another
 * process meanwhile: the size is taken once, so a read never waits for a writer).
 *
 * @returns the bytes read; empty when the file does not exist yet or has nothing past `offset`.
 */
export function readBytesFrom(file: string, offset: number, maxBytes = Number.POSITIVE_INFINITY): Buffer {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch {
		return Buffer.alloc(0);
	}

	try {
		const length = Math.min(maxBytes, Math.max(0, fs.fstatSync(fd).size - offset));
		const buffer = Buffer.alloc(length);
		const read = length > 0 ? fs.readSync(fd, buffer, 0, length, offset) : 0;
		return buffer.subarray(0, read);
	} finally {
		fs.closeSync(fd);
	}
}
