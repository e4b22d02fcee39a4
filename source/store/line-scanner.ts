/**
 * Splitting a file region into whole lines, by bytes, and decoding them.
 *
 * Lines are split on the byte 0x0a, never on decoded text, so a multibyte UTF-8 character can never
 * be cut at a chunk or read boundary. A last line without `\n` is not a line yet: it is still being
 * written, or torn by a crash, and the next scan starts at its first byte.
 *
 * The byte checks a line must pass before it is parsed (FAULTS R2, R9, S4: at most 1 MiB, no NUL,
 * valid UTF-8) run once per chunk where they can: a chunk whose lines are all ASCII (the usual case)
 * or all valid UTF-8 is checked in one pass, and each line is then decoded with no further check.
 */
import {isAscii, isUtf8} from 'node:buffer';
import fs from 'node:fs';
import {maxLineBytes, nulMessage, utf8Message} from './parse-line.js';

/** A point in a file: a byte offset at a line boundary, and the number of lines before it. */
export type LogPosition = {readonly offset: number; readonly lines: number};

/**
 * One whole line, numbered from 1: its text without `\n`, or `undefined` with the reason its bytes
 * cannot be an event (over {@link maxLineBytes}: measured, never kept; NUL bytes; not UTF-8).
 */
export type LineVisitor = (line: number, text: string | undefined, refusal?: string) => void;

const newline = 0x0a;
const chunkBytes = 4 * 1024 * 1024;

/**
 * The read buffer, reused by every scan (one at a time: all of this is synchronous) and grown up to
 * {@link chunkBytes}: a cold start reads a thousand logs, and a fresh buffer for each is garbage.
 */
let shared = Buffer.allocUnsafe(64 * 1024);

function readBuffer(bytes: number): Buffer {
	if (shared.length < bytes) {
		shared = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(bytes, shared.length * 2)));
	}

	return shared;
}

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
	const chunk = readBuffer(Math.min(chunkBytes, size - from.offset));
	for (let position = from.offset; position < size;) {
		const read = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
		if (read === 0) {
			break;
		}

		const view = chunk.subarray(0, read);
		let start = 0;
		let end = view.indexOf(newline);
		if (end !== -1 && pendingBytes > 0) {
			// The line that began in an earlier chunk.
			const length = pendingBytes + end;
			lines++;
			consumed = position + end + 1;
			visitBytes(
				length > maxLineBytes ? undefined : Buffer.concat([...pending, view.subarray(0, end)]),
				length,
				lines,
				visit,
			);
			pending = [];
			pendingBytes = 0;
			start = end + 1;
			end = view.indexOf(newline, start);
		}

		if (end !== -1) {
			// Every line between `start` and the chunk's last `\n` is whole: check their bytes together.
			const region = view.subarray(start, view.lastIndexOf(newline));
			const encoding = isAscii(region) ? 'latin1' : isUtf8(region) ? 'utf8' : undefined;
			let nul = view.indexOf(0, start);
			for (; end !== -1; end = view.indexOf(newline, start)) {
				const length = end - start;
				lines++;
				consumed = position + end + 1;
				if (length > maxLineBytes) {
					visit(lines, undefined, overLimit(length));
				} else if (nul !== -1 && nul < end) {
					visit(lines, undefined, nulMessage);
				} else if (encoding === undefined) {
					visitBytes(view.subarray(start, end), length, lines, visit);
				} else {
					visit(
						lines,
						view.toString(encoding, start + (encoding === 'utf8' ? bomBytes(view, start, end) : 0), end),
					);
				}

				start = end + 1;
				if (nul !== -1 && nul < start) {
					nul = view.indexOf(0, start);
				}
			}
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

/** Check and decode one line on its own (`bytes` undefined: over the limit). */
function visitBytes(bytes: Uint8Array | undefined, length: number, line: number, visit: LineVisitor): void {
	if (bytes === undefined) {
		visit(line, undefined, overLimit(length));
	} else if (bytes.includes(0)) {
		visit(line, undefined, nulMessage);
	} else if (isUtf8(bytes)) {
		const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
		visit(line, buffer.toString('utf8', bomBytes(buffer, 0, buffer.length)));
	} else {
		visit(line, undefined, utf8Message);
	}
}

function overLimit(length: number): string {
	return `line of ${length} bytes is over the ${maxLineBytes}-byte limit`;
}

/**
 * 3 when the line at `start` opens with a UTF-8 byte order mark and has more after it (dropped, as
 * `TextDecoder` drops it), else 0.
 */
function bomBytes(bytes: Uint8Array, start: number, end: number): number {
	return end - start > 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf
		? 3
		: 0;
}

/** Number of `\n` bytes before `offset`: the line count for a read that starts where no read stopped. */
export function countLines(fd: number, offset: number): number {
	const chunk = readBuffer(Math.min(chunkBytes, offset));
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

const oneByte = Buffer.alloc(1);

/** The byte just before `end` (`undefined` when there is none). */
export function byteBefore(fd: number, end: number): number | undefined {
	return end > 0 && fs.readSync(fd, oneByte, 0, 1, end - 1) === 1 ? oneByte[0] : undefined;
}
