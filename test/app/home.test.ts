import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ensureHomeGitignore, exampleDir, resolveHome, shouldSeed} from '../../source/app/home.js';
import {readBoardFile} from '../../source/app/board-file.js';

describe('resolveHome', () => {
	it('defaults to ./.xsarena and may seed it when missing', () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-home-'));
		const {argv, home} = resolveHome(['list'], {}, cwd);
		expect(argv).toEqual(['list']);
		expect(home).toEqual({root: path.join(cwd, '.xsarena'), projectDir: cwd, explicit: false});
		expect(shouldSeed(home)).toBe(true);
		fs.mkdirSync(home.root);
		expect(shouldSeed(home)).toBe(false);
	});

	it('takes --home anywhere in argv, before XSARENA_HOME, and never seeds it', () => {
		const cwd = '/tmp';
		const env = {XSARENA_HOME: '/srv/env-home'};
		expect(resolveHome(['add', 'x', '--home', 'h'], env, cwd)).toEqual({
			argv: ['add', 'x'],
			home: {root: '/tmp/h', projectDir: cwd, explicit: true},
		});
		expect(resolveHome(['--home=/abs', 'list'], env, cwd).home.root).toBe('/abs');
		const fromEnv = resolveHome(['list'], env, cwd).home;
		expect(fromEnv.root).toBe('/srv/env-home');
		expect(shouldSeed({...fromEnv, root: '/no/such/folder'})).toBe(false);
	});

	it('leaves arguments after -- alone', () => {
		expect(resolveHome(['add', 't', '--', '--home', 'x'], {}, '/w').argv).toEqual([
			'add',
			't',
			'--',
			'--home',
			'x',
		]);
	});
});

describe('the bundled demo board', () => {
	it('parses, has at least six runnable jobs, a dependency and a job that fails on purpose', () => {
		const board = readBoardFile(path.join(exampleDir, 'board.yml'));
		const ready = board.jobs.filter((job) => job.status === 'ready' && job.command);
		expect(ready.length).toBeGreaterThanOrEqual(6);
		expect(board.jobs.some((job) => job.dependsOn.length > 0)).toBe(true);
		expect(board.jobs.some((job) => /fails on purpose/.test(job.title))).toBe(true);
	});
});

describe('ensureHomeGitignore', () => {
	it('keeps xsarena state out of git status but lets config and board be committed, never overwriting', () => {
		const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-gitignore-')), '.xsarena');
		ensureHomeGitignore(root);
		const written = fs.readFileSync(path.join(root, '.gitignore'), 'utf8');
		expect(written.split('\n')).toEqual(expect.arrayContaining(['*', '!config.yml', '!board.yml']));

		fs.writeFileSync(path.join(root, '.gitignore'), 'mine\n');
		ensureHomeGitignore(root);
		expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('mine\n');
	});
});
