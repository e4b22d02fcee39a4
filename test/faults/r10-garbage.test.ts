/**
 * R10: binary and malformed output (`garbage.mjs`: seeded random bytes, lone surrogates, invalid UTF-8,
 * mouse mode and the alternate screen switched on and never off, an unterminated OSC title). The
 * emulator absorbs it; the session never throws; the rows stay `cols` wide without control characters;
 * and none of it reaches OUR stdout or stderr (restoring the real terminal is tested with the UI).
 */
import stringWidth from 'string-width';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {fixture, parsed, Runs, stripSgr, within} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	vi.restoreAllMocks();
	await runs.cleanup();
});

const marker = 'garbage: in alt screen';
// What garbage.mjs sends that must stay inside the emulator.
const rawSequences = ['\u001B]0;title', '\u001B[?1049h', '\u001B[?1000h', marker];

/** Everything written to `stream` through `write` while `spy` was installed, as text. */
function written(spy: {mock: {calls: unknown[][]}}): string {
	return spy.mock.calls
		.map(([data]) => (typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('latin1')))
		.join('');
}

describe('binary and malformed output (R10)', () => {
	it.each([1, 2])('absorbs garbage.mjs (seed %i) without throwing or leaking to our stdout', async (seed) => {
		const stdout = vi.spyOn(process.stdout, 'write');
		const stderr = vi.spyOn(process.stderr, 'write');
		const cols = 80;
		const run = runs.start(fixture('garbage.mjs'), ['200000', String(seed)], {cols, rows: 24});
		await expect(within(run.session.exited, 10_000, 'garbage.mjs')).resolves.toEqual({
			code: 0,
			signal: null,
		});
		await parsed(run.session);

		// Everything reached the log (as node-pty decoded it: invalid UTF-8 became U+FFFD).
		expect(run.log().length).toBe(run.session.bytes);
		expect(run.session.bytes).toBeGreaterThan(200_000);
		const log = run.log().toString('utf8');
		expect(log).toContain('lone \uFFFD surrogates \uFFFD here');
		expect(log.endsWith('\u001B]0;title')).toBe(true);

		// The alternate screen is active: the marker drawn after clearing it is on top.
		const text = run.session.screen.getText();
		expect(text).toHaveLength(24);
		expect(text[0]).toBe(marker);
		// Rows are exactly `cols` wide by the emulator and by string-width, and carry no control
		// character but their SGR codes.
		const rows = run.session.screen.getRows();
		expect(rows).toHaveLength(24);
		for (const row of rows) {
			const plain = stripSgr(row);
			expect(stringWidth(plain)).toBe(cols);
			expect(plain).not.toMatch(/\p{Cc}/u);
		}

		// The emulator can leave the alternate screen the program left on: back to the normal buffer.
		run.session.screen.write('\u001B[?1049l');
		await parsed(run.session);
		expect(run.session.screen.getText().join('\n')).not.toContain(marker);

		for (const output of [written(stdout), written(stderr)]) {
			for (const raw of rawSequences) {
				expect(output).not.toContain(raw);
			}
		}
	});

	it('gives the next run a fresh screen, not one stuck in the alternate buffer', async () => {
		const first = runs.start(fixture('garbage.mjs'), ['20000']);
		await within(first.session.exited, 10_000, 'garbage.mjs');
		await parsed(first.session);
		expect(first.session.screen.getText()[0]).toBe(marker);

		const second = runs.start('printf', ['plain\\nline\\n']);
		await within(second.session.exited, 5000, 'printf');
		await parsed(second.session);
		expect(second.session.screen.getText().slice(0, 3)).toEqual(['plain', 'line', '']);
	});
});
