/**
 * `gc [--older-than <duration>] [--dry-run]`: free disk by removing the `runs/<n>/output.log` of
 * finished runs. Events, snapshots, `run.yaml`, artifacts and workspaces are never touched, and
 * neither is anything of a run that is still going on.
 */
import fs from 'node:fs';
import ms from 'ms';
import type {Job, Run} from '../core/index.js';
import {UsageError, type CommandContext, type CommandSpec} from './types.js';

/** Age past which output is removed when neither `--older-than` nor `store.retention` says. */
export const defaultRetention = '30d';

/** One output log removed (or, with `--dry-run`, that would be). */
export type RemovedLog = {
	readonly jobId: string;
	readonly run: number;
	readonly path: string;
	readonly bytes: number;
	/** ISO 8601 time the run ended (its `endedAt`, or the file's last change when later or unknown). */
	readonly endedAt: string;
};

/** Bytes for people: `512 B`, `12.3 KB`, `4.0 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]!}`;
}

/**
 * Parse a retention like `30d` or `12h` (the `ms` package; a bare number is milliseconds).
 *
 * @throws {UsageError} naming the value when it is not a positive duration.
 */
export function parseRetention(value: string | number, flag: string): number {
	const parsed: unknown =
		typeof value === 'number' ? value : value.trim() === '' ? undefined : ms(value as ms.StringValue);
	if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0) {
		throw new UsageError(`${flag}: "${String(value)}" is not a positive duration (e.g. 30d, 12h)`);
	}

	return parsed;
}

/** The retention: `--older-than`, else `store.retention` in config.yml when there is one, else 30 days. */
function retention(context: CommandContext, option: string | undefined): number {
	if (option !== undefined) {
		return parseRetention(option, '--older-than');
	}

	// `store.retention` is optional in config.yml; read it without assuming the schema has it.
	const configured = (context.config.store as {retention?: unknown}).retention;
	return typeof configured === 'string' || typeof configured === 'number'
		? parseRetention(configured, 'store.retention')
		: parseRetention(defaultRetention, 'default retention');
}

/**
 * The output log of a finished run, when it ended before `cutoff` (ms since the epoch). A file changed
 * after the run's recorded end (a process that outlived its engine) counts from that change instead.
 */
function expiredLog(context: CommandContext, job: Job, run: Run, cutoff: number): RemovedLog | undefined {
	if (run.state === 'running') {
		return undefined;
	}

	const file = context.paths.outputLog(job.id, run.n);
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(file);
	} catch {
		return undefined;
	}

	const recorded = run.endedAt === undefined ? Number.NaN : Date.parse(run.endedAt);
	const end = Number.isNaN(recorded) ? stat.mtimeMs : Math.max(recorded, stat.mtimeMs);
	if (!stat.isFile() || end >= cutoff) {
		return undefined;
	}

	return {jobId: job.id, run: run.n, path: file, bytes: stat.size, endedAt: new Date(end).toISOString()};
}

/** `gc`: see the file comment. */
export const gc: CommandSpec = {
	name: 'gc',
	summary: 'remove output logs of runs that finished long ago (default: older than store.retention or 30d)',
	examples: ['xsarena gc --dry-run', 'xsarena gc --older-than 7d'],
	configure(command) {
		command
			.option('--older-than <duration>', 'only runs that ended longer ago than this (e.g. 30d, 12h)')
			.option('--dry-run', 'say what would be removed, remove nothing');
	},
	async run(context, _args, options) {
		context.store.refresh();
		const olderThan = retention(context, options['olderThan'] as string | undefined);
		const dryRun = options['dryRun'] === true;
		const cutoff = Date.now() - olderThan;
		const jobs = [...context.store.getSnapshot().board.jobs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
		const removed: RemovedLog[] = [];
		for (const job of jobs) {
			for (const run of job.runs) {
				const log = expiredLog(context, job, run, cutoff);
				if (!log) {
					continue;
				}

				if (!dryRun) {
					try {
						fs.rmSync(log.path);
					} catch (error) {
						if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
							continue;
						}

						throw new Error(`cannot remove ${log.path}: ${(error as Error).message}`, {cause: error});
					}
				}

				removed.push(log);
			}
		}

		const bytes = removed.reduce((sum, log) => sum + log.bytes, 0);
		const age = ms(olderThan, {long: true});
		const lines =
			removed.length === 0
				? [`nothing to remove: no finished run's output is older than ${age}`]
				: [
						`${dryRun ? 'would remove' : 'removed'} ${removed.length} output log${removed.length === 1 ? '' : 's'}, ${formatBytes(bytes)} ${dryRun ? 'to free' : 'freed'} (${bytes} bytes; runs ended over ${age} ago)`,
						...removed.map((log) => `  ${log.path}  ${formatBytes(log.bytes)}  ended ${log.endedAt}`),
					];
		return {
			data: {dryRun, olderThanMs: olderThan, cutoff: new Date(cutoff).toISOString(), removed, bytes},
			text: lines.join('\n'),
		};
	},
};
