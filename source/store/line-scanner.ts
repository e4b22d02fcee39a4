/**
 * Splitting a file region into whole lines, by bytes.
 *
 * Lines are split on the byte 0x0a, never on decoded text, so a multibyte UTF-8 character can never
 * be cut at a chunk or read boundary. A last line without `\n` is not a line yet: it is still being
 * written, or torn by a crash, and the next scan starts at its first byte.
 */
import fs from 'node:fs';
import {maxLineBytes} from './parse-line.js';

/** A point in a file: a byte offset at a line boundary, and the number of lines before it. */
export type LogPosition = {readonly offset: number; readonly lines: number};

/**
 * One whole line: its bytes without `\n` (`undefined` when it is over {@link maxLineBytes}: measured,
 * never kept, FAULTS S4), its length in bytes, and its 1-based number. `bytes` may be a view of a
 * buffer that is reused after the callback returns.
 */
export type LineVisitor = (bytes: Uint8Array | undefined, length: number, line: number) => void;

const newline = 0x0a;
const chunkBytes = 4 * 1024 * 1024;

/**
 * Visit each whole line of `fd` from `from` up to byte `size`, in order; return the position just
 * after the last whole line. Reads in chunks of at most 4 MiB, so memory stays bounded whatever the file holds.
 */
export function scanLines(fd: number, from: LogPosition, size: number, visit: LineVisitor): LogPosition {
	let {lines} = from;
	let consumed = from.offset;
	// The current unfinished line, in copies of the chunks it spans (dropped once over the limit).
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(size - from.offset, 1)));
	for (let position = from.offset; position < size;) {
		const read = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
		if (read === 0) {
			break;
		}

		const view = chunk.subarray(0, read);
		let start = 0;
		for (let end = view.indexOf(newline); end !== -1; end = view.indexOf(newline, start)) {
			const length = pendingBytes + end - start;
			lines++;
			consumed = position + end + 1;
			const tail = view.subarray(start, end);
			const bytes =
				length > maxLineBytes ? undefined : pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
			visit(bytes, length, lines);
			pending = [];
			pendingBytes = 0;
			start = end + 1;
		}

		const rest = read - start;
		if (rest > 0) {
			pending = pendingBytes + rest > maxLineBytes ? [] : [...pending, Buffer.from(view.subarray(start))];
			pendingBytes += rest;
		}

		position += read;
	}

	return {offset: consumed, lines};
}

/** Number of `\n` bytes before `offset`: the line count for a read that starts where no read stopped. */
export function countLines(fd: number, offset: number): number {
	const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(offset, 1)));
	let count = 0;
	for (let position = 0; position < offset;) {
		const read = fs.readSync(fd, chunk, 0, Math.min(chunk.length, offset - position), position);
		if (read === 0) {
			break;
		}

		const view = chunk.subarray(0, read);
		for (let index = view.indexOf(newline); index !== -1; index = view.indexOf(newline, index + 1)) {
			count++;
		}

		position += read;
	}

	return count;
}

/** The byte just before `end` (`undefined` when there is none). */
export function byteBefore(fd: number, end: number): number | undefined {
	const byte = Buffer.alloc(1);
	return end > 0 && fs.readSync(fd, byte, 0, 1, end - 1) === 1 ? byte[0] : undefined;
}
