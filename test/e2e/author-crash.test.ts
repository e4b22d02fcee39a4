/**
 * End to end: an author job survives its process being killed with SIGKILL in the middle of a chunk.
 * A headless engine writes a book on the offline transport; it is killed while a chunk streams, a new
 * engine takes the job over (the dead engine's lease expires) and the book ends with every chunk
 * exactly once, in order, and the file ending exactly at the last recorded commit point.
 */
import {execa, type ResultPromise} from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {runCli} from './pty-app.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const chunks = 6;

/** A headless engine on `home`, with its stdout collected. */
function headless(home: string, cwd: string): {engine: ResultPromise; output: () => string} {
	const engine = execa(process.execPath, [cli, '--home', home, 'run', '--headless'], {cwd, reject: false});
	let stdout = '';
	engine.stdout!.on('data', (data: Buffer) => {
		stdout += String(data);
	});
	return {engine, output: () => stdout};
}

describe('author job crash', () => {
	it(
		'after a SIGKILL mid-chunk, the book goes on with no chunk lost or written twice',
		{timeout: 60_000},
		async () => {
			const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-author-crash-'));
			const home = path.join(cwd, '.xsarena');
			fs.mkdirSync(home);
			// Slow enough that a kill lands inside a chunk; no short or repeated chunks, so every chunk is one request.
			fs.writeFileSync(
				path.join(home, 'config.yml'),
				[
					'scheduler:',
					'  graceMs: 300',
					'authoring:',
					`  spans: {crash: ${chunks}}`,
					'  lengths: {tiny: {minChars: 1500, passes: 0}}',
					'  defaultSpan: crash',
					'  defaultLength: tiny',
					'transports:',
					'  scripted: {type: scripted, charsPerSecond: 3000, shortEvery: 0, repeatEvery: 0}',
					'',
				].join('\n'),
			);
			const added = await runCli(['--home', home, 'book', 'the', 'tides'], cwd);
			const id = added.stdout.trim();
			const bookFile = path.join(home, 'jobs', id, 'out.md');

			const first = headless(home, cwd);
			await waitFor(() => /chunk 2 written/.test(first.output()), 30_000, first.output);
			// Into chunk 3: bytes are streaming, nothing of it is recorded yet.
			await new Promise((resolve) => setTimeout(resolve, 200));
			first.engine.kill('SIGKILL');
			await first.engine;

			const second = headless(home, cwd);
			await waitFor(() => /moved in_flight → done/.test(second.output()), 45_000, second.output);
			second.engine.kill('SIGTERM');
			await second.engine;

			const shown = await runCli(['--home', home, 'show', id, '--json'], cwd);
			const {job, events} = JSON.parse(shown.stdout) as {
				job: {status: string; author: {chunks: number; endOffset: number}};
				events: Array<{type: string; data: {n?: number; run?: number; reason?: string}}>;
			};
			expect(job.status).toBe('done');
			const written = events.filter((event) => event.type === 'chunk.completed').map((event) => event.data.n);
			expect(written).toEqual(Array.from({length: chunks}, (_, index) => index + 1));
			const text = fs.readFileSync(bookFile, 'utf8');
			expect(Buffer.byteLength(text)).toBe(job.author.endOffset);
			const headings = [...text.matchAll(/^# Chapter (\d+)/gm)].map((match) => Number(match[1]));
			expect(headings).toEqual(Array.from({length: chunks}, (_, index) => index + 1));
			const interrupted = events.filter((event) => event.type === 'run.interrupted');
			expect(interrupted).toMatchObject([{data: {run: 1, reason: expect.stringMatching(/gone/)}}]);
		},
	);
});
