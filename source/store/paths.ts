/**
 * Where things live under a `.xsarena/` folder (layout: `../shared/DESIGN.md`, "On disk").
 *
 * Every path that contains a job id goes through {@link assertJobId} first, so an id read from a
 * command line or a hostile log can never name a file outside `jobs/` (FAULTS S3).
 */
import fs from 'node:fs';
import path from 'node:path';

/** What a job id may look like: a ULID, or any short name of letters, digits, `_` and `-`. */
const jobIdPattern = /^[\w-]{1,64}$/;

/** True when `id` is safe to use as a job folder name (see {@link assertJobId}). */
export function isJobId(id: string): boolean {
	return jobIdPattern.test(id);
}

/**
 * Refuse a job id that is not 1–64 of `[0-9A-Za-z_-]`. That excludes `.`/`..`, `/`, `\`, NUL and
 * anything else that could leave `jobs/` or confuse a shell.
 *
 * @throws Error naming the id (JSON-quoted, so control characters stay visible).
 */
export function assertJobId(id: string): void {
	if (!isJobId(id)) {
		throw new Error(`invalid job id ${JSON.stringify(id)}: use 1-64 letters, digits, "_" or "-"`);
	}
}

/**
 * Names of the job folders in `jobsDir`: sub-folders whose name is a valid job id (anything else,
 * like a stray file or an editor's temp folder, is not a job).
 *
 * @throws Error from `readdir` (the folder is missing or unreadable).
 */
export function listJobFolders(jobsDir: string): string[] {
	return fs
		.readdirSync(jobsDir, {withFileTypes: true})
		.filter((entry) => entry.isDirectory() && isJobId(entry.name))
		.map((entry) => entry.name);
}

/** Absolute paths of one `.xsarena/` folder. Functions taking a job id throw on an invalid id. */
export type HomePaths = {
	/** The `.xsarena/` folder itself. */
	readonly root: string;
	/** `<root>/jobs`: one folder per job. */
	readonly jobsDir: string;
	/** `<root>/config.yml`. */
	readonly configFile: string;
	/** `<root>/engine.lock`: held by the one process that runs jobs (FAULTS R4). */
	readonly engineLock: string;
	/** `<root>/jobs/<id>`. */
	jobDir(id: string): string;
	/** `<root>/jobs/<id>/events.jsonl`: the job's log, the source of truth. */
	eventsFile(id: string): string;
	/** `<root>/jobs/<id>/job.json`: the derived snapshot. */
	snapshotFile(id: string): string;
	/** `<root>/jobs/<id>/events.lock`: the folder proper-lockfile creates while a transaction holds the job. */
	jobLock(id: string): string;
	/** `<root>/jobs/<id>/runs/<n>`. */
	runDir(id: string, n: number): string;
	/** `<root>/jobs/<id>/runs/<n>/output.log`: raw output bytes of run `n`. */
	outputLog(id: string, n: number): string;
	/** `<root>/jobs/<id>/runs/<n>/run.yaml`: pid, agent, command, exit status of run `n`. */
	runYaml(id: string, n: number): string;
	/** `<root>/jobs/<id>/workspace`: the run's working folder. */
	workspace(id: string): string;
	/** `<root>/jobs/<id>/artifacts`: the run's outputs. */
	artifacts(id: string): string;
};

/**
 * The paths of the `.xsarena/` folder at `root` (resolved against the working directory).
 *
 * @throws Error from the job functions when a job id is invalid, or a run number is not a positive integer.
 */
export function homePaths(root: string): HomePaths {
	const absolute = path.resolve(root);
	const jobsDir = path.join(absolute, 'jobs');
	// Joined by hand: `jobsDir` is already normal and a valid id is one plain name (never `.` or `..`),
	// so this is what `path.join` gives, without normalising again (a cold start asks for thousands).
	const jobDir = (id: string): string => {
		assertJobId(id);
		return `${jobsDir}${path.sep}${id}`;
	};

	const inJob = (id: string, name: string): string => `${jobDir(id)}${path.sep}${name}`;

	const runDir = (id: string, n: number): string => {
		if (!Number.isSafeInteger(n) || n < 1) {
			throw new Error(`invalid run number ${String(n)}: runs are numbered from 1`);
		}

		return path.join(jobDir(id), 'runs', String(n));
	};

	return {
		root: absolute,
		jobsDir,
		configFile: path.join(absolute, 'config.yml'),
		engineLock: path.join(absolute, 'engine.lock'),
		jobDir,
		eventsFile: (id) => inJob(id, 'events.jsonl'),
		snapshotFile: (id) => inJob(id, 'job.json'),
		jobLock: (id) => inJob(id, 'events.lock'),
		runDir,
		outputLog: (id, n) => path.join(runDir(id, n), 'output.log'),
		runYaml: (id, n) => path.join(runDir(id, n), 'run.yaml'),
		workspace: (id) => path.join(jobDir(id), 'workspace'),
		artifacts: (id) => path.join(jobDir(id), 'artifacts'),
	};
}
