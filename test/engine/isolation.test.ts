import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {IsolationError, prepareRunPlace, worktreeDir} from '../../source/engine/isolation.js';
import {homePaths} from '../../source/store/paths.js';

const gitEnv = {
	...process.env,
	GIT_AUTHOR_NAME: 'Test',
	GIT_AUTHOR_EMAIL: 'test@example.com',
	GIT_COMMITTER_NAME: 'Test',
	GIT_COMMITTER_EMAIL: 'test@example.com',
	GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', ['-C', cwd, ...args], {env: gitEnv, encoding: 'utf8'}).trim();
}

/** A temp project with `.xsarena/` inside, as a user would have it; with a git repository unless told. */
function project(kind: 'committed' | 'empty-repo' | 'plain' = 'committed') {
	const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-isolation-')));
	const paths = homePaths(path.join(dir, '.xsarena'));
	if (kind !== 'plain') {
		git(dir, 'init', '--quiet', '--initial-branch=main');
		fs.writeFileSync(path.join(dir, '.gitignore'), '.xsarena/\n');
		fs.mkdirSync(path.join(dir, 'src'));
		fs.writeFileSync(path.join(dir, 'src', 'app.ts'), 'export {};\n');
	}

	if (kind === 'committed') {
		git(dir, 'add', '.');
		git(dir, 'commit', '--quiet', '-m', 'first');
	}

	return {dir, paths};
}

describe('prepareRunPlace', () => {
	it('shared: works in the project, or in agentCwd resolved against it', async () => {
		const {dir, paths} = project('plain');
		fs.mkdirSync(path.join(dir, 'sub'));
		expect(await prepareRunPlace({isolation: 'shared', jobId: 'j1', projectDir: dir, paths})).toEqual({
			cwd: dir,
		});
		const place = await prepareRunPlace({
			isolation: 'shared',
			jobId: 'j1',
			projectDir: dir,
			agentCwd: 'sub',
			paths,
		});
		expect(place.cwd).toBe(path.join(dir, 'sub'));
		await expect(
			prepareRunPlace({isolation: 'shared', jobId: 'j1', projectDir: dir, agentCwd: 'missing', paths}),
		).rejects.toThrow(/working folder .*missing does not exist/);
	});

	it('workspace: creates the job’s private folder', async () => {
		const {dir, paths} = project('plain');
		const place = await prepareRunPlace({isolation: 'workspace', jobId: 'j2', projectDir: dir, paths});
		expect(place.cwd).toBe(paths.workspace('j2'));
		expect(fs.statSync(place.cwd).isDirectory()).toBe(true);
	});

	it('worktree: creates a worktree on xsarena/<id> from HEAD, then reuses it', async () => {
		const {dir, paths} = project();
		const first = await prepareRunPlace({isolation: 'worktree', jobId: 'J3', projectDir: dir, paths});
		expect(first.cwd).toBe(worktreeDir(paths, 'J3'));
		expect(first.branch).toBe('xsarena/J3');
		expect(first.note).toMatch(/created worktree .* on new branch xsarena\/J3 from HEAD [\da-f]{12}/);
		expect(git(first.cwd, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('xsarena/J3');
		expect(fs.readFileSync(path.join(first.cwd, 'src', 'app.ts'), 'utf8')).toBe('export {};\n');

		// Work left by the first run is still there for the next one.
		fs.writeFileSync(path.join(first.cwd, 'progress.txt'), 'half done');
		const second = await prepareRunPlace({isolation: 'worktree', jobId: 'J3', projectDir: dir, paths});
		expect(second.cwd).toBe(first.cwd);
		expect(second.note).toMatch(/^reused worktree/);
		expect(fs.readFileSync(path.join(second.cwd, 'progress.txt'), 'utf8')).toBe('half done');
		// The project's own checkout is untouched.
		expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
	});

	it('worktree: re-adds a deleted worktree folder on the existing branch, keeping its commits', async () => {
		const {dir, paths} = project();
		const first = await prepareRunPlace({isolation: 'worktree', jobId: 'j4', projectDir: dir, paths});
		fs.writeFileSync(path.join(first.cwd, 'work.txt'), 'committed work');
		git(first.cwd, 'add', 'work.txt');
		git(first.cwd, 'commit', '--quiet', '-m', 'work');
		fs.rmSync(first.cwd, {recursive: true, force: true});

		const again = await prepareRunPlace({isolation: 'worktree', jobId: 'j4', projectDir: dir, paths});
		expect(again.cwd).toBe(first.cwd);
		expect(again.note).toMatch(/re-added worktree .* on existing branch xsarena\/j4/);
		expect(fs.readFileSync(path.join(again.cwd, 'work.txt'), 'utf8')).toBe('committed work');
	});

	it('worktree: maps a sub-folder of the repository to the same sub-folder of the worktree', async () => {
		const {dir, paths} = project();
		const place = await prepareRunPlace({
			isolation: 'worktree',
			jobId: 'j5',
			projectDir: dir,
			agentCwd: 'src',
			paths,
		});
		expect(place.cwd).toBe(path.join(worktreeDir(paths, 'j5'), 'src'));
	});

	it('worktree: several jobs of one repository can start at once', async () => {
		const {dir, paths} = project();
		const ids = ['a1', 'a2', 'a3', 'a4'];
		const places = await Promise.all(
			ids.map(async (jobId) => prepareRunPlace({isolation: 'worktree', jobId, projectDir: dir, paths})),
		);
		expect(places.map((place) => place.branch)).toEqual(ids.map((id) => `xsarena/${id}`));
		expect(git(dir, 'worktree', 'list').split('\n')).toHaveLength(5);
	});

	it('worktree: refuses a folder that is not in a git repository, saying what to do', async () => {
		const {dir, paths} = project('plain');
		const error = await prepareRunPlace({isolation: 'worktree', jobId: 'j6', projectDir: dir, paths}).catch(
			(error: unknown) => error,
		);
		expect(error).toBeInstanceOf(IsolationError);
		expect((error as Error).message).toBe(
			`${dir} is not a git repository; use isolation: shared or workspace, or run git init`,
		);
	});

	it('worktree: refuses a repository without any commit', async () => {
		const {dir, paths} = project('empty-repo');
		await expect(
			prepareRunPlace({isolation: 'worktree', jobId: 'j7', projectDir: dir, paths}),
		).rejects.toThrow(/has no commit yet/);
	});

	it('worktree: reports git’s own message when git fails', async () => {
		const {dir, paths} = project();
		// The branch is checked out elsewhere already, so git refuses a second worktree on it.
		git(dir, 'branch', 'xsarena/j8');
		git(dir, 'worktree', 'add', '--quiet', path.join(dir, '..', `other-${path.basename(dir)}`), 'xsarena/j8');
		const error = await prepareRunPlace({isolation: 'worktree', jobId: 'j8', projectDir: dir, paths}).catch(
			(error: unknown) => error,
		);
		expect(error).toBeInstanceOf(IsolationError);
		expect((error as Error).message).toMatch(/^git worktree add .* failed in .*: fatal: .*xsarena\/j8/);
	});
});
