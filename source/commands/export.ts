/**
 * `export [--format json|yaml|md] [--out FILE]`: the whole board with every job's events (json, yaml:
 * importable, `board-export.ts`), or a Markdown report for people (md, `board-report.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {Option} from 'commander';
import {stringify} from 'yaml';
import type {JobEvent} from '../core/index.js';
import {buildExport} from './board-export.js';
import {formatBoardReport} from './board-report.js';
import type {CommandSpec} from './types.js';

/** Formats `export` writes. */
export const exportFormats = ['json', 'yaml', 'md'] as const;

/**
 * Write `text` to `file` atomically: a temporary file in the same folder, flushed, then renamed over
 * `file`, so a reader sees the old file or the whole new one, never half of it.
 *
 * @throws Error naming the file when the folder is missing or not writable; no temporary file is left.
 */
export function writeFileAtomic(file: string, text: string): void {
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
	try {
		const fd = fs.openSync(temporary, 'wx', 0o644);
		try {
			fs.writeFileSync(fd, text);
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}

		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw new Error(`cannot write ${file}: ${(error as Error).message}`, {cause: error});
	}
}

/** `export`: see the file comment. Prints the export (or, with `--out`, the path written). */
export const exportCommand: CommandSpec = {
	name: 'export',
	summary: "export the board with every job's events (json, yaml) or as a Markdown report (md)",
	examples: ['xsarena export --format yaml --out board.yml', 'xsarena export --format md'],
	configure(command) {
		command
			.addOption(
				new Option('--format <format>', 'json or yaml (importable), md (a report)')
					.choices(exportFormats)
					.default('json'),
			)
			.option('--out <file>', 'write to this file (atomically) instead of printing');
	},
	async run(context, _args, options) {
		const {store} = context;
		store.refresh();
		const format = options['format'] as (typeof exportFormats)[number];
		const jobs = [...store.getSnapshot().board.jobs.values()];
		const logs = new Map<string, readonly JobEvent[]>();
		const eventsOf = (jobId: string) => {
			let events = logs.get(jobId);
			if (!events) {
				events = store.readEvents(jobId);
				logs.set(jobId, events);
			}

			return events;
		};

		const exportedAt = new Date().toISOString();
		let text: string;
		let data: unknown;
		if (format === 'md') {
			text = formatBoardReport(jobs, eventsOf, exportedAt);
			data = {format, jobs: jobs.length, report: text};
		} else {
			const document = buildExport(jobs, eventsOf, exportedAt);
			// No anchors: a job and its created event share arrays, and import caps alias expansion.
			text =
				format === 'json'
					? JSON.stringify(document, null, 2)
					: stringify(document, {aliasDuplicateObjects: false, lineWidth: 0}).trimEnd();
			data = document;
		}

		const out = options['out'] as string | undefined;
		if (out === undefined) {
			return {data, text};
		}

		const file = path.resolve(out);
		writeFileAtomic(file, `${text}\n`);
		return {data: {format, jobs: jobs.length, path: file}, text: file};
	},
};
