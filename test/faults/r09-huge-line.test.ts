/**
 * R9: an agent prints 50 MB with no newline (`huge-line.mjs`). The run ends, `output.log` holds every
 * byte, the screen wraps the line into rows exactly `cols` wide, and our memory does not grow with the
 * line (nothing of ours accumulates it; the emulator keeps at most its scrollback).
 */
import fs from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {fixture, parsed, patternSlice, Runs, stripSgr, within} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	await runs.cleanup();
});

/** Whether the file at `file` is exactly {@link patternSlice}(0, size), read 1 MiB at a time. */
function holdsPattern(file: string, size: number): boolean {
	const fd = fs.openSync(file, 'r');
	try {
		const chunk = Buffer.alloc(36 * 29_127); // ~1 MiB, whole patterns so each chunk starts at pattern[0].
		let offset = 0;
		for (;;) {
			const read = fs.readSync(fd, chunk, 0, chunk.length, offset);
			if (read === 0) {
				return offset === size;
			}

			if (chunk.toString('latin1', 0, read) !== patternSlice(offset, offset + read)) {
				return false;
			}

			offset += read;
		}
	} finally {
		fs.closeSync(fd);
	}
}

describe('a huge line without a newline (R9)', () => {
	it('logs all 50 MB, wraps the screen at cols and keeps memory bounded', async () => {
		const size = 50_000_000;
		const cols = 80;
		const rows = 24;
		const rssBefore = process.memoryUsage().rss;
		let rssPeak = rssBefore;
		const sampler = setInterval(() => {
			rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
		}, 20);
		const started = Date.now();
		const run = runs.start(fixture('huge-line.mjs'), [String(size)], {cols, rows});
		try {
			await expect(within(run.session.exited, 45_000, 'huge-line.mjs')).resolves.toEqual({
				code: 0,
				signal: null,
			});
			await parsed(run.session, 20_000);
		} finally {
			clearInterval(sampler);
		}

		const seconds = (Date.now() - started) / 1000;
		rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
		const growth = rssPeak - rssBefore;
		const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
		console.log(
			`R9: ${size} bytes in one line in ${seconds.toFixed(1)} s; rss ${mb(rssBefore)} MB before, peak ` +
				`${mb(rssPeak)} MB (+${mb(growth)} MB); ${run.session.pauses} pauses`,
		);

		expect(run.session.bytes).toBe(size);
		expect(fs.statSync(run.outputLog).size).toBe(size);
		expect(holdsPattern(run.outputLog, size)).toBe(true);
		// Measured about +40 MB. Output accumulated by our code (the 50 MB line as a string, plus its pieces
		// while being built) adds 50-100 MB or more; 200 MB leaves room for GC timing under load.
		expect(growth).toBeLessThan(200 * 1024 * 1024);

		// The viewport shows the last `rows` wrapped lines of the stream, each `cols` wide but the last.
		const lines = Math.ceil(size / cols);
		const text = run.session.screen.getText();
		expect(text).toHaveLength(rows);
		for (const [y, row] of text.entries()) {
			const line = lines - rows + y;
			expect(row, `row ${y}`).toBe(patternSlice(line * cols, Math.min(size, (line + 1) * cols)));
		}

		for (const row of run.session.screen.getRows()) {
			expect(stripSgr(row)).toHaveLength(cols);
		}
	});
});
