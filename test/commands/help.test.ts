import {describe, expect, it} from 'vitest';
import {buildProgram, commandHelp, editDistance, nearestCommand} from '../../source/commands/program.js';
import {commands} from '../../source/commands/registry.js';
import {runArgv} from '../../source/commands/runner.js';
import {tokenizeLine} from '../../source/commands/tokenize.js';
import type {CommandSpec} from '../../source/commands/types.js';

const noContext = async () => {
	throw new Error('help needs no board');
};

/** Parse `line` with the real program, recording what would run instead of running it. */
async function dryParse(line: string, origin: 'cli' | 'repl') {
	let ran: {spec: CommandSpec; args: string[]} | undefined;
	let errors = '';
	const program = buildProgram(
		origin,
		{writeOut: () => undefined, writeErr: (text) => (errors += text)},
		async (spec, args) => {
			ran = {spec, args};
		},
	);
	await program.parseAsync(tokenizeLine(line), {from: 'user'}).catch((error: unknown) => {
		errors += String(error);
	});
	return {ran, errors};
}

describe('help', () => {
	it.each(commands.map((spec) => [spec.name, spec] as const))(
		'%s has a summary and examples that parse as that command',
		async (name, spec) => {
			expect(spec.summary.length).toBeGreaterThan(10);
			expect(spec.examples?.length ?? 0).toBeGreaterThanOrEqual(1);
			expect(spec.examples!.length).toBeLessThanOrEqual(3);
			for (const example of spec.examples!) {
				const {ran, errors} = await dryParse(example, spec.only ?? 'cli');
				expect(errors, example).toBe('');
				expect(ran?.spec.name, example).toBe(name);
			}
		},
	);

	it('help add and add --help print the same text, with the options and examples', async () => {
		const help = await runArgv(['help', 'add'], noContext, 'cli');
		const flag = await runArgv(['add', '--help'], noContext, 'cli');
		expect(help.exitCode).toBe(0);
		expect(flag.exitCode).toBe(0);
		expect(help.stdout).toBe(flag.stdout);
		expect(help.stdout).toContain('Usage: xsarena add [options] <title>');
		expect(help.stdout).toContain('--priority <level>');
		expect(help.stdout).toContain(
			'Examples:\n  xsarena add "Fix login" --priority high --depends-on 01JD8Q…',
		);
		// The REPL shows the same text (its examples work there too: a leading `xsarena` is dropped).
		expect((await runArgv(tokenizeLine('help add'), noContext, 'repl')).stdout).toBe(help.stdout);
		expect(commandHelp('ls', 'repl')).toContain('Usage: xsarena list|ls');
	});

	it('help alone lists every command on one line with its summary', async () => {
		const cli = (await runArgv(['help'], noContext, 'cli')).stdout;
		expect(cli).toMatch(/^ {2}add +add a job to the board and print its id$/m);
		expect(cli).toMatch(/^ {2}list, ls +list jobs/m);
		expect(cli).toMatch(/^ {2}edit +change a job's title/m);
		expect(cli).not.toMatch(/^ {2}quit/m);
		expect((await runArgv(['--help'], noContext, 'cli')).stdout).toBe(cli);
		expect((await runArgv(['help'], noContext, 'repl')).stdout).toMatch(/^ {2}quit, exit, q +leave/m);
	});

	it('an unknown command says so and suggests the nearest', async () => {
		const typo = await runArgv(['help', 'sreach'], noContext, 'cli');
		expect(typo.exitCode).toBe(2);
		expect(typo.stderr).toBe(
			'error: unknown command "sreach" (did you mean "search"?); "xsarena help" lists them\n',
		);
		const run = await runArgv(['lst'], noContext, 'repl');
		expect(run.stderr).toContain('unknown command "lst" (did you mean "list"?)');
		expect((await runArgv(['frobnicate'], noContext, 'cli')).stderr).not.toContain('did you mean');
		expect(nearestCommand('disp', 'cli')).toBe('dispatch');
		expect(nearestCommand('quti', 'cli')).toBeUndefined();
		expect(nearestCommand('quti', 'repl')).toBe('quit');
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
	});
});
