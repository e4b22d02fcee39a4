import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {draft, makeEvent, type Draft} from '../../source/core/index.js';
import {visibleLine, type SearchResult} from '../../source/commands/search.js';
import {EventLog} from '../../source/store/event-log.js';
import {created} from '../core/given.js';
import {newJobId} from '../../source/store/job-store.js';
import {closeStores, ok, setup} from './helpers.js';

afterEach(async () => {
	await closeStores();
});

type Context = ReturnType<typeof setup>;

function append(context: Context, jobId: string, drafts: readonly Draft[]): void {
	const events = drafts.map((item) =>
		makeEvent(item.type, jobId, item.data, {id: newJobId(), at: new Date().toISOString(), by: 'test'}),
	);
	fs.mkdirSync(context.store.paths.jobDir(jobId), {recursive: true});
	new EventLog(context.store.paths.eventsFile(jobId), {jobId}).append(events);
}

/** A job whose runs wrote `outputs` (one per run). */
function jobWithOutput(context: Context, title: string, outputs: readonly string[]): string {
	const id = newJobId();
	append(context, id, [created({title})]);
	for (const [index, output] of outputs.entries()) {
		const run = index + 1;
		append(context, id, [
			draft('job.claimed', {run, by: 'engine:test', agent: 'shell'}),
			draft('run.exited', {run, code: 0, signal: null}),
		]);
		const log = context.store.paths.outputLog(id, run);
		fs.mkdirSync(path.dirname(log), {recursive: true});
		fs.writeFileSync(log, output);
	}

	return id;
}

describe('search', () => {
	it('lists matches by job, run and line, with escapes stripped and redraws reduced', async () => {
		const context = setup();
		const first = jobWithOutput(context, 'Build the site', [
			'compiling\r\n\u001B[31merror\u001B[0m: missing semicolon\r\nok\r\n',
			'10%\r50%\rdone, no Error left\n',
		]);
		const second = jobWithOutput(context, 'Run the tests', ['all green\n']);
		const third = jobWithOutput(context, 'Deploy', ['ERROR: disk full\n']);
		context.store.refresh();

		const text = ok(await context.cli('search', 'error'));
		expect(text.split('\n')).toEqual([
			`${first.slice(-8)}  Build the site`,
			'  run 1:2  error: missing semicolon',
			'  run 2:1  done, no Error left',
			`${third.slice(-8)}  Deploy`,
			'  run 1:1  ERROR: disk full',
			'3 matches for "error" in 4 logs',
		]);
		expect(text).not.toContain(second.slice(-8));

		// A capital letter makes it case-sensitive; --json gives the matches as data.
		const json = JSON.parse(ok(await context.cli('search', 'ERROR', '--json'))) as SearchResult;
		expect(json.matches.map((match) => [match.jobId, match.run, match.line])).toEqual([[third, 1, 1]]);

		expect(ok(await context.cli('search', 'error', '--job', first.slice(0, 20), '--limit', '1'))).toContain(
			'1+ match for "error" in 1 log',
		);
		expect(ok(await context.repl('search nothing here'))).toBe('0 matches for "nothing here" in 4 logs');
	});

	it('reads at most --max-bytes of a log, and says so', async () => {
		const context = setup();
		const lines = Array.from({length: 2000}, (_, index) => `line ${index}${index === 1999 ? ' needle' : ''}`);
		jobWithOutput(context, 'Long', [`${lines.join('\n')}\n`]);
		context.store.refresh();
		expect(ok(await context.cli('search', 'needle'))).toContain('1 match for "needle" in 1 log');
		expect(ok(await context.cli('search', 'needle', '--max-bytes', '1000'))).toBe(
			'0 matches for "needle" in 1 log; 1 logs searched only in part (--max-bytes)',
		);
		const bad = await context.cli('search', 'x', '--limit', '0');
		expect(bad.exitCode).toBe(2);
	});

	it('keeps what a carriage-return redraw left standing', () => {
		expect(visibleLine('10%\r50%\r\u001B[32mdone\u001B[0m\r')).toBe('done');
		expect(visibleLine('plain')).toBe('plain');
	});
});
