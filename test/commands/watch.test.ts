import {describe, expect, it} from 'vitest';
import {runArgv} from '../../source/commands/runner.js';
import {UsageError} from '../../source/commands/types.js';
import {parseWatchArgv} from '../../source/commands/watch.js';

const noContext = async () => {
	throw new Error('watch needs no store');
};

describe('parsing watch', () => {
	it('takes commands after watch (with or without --), and --pane anywhere before --', () => {
		expect(parseWatchArgv(['watch', '--', 'npm run dev', 'npm test -- --watch'])).toEqual({
			commands: ['npm run dev', 'npm test -- --watch'],
			keep: false,
			profile: undefined,
		});
		expect(parseWatchArgv(['watch', 'ls'])).toMatchObject({commands: ['ls']});
		expect(parseWatchArgv(['--pane', 'echo a', '--pane=echo b', '--keep'])).toEqual({
			commands: ['echo a', 'echo b'],
			keep: true,
			profile: undefined,
		});
		expect(parseWatchArgv(['watch', '--profile', 'p.jsonl', '--pane', 'top', '--', 'htop'])).toEqual({
			commands: ['top', 'htop'],
			keep: false,
			profile: 'p.jsonl',
		});
	});

	it('leaves other command lines alone, even with --pane after --', () => {
		expect(parseWatchArgv([])).toBeUndefined();
		expect(parseWatchArgv(['list', '--json'])).toBeUndefined();
		expect(parseWatchArgv(['add', 'title', '--command', 'x', '--', '--pane'])).toBeUndefined();
	});

	it('refuses no command, blank commands and unknown options as usage errors', () => {
		expect(() => parseWatchArgv(['watch'])).toThrow(UsageError);
		expect(() => parseWatchArgv(['watch', '--', ' '])).toThrow(/at least one command/);
		expect(() => parseWatchArgv(['watch', '--frobnicate', 'ls'])).toThrow(/unknown option '--frobnicate'/);
		expect(() => parseWatchArgv(['--pane'])).toThrow(UsageError);
	});

	it('is listed by help, and refuses to run from the registry (the program opens it)', async () => {
		const help = await runArgv(['help', 'watch'], noContext, 'cli');
		expect(help.stdout).toMatch(/Usage: xsarena watch \[options\] \[commands\.\.\.\]/);
		expect(help.stdout).toMatch(/--keep/);
		expect(help.stdout).toMatch(/--profile <file>/);
		const listed = await runArgv(['--help'], noContext, 'cli');
		expect(listed.stdout).toMatch(/\n {2}watch +open the dashboard on shell commands/);
		const repl = await runArgv(['watch', 'ls'], noContext, 'repl');
		expect(repl.exitCode).toBe(2);
	});
});
