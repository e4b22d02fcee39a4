/**
 * R12: output written just before exit is not lost (microsoft/node-pty#72). `exit-big.mjs` writes 64 KiB,
 * 256 KiB or 1 MiB in one write and exits at once; with the linger wrapper and the drain wait,
 * `output.log` must hold exactly those bytes in every trial. Trials run four at a time (the loaded case).
 * 12 trials for 64 KiB and 256 KiB and 8 for 1 MiB, not 20 each: a batch of four runs takes 0.9-1.3 s
 * on two cores under load (four Node start-ups, the 100 ms linger, parsing up to 4 MiB), and the whole
 * folder must stay well under a minute. The 100-run count of FAULTS.md belongs in bench/.
 */
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {fixture, isLive, patternSlice, Runs, within} from './helpers.js';

const runs = new Runs();
const parallel = 4;
const report: string[] = [];

afterEach(async () => {
	await runs.cleanup();
});

afterAll(() => {
	console.log(`R12: ${report.join('; ')}`);
});

describe('output written just before exit (R12)', () => {
	it.each([
		{size: 64 * 1024, trials: 12},
		{size: 256 * 1024, trials: 12},
		{size: 1024 * 1024, trials: 8},
	])(
		'logs every byte of $size bytes written just before exit, in $trials of $trials trials',
		async ({size, trials}) => {
			const expected = Buffer.from(`${patternSlice(0, size - 1)}$`);
			const started = Date.now();
			let short = 0;
			let wrong = 0;
			const lengths: number[] = [];
			for (let done = 0; done < trials; done += parallel) {
				const batch = Array.from({length: Math.min(parallel, trials - done)}, () =>
					runs.start(fixture('exit-big.mjs'), [String(size)]),
				);
				const exits = await within(
					Promise.all(batch.map(async (run) => run.session.exited)),
					20_000,
					`a batch of ${size}-byte runs`,
				);
				expect(exits).toEqual(batch.map(() => ({code: 0, signal: null})));
				for (const run of batch) {
					const log = run.log();
					lengths.push(log.length);
					if (log.length < size) {
						short++;
					} else if (!log.equals(expected)) {
						wrong++;
					}
				}

				await runs.cleanup();
			}

			report.push(
				`${size / 1024} KiB: ${short}/${trials} short, ${wrong} corrupt, shortest ${Math.min(...lengths)} ` +
					`bytes, ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);
			expect(lengths).toHaveLength(trials);
			expect({short, wrong}).toEqual({short: 0, wrong: 0});
		},
		40_000,
	);

	/** Blocks this thread (the event loop) until `pid` has ended or `timeoutMs` passed. */
	/** Block the event loop (nothing is read from the pty meanwhile). */
	function stallFor(ms: number): void {
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
	}

	// A fixed linger (100 ms) lost output here: when our event loop did not read within it (a long frame,
	// GC, a loaded machine: R22), the kernel dropped what the program wrote beyond the ~4 KiB the pty
	// holds (5000 bytes arrived as 4095). The exit wrapper now holds the pty open until we have read its
	// end marker, so a 2 s stall (R22) loses nothing, and the wrapper is still waiting when it ends.
	it('keeps the tail when our event loop stalls 2 s while the agent exits (R12 with R22)', async () => {
		const size = 12_000;
		const run = runs.start(fixture('exit-big.mjs'), [String(size)]);
		stallFor(2000);
		expect(isLive(run.session.pid)).toBe(true);
		await within(run.session.exited, 5000, 'exit-big.mjs');
		expect(run.log().length).toBe(size);
	});
});
