/**
 * S2: job fields that look like shell syntax. `fillTemplate` fills the agent's argv template, and the
 * run starts `echo-env.sh` through RunSession, i.e. through the linger wrapper, which is a shell (`sh -c`)
 * and must pass `"$@"` on without re-parsing it. Each field reaches the agent as one argv element exactly
 * as written, and nothing in it is executed. (Without the wrapper, `wrapper: false`, the argv is the same
 * but the output of a program exiting at once is not reliably delivered (R12), so it is not a usable
 * control here.)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {fillTemplate, type TemplateVars} from '../../source/core/agent-command.js';
import {fixture, Runs, within} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	await runs.cleanup();
});

// Side effects would create files starting with this.
const pwned = path.join(os.tmpdir(), `pwned-${crypto.randomBytes(6).toString('hex')}`);

const hostile = [
	"it's a 'quoted' prompt",
	'say "hi" and \\"escaped\\"',
	`$(touch ${pwned}-dollar)`,
	`\`touch ${pwned}-backtick\``,
	`a; touch ${pwned}-semicolon; echo done`,
	`x && touch ${pwned}-and || touch ${pwned}-or | tee ${pwned}-pipe > ${pwned}-redirect &`,
	'line one\nline two\n\nline four\n',
	'--dangerously-skip-permissions',
	'-rf',
	'--',
	'$HOME ${PATH} * ? ~ [a-z] {title} {prompt} $& $1 $$ $`',
	'漢字 🙂 é e\u0301 \u202Ertl\u202C ⏺ ✻ ⎿',
	'back\\slash \\n not a newline, \ttab',
	'',
	'  leading and trailing spaces  ',
];

const template = ['--print', '{prompt}', '--title', '{title}', '--append-system-prompt=Job {jobId}: {title}'];

/** The argv `echo-env.sh` printed (ECHO_ARGV_HEX=1), decoded from its hex lines. */
function receivedArgs(log: string): string[] {
	const args: string[] = [];
	for (const match of log.matchAll(/^argv_hex\[(\d+)\]=([\da-f]*)\r?$/gmu)) {
		args[Number(match[1]) - 1] = Buffer.from(match[2] ?? '', 'hex').toString('utf8');
	}

	return args;
}

describe('job fields reach the agent as single argv elements (S2)', () => {
	it('passes hostile prompts and titles through unchanged', async () => {
		const cases = hostile.map((prompt, index) => {
			const vars: TemplateVars = {
				prompt,
				title: hostile[(index + 5) % hostile.length] ?? '',
				jobId: `job-${index}`,
				workspace: '/nowhere',
			};
			return {vars, args: fillTemplate(template, vars, 'fake')};
		});

		for (let done = 0; done < cases.length; done += 4) {
			const batch = cases.slice(done, done + 4).map((entry) => ({
				...entry,
				// A minimal environment keeps each run's output under the ~4 KiB a pty holds at exit, so this
				// test of argv does not depend on the output-at-exit race of R12 (see r12-exit-output.test.ts).
				run: runs.start(fixture('echo-env.sh'), entry.args, {
					env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', ECHO_ARGV_HEX: '1'},
				}),
			}));
			await within(Promise.all(batch.map(async ({run}) => run.session.exited)), 15_000, 'echo-env.sh');
			for (const {vars, args, run} of batch) {
				// fillTemplate made whole elements: the values, not re-expanded.
				expect(args).toEqual([
					'--print',
					vars.prompt,
					'--title',
					vars.title,
					`--append-system-prompt=Job ${vars.jobId}: ${vars.title}`,
				]);
				const log = run.log().toString('utf8');
				expect(log).toContain(`argc=${args.length}\r\n`);
				expect(log.endsWith('--- end ---\r\n')).toBe(true);
				expect(run.log().length).toBeLessThan(4000);
				expect(receivedArgs(log)).toEqual(args);
				// The readable lines too (the pty turns each \n into \r\n).
				const readable = args.map((arg, index) => `argv[${index + 1}]=${arg}\n`).join('');
				expect(log.replaceAll('\r\n', '\n')).toContain(readable);
				// Nothing was created in the run's folder but the run's own log.
				expect(fs.readdirSync(run.folder)).toEqual(['runs']);
			}

			await runs.cleanup();
		}

		const created = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(path.basename(pwned)));
		expect(created).toEqual([]);
	});
});
