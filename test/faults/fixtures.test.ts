/**
 * The fake agents in `test/fixtures/agents/` behave as their README says, run in a pty through
 * RunSession as the engine runs them. The engine tests rely on these contracts.
 */
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import {fixture, isLive, parsed, Runs, testEnv, waitFor, within} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	await runs.cleanup();
});

/** Files in `folder` but the run's own `runs/` folder. */
function filesIn(folder: string): string[] {
	return fs
		.readdirSync(folder)
		.filter((name) => name !== 'runs')
		.sort();
}

describe('fake agents', () => {
	it('flood.mjs writes exactly N bytes of lines of the given length', async () => {
		const run = runs.start(fixture('flood.mjs'), ['200000', '100']);
		await expect(within(run.session.exited, 10_000, 'flood.mjs')).resolves.toEqual({code: 0, signal: null});
		const log = run.log().toString('latin1');
		// 2000 lines of 100 bytes; the pty turns each \n into \r\n.
		expect(log.length).toBe(200_000 + 2000);
		const lines = log.split('\r\n');
		expect(lines).toHaveLength(2001);
		expect(lines.slice(0, -1).every((line) => line.length === 99)).toBe(true);
		expect(new Set(lines.map((line) => line.slice(9))).size).toBeGreaterThan(10);
		await parsed(run.session);
		// Lines of 99 characters wrap on the 80-column screen: the last one takes two rows, then the cursor row.
		expect(run.session.screen.getText().slice(-3)).toEqual([
			lines[1999]?.slice(0, 80),
			lines[1999]?.slice(80),
			'',
		]);
		expect(lines[1999]).toMatch(/^00001999 /u);
	});

	it('echo-input.mjs prompts, answers each line and exits on quit', async () => {
		const run = runs.start(fixture('echo-input.mjs'), []);
		await waitFor(() => run.text().includes('? name:'), 10_000, 'the prompt');
		run.session.write('alice\r');
		await waitFor(() => run.text().includes('got:alice'), 5000, 'the answer');
		run.session.write('quit\r');
		await expect(within(run.session.exited, 5000, 'echo-input.mjs')).resolves.toEqual({
			code: 0,
			signal: null,
		});
		await parsed(run.session);
		expect(run.session.screen.getText().slice(0, 4)).toEqual([
			'? name: alice',
			'got:alice',
			'? name: quit',
			'bye',
		]);
	});

	it('done-on-run.sh works before run k and writes a valid DONE on run k', async () => {
		const first = runs.start(fixture('done-on-run.sh'), ['2'], {
			env: testEnv({XSARENA_RUN: '1', XSARENA_DONE_FILE: 'unused'}),
		});
		const doneFile = path.join(first.folder, 'runs', '2', 'DONE');
		await expect(within(first.session.exited, 5000, 'run 1')).resolves.toEqual({code: 0, signal: null});
		expect(first.log().toString()).toContain('run 1 of 2: working');
		expect(filesIn(first.folder)).toEqual(['progress-1']);

		const second = runs.start(fixture('done-on-run.sh'), ['2'], {
			cwd: first.folder,
			outputLog: path.join(first.folder, 'runs', '2', 'output.log'),
			env: testEnv({
				XSARENA_RUN: '2',
				XSARENA_JOB_ID: 'job-7',
				XSARENA_DONE_FILE: doneFile,
				CRITERIA: 'tests pass\n\nREADME says "how"\\why',
			}),
		});
		await expect(within(second.session.exited, 5000, 'run 2')).resolves.toEqual({code: 0, signal: null});
		const done = JSON.parse(fs.readFileSync(doneFile, 'utf8')) as {summary: string; criteria: unknown[]};
		expect(done.summary.length).toBeGreaterThanOrEqual(10);
		expect(done.summary).toContain('job-7');
		expect(done.criteria).toEqual([
			{text: 'tests pass', done: true},
			{text: 'README says "how"\\why', done: true},
		]);
		expect(filesIn(path.join(first.folder, 'runs', '2')).sort()).toEqual(['DONE', 'output.log']);
	});

	it('wrong-done.sh writes a DONE that is not JSON; stall.sh changes nothing and repeats itself', async () => {
		const wrong = runs.start(fixture('wrong-done.sh'), [], {
			env: testEnv({XSARENA_DONE_FILE: 'DONE'}),
		});
		await within(wrong.session.exited, 5000, 'wrong-done.sh');
		const content = fs.readFileSync(path.join(wrong.folder, 'DONE'), 'utf8');
		expect(content).toBe('ok\n');
		expect(() => JSON.parse(content) as unknown).toThrow();

		const stalls = [runs.start(fixture('stall.sh'), []), runs.start(fixture('stall.sh'), [])];
		await within(Promise.all(stalls.map(async ({session}) => session.exited)), 5000, 'stall.sh');
		expect(stalls[0]?.log().toString()).toBe('stall: looking around, nothing to do\r\n');
		expect(stalls[1]?.log().equals(stalls[0]?.log() ?? Buffer.alloc(0))).toBe(true);
		expect(stalls.map(({folder}) => filesIn(folder))).toEqual([[], []]);
	});

	it('usage-limit.sh prints the reset time `seconds` from now and keeps running', async () => {
		const run = runs.start(fixture('usage-limit.sh'), ['120']);
		const before = Date.now();
		await waitFor(() => run.text().includes('Your limit will reset at'), 5000, 'the limit message');
		const match = /Claude usage limit reached\. Your limit will reset at (\d\d):(\d\d)$/mu.exec(run.text());
		expect(match).not.toBeNull();
		const printed = Number(match?.[1]) * 60 + Number(match?.[2]);
		// Local time in 120 s, give or take the minute boundary passed while it ran.
		const expected = [before, Date.now()].map((time) => {
			const date = new Date(time + 120_000);
			return date.getHours() * 60 + date.getMinutes();
		});
		expect(expected).toContain(printed);
		await delay(300);
		expect(isLive(run.session.pid)).toBe(true);
		expect(run.text()).toContain('usage-limit: step 1 done');
	});
});
