/**
 * Where a job's run works (its isolation, `../core/supervision.ts`): the project itself, a private
 * folder under the job, or a git worktree of the project on its own branch `xsarena/<id>`, so that
 * several agents can edit the same repository without stepping on each other.
 *
 * A worktree is created once and reused by every later run of the job (restarts, the Ralph loop,
 * an engine restart), so an agent finds its previous work where it left it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {execa, type ExecaError} from 'execa';
import type {Isolation} from '../core/supervision.js';
import type {HomePaths} from '../store/paths.js';

/** Where a run works. */
export type RunPlace = {
	/** Absolute folder the agent starts in. */
	readonly cwd: string;
	/** The git branch the worktree is on (`xsarena/<jobId>`); only for `worktree`. */
	readonly branch?: string;
	/** What was done to get there, for the job's log (e.g. "created worktree … from HEAD 1a2b3c4"). */
	readonly note?: string;
};

/** A run place could not be prepared; the message says why and what to do, for the person. */
export class IsolationError extends Error {
	override name = 'IsolationError';
}

/** What {@link prepareRunPlace} needs. */
export type PrepareRunPlaceOptions = {
	readonly isolation: Isolation;
	readonly jobId: string;
	/** The project's folder (absolute, or relative to our working directory). */
	readonly projectDir: string;
	/**
	 * The agent's configured working folder, relative to `projectDir` (or absolute). Used by `shared`;
	 * `worktree` maps it to the same place inside the worktree; `workspace` ignores it.
	 */
	readonly agentCwd?: string;
	readonly paths: HomePaths;
};

/** The worktree folder of a job: `.xsarena/jobs/<id>/worktree` (not in `HomePaths` yet). */
export function worktreeDir(paths: HomePaths, jobId: string): string {
	return path.join(paths.jobDir(jobId), 'worktree');
}

/** The branch a job's worktree is on. */
export function worktreeBranch(jobId: string): string {
	return `xsarena/${jobId}`;
}

/**
 * Prepare where a job's run works.
 *
 * - `shared`: `projectDir`, or `agentCwd` resolved against it.
 * - `workspace`: `paths.workspace(jobId)`, created if missing.
 * - `worktree`: a git worktree of the project at `.xsarena/jobs/<id>/worktree` on branch `xsarena/<id>`:
 *   created from HEAD the first time, reused later; when the branch exists but the folder is gone, it
 *   is added again on the existing branch (the work committed there survives). When `projectDir` (or
 *   `agentCwd`) is a sub-folder of the repository, `cwd` is the same sub-folder of the worktree.
 *
 * @throws IsolationError when the working folder does not exist, when `worktree` is asked and the
 * project is not in a git work tree or has no commit yet, or when git fails (with git's first line
 * of stderr).
 */
export async function prepareRunPlace(options: PrepareRunPlaceOptions): Promise<RunPlace> {
	const projectDir = path.resolve(options.projectDir);
	const wanted = options.agentCwd === undefined ? projectDir : path.resolve(projectDir, options.agentCwd);
	switch (options.isolation) {
		case 'shared': {
			await requireFolder(wanted);
			return {cwd: wanted};
		}

		case 'workspace': {
			const cwd = options.paths.workspace(options.jobId);
			await fs.mkdir(cwd, {recursive: true});
			return {cwd};
		}

		case 'worktree': {
			await requireFolder(wanted);
			return prepareWorktree(projectDir, wanted, options.jobId, options.paths);
		}

		default: {
			const unreachable: never = options.isolation;
			throw new IsolationError(`unknown isolation ${JSON.stringify(unreachable)}`);
		}
	}
}

async function requireFolder(folder: string): Promise<void> {
	const stat = await fs.stat(folder).catch(() => undefined);
	if (!stat?.isDirectory()) {
		throw new IsolationError(`working folder ${folder} does not exist (or is not a folder)`);
	}
}

/**
 * One `git worktree add` at a time per repository in this process: git takes no lock across the
 * whole of `worktree add`, and two jobs starting together would race on `.git/worktrees/`.
 */
const repositoryQueues = new Map<string, Promise<unknown>>();

async function prepareWorktree(
	projectDir: string,
	wanted: string,
	jobId: string,
	paths: HomePaths,
): Promise<RunPlace> {
	const top = await repositoryTop(projectDir);
	const previous = repositoryQueues.get(top) ?? Promise.resolve();
	const next = previous.then(async () => addOrReuse(top, wanted, jobId, paths));
	const settled = next.catch(() => undefined);
	repositoryQueues.set(top, settled);
	void settled.then(() => {
		if (repositoryQueues.get(top) === settled) {
			repositoryQueues.delete(top);
		}
	});
	return next;
}

async function addOrReuse(top: string, wanted: string, jobId: string, paths: HomePaths): Promise<RunPlace> {
	const branch = worktreeBranch(jobId);
	// Git prints real paths; compare real paths so a symlinked home or /tmp still matches.
	await fs.mkdir(paths.jobDir(jobId), {recursive: true});
	const dir = path.join(await fs.realpath(paths.jobDir(jobId)), 'worktree');
	const registered = (await listWorktrees(top)).includes(dir);
	const present = await exists(path.join(dir, '.git'));
	let note: string;
	if (registered && present) {
		note = `reused worktree ${dir}`;
	} else {
		if (registered) {
			// The folder was deleted by hand: forget its stale entry, or `worktree add` refuses the path.
			await git(top, ['worktree', 'prune']);
		}

		if (await branchExists(top, branch)) {
			await git(top, ['worktree', 'add', dir, branch]);
			note = `re-added worktree ${dir} on existing branch ${branch}`;
		} else {
			const head = await headCommit(top);
			await git(top, ['worktree', 'add', '-b', branch, dir, 'HEAD']);
			note = `created worktree ${dir} on new branch ${branch} from HEAD ${head.slice(0, 12)}`;
		}
	}

	const place = await placeInside(top, wanted, dir);
	return {cwd: place.cwd, branch, note: place.note ? `${note}; ${place.note}` : note};
}

/** The same sub-folder of the worktree as `wanted` is of the repository, when it exists there. */
async function placeInside(top: string, wanted: string, dir: string): Promise<{cwd: string; note?: string}> {
	const relative = path.relative(top, await fs.realpath(wanted));
	if (relative === '') {
		return {cwd: dir};
	}

	if (relative.startsWith('..') || path.isAbsolute(relative)) {
		return {cwd: dir, note: `${wanted} is outside the repository: starting at the worktree's root`};
	}

	const inside = path.join(dir, relative);
	if (await exists(inside)) {
		return {cwd: inside};
	}

	return {cwd: dir, note: `${relative} is not in the worktree (not committed?): starting at its root`};
}

async function repositoryTop(projectDir: string): Promise<string> {
	try {
		const {stdout} = await runGit(projectDir, ['rev-parse', '--show-toplevel']);
		return await fs.realpath(stdout);
	} catch (error) {
		const line = firstLine(error);
		if (/not a git repository/i.test(line)) {
			throw new IsolationError(
				`${projectDir} is not a git repository; use isolation: shared or workspace, or run git init`,
			);
		}

		throw new IsolationError(`git cannot use ${projectDir} for a worktree: ${line}`);
	}
}

async function headCommit(top: string): Promise<string> {
	const result = await runGit(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], false);
	if (result.exitCode !== 0) {
		throw new IsolationError(
			`${top} has no commit yet, so there is nothing to branch a worktree from; commit once, or use isolation: shared or workspace`,
		);
	}

	return result.stdout;
}

async function branchExists(top: string, branch: string): Promise<boolean> {
	const result = await runGit(top, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], false);
	return result.exitCode === 0;
}

/** The real paths of the repository's worktrees, from `git worktree list --porcelain`. */
async function listWorktrees(top: string): Promise<string[]> {
	const {stdout} = await git(top, ['worktree', 'list', '--porcelain']);
	const listed = stdout
		.split('\n')
		.filter((line) => line.startsWith('worktree '))
		.map((line) => line.slice('worktree '.length));
	return Promise.all(listed.map(async (dir) => realParent(dir)));
}

/** `dir` with its parent resolved to a real path (the folder itself may be gone). */
async function realParent(dir: string): Promise<string> {
	try {
		return path.join(await fs.realpath(path.dirname(dir)), path.basename(dir));
	} catch {
		return dir;
	}
}

/** Runs git; a failure becomes an IsolationError with git's own message (its first error line). */
async function git(cwd: string, args: readonly string[]): Promise<{stdout: string}> {
	try {
		return await runGit(cwd, args);
	} catch (error) {
		throw new IsolationError(`git ${args.join(' ')} failed in ${cwd}: ${firstLine(error)}`);
	}
}

async function runGit(
	cwd: string,
	args: readonly string[],
	reject = true,
): Promise<{stdout: string; exitCode?: number}> {
	return execa('git', ['-C', cwd, ...args], {
		reject,
		stdin: 'ignore',
		env: {
			// Stable English messages (we match "not a git repository"), and no inherited repository
			// override: when xsarena is started from a git hook, GIT_DIR would point every call elsewhere.
			LC_ALL: 'C',
			GIT_DIR: undefined,
			GIT_WORK_TREE: undefined,
			GIT_INDEX_FILE: undefined,
			GIT_COMMON_DIR: undefined,
		},
	});
}

function firstLine(error: unknown): string {
	const {stderr, code, shortMessage} = error as Partial<ExecaError> & {code?: string};
	if (code === 'ENOENT') {
		return 'git is not installed (or not on PATH)';
	}

	const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : (shortMessage ?? String(error));
	const lines = text.trim().split('\n');
	// Git may print progress ("Preparing worktree …") before the line that says what went wrong.
	return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '';
}

async function exists(file: string): Promise<boolean> {
	return fs.access(file).then(
		() => true,
		() => false,
	);
}
