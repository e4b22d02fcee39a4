/**
 * `search <text>`: find text in every run's output on the board (`runs/<n>/output.log`), listing the
 * matches by job, run and line. Logs are read in chunks with a byte cap per log and a line-length cap,
 * so a huge log neither fills memory nor (reads being asynchronous) freezes the dashboard's REPL.
 * Terminal escapes are stripped and a carriage-return redraw keeps only its last state, as `tail` does.
 */
import fs from 'node:fs/promises';
import {StringDecoder} from 'node:string_decoder';
import {stripVTControlCharacters} from 'node:util';
import {requireJob, type Job} from '../core/index.js';
import {UsageError, type CommandSpec} from './types.js';

/** Bytes read per chunk. */
const chunkBytes = 64 * 1024;
/** Most bytes read from one log by default (its start: line numbers count from there). */
export const defaultMaxBytes = 64 * 1024 * 1024;
/** Characters of one line kept for matching; the rest of a longer line is not searched. */
const maxLineChars = 16 * 1024;
/** Characters of a matching line shown. */
const shownChars = 160;

/** One matching line. */
export type SearchMatch = {
	readonly jobId: string;
	readonly title: string;
	readonly run: number;
	/** 1-based line number in the log. */
	readonly line: number;
	/** The line as text (escapes stripped), cut around the match. */
	readonly text: string;
};

/** What a search found. */
export type SearchResult = {
	readonly query: string;
	readonly matches: readonly SearchMatch[];
	/** Logs read (runs with output). */
	readonly logs: number;
	/** The match limit stopped the search early. */
	readonly limited: boolean;
	/** Logs of which only the first `maxBytes` were searched. */
	readonly cut: number;
};

/** A log line as a person saw it: escapes stripped, a `\r` redraw reduced to what was left standing. */
export function visibleLine(raw: string): string {
	const text = stripVTControlCharacters(raw).replace(/\r+$/, '');
	return text.slice(text.lastIndexOf('\r') + 1);
}

/** `text` cut to about {@link shownChars} characters, keeping the match (at `at`) in view. */
function around(text: string, at: number): string {
	if (text.length <= shownChars) {
		return text;
	}

	const start = Math.max(0, Math.min(at - 40, text.length - shownChars));
	const cut = text.slice(start, start + shownChars);
	return `${start > 0 ? '…' : ''}${cut}${start + shownChars < text.length ? '…' : ''}`;
}

type LogScan = {matches: SearchMatch[]; cut: boolean};

/** Scan one log, up to `limit` matches. A missing log has no matches. */
async function scanLog(
	file: string,
	job: Job,
	run: number,
	find: (line: string) => number,
	limit: number,
	maxBytes: number,
): Promise<LogScan | undefined> {
	let handle;
	try {
		handle = await fs.open(file, 'r');
	} catch {
		return undefined;
	}

	const matches: SearchMatch[] = [];
	const decoder = new StringDecoder('utf8');
	const buffer = Buffer.alloc(chunkBytes);
	let pending = '';
	let lineNumber = 0;
	let position = 0;
	const take = (raw: string) => {
		lineNumber++;
		const text = visibleLine(raw);
		const at = find(text);
		if (at !== -1) {
			matches.push({jobId: job.id, title: job.title, run, line: lineNumber, text: around(text, at)});
		}
	};

	try {
		while (position < maxBytes && matches.length < limit) {
			const {bytesRead} = await handle.read(buffer, 0, Math.min(chunkBytes, maxBytes - position), position);
			if (bytesRead === 0) {
				break;
			}

			position += bytesRead;
			const lines = (pending + decoder.write(buffer.subarray(0, bytesRead))).split('\n');
			pending = lines.pop()!.slice(0, maxLineChars);
			for (const line of lines) {
				if (matches.length >= limit) {
					break;
				}

				take(line.slice(0, maxLineChars));
			}
		}

		const cut = position >= maxBytes && (await handle.stat()).size > maxBytes;
		pending += decoder.end();
		if (pending !== '' && matches.length < limit && !cut) {
			take(pending);
		}

		return {matches, cut};
	} finally {
		await handle.close();
	}
}

/** A finder for `query`: smart case, as the pane search (a capital letter makes it case-sensitive). */
function finder(query: string): (line: string) => number {
	const caseSensitive = query !== query.toLowerCase();
	const needle = caseSensitive ? query : query.toLowerCase();
	return (line) => (caseSensitive ? line : line.toLowerCase()).indexOf(needle);
}

function positive(value: unknown, name: string, fallback: number): number {
	if (value === undefined) {
		return fallback;
	}

	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) {
		throw new UsageError(`${name} must be a positive whole number, got ${String(value)}`);
	}

	return number;
}

function format(result: SearchResult): string {
	const lines: string[] = [];
	let last: string | undefined;
	for (const match of result.matches) {
		if (match.jobId !== last) {
			lines.push(`${match.jobId.slice(-8)}  ${match.title}`);
			last = match.jobId;
		}

		lines.push(`  run ${match.run}:${match.line}  ${match.text}`);
	}

	const count = `${result.matches.length}${result.limited ? '+' : ''} ${result.matches.length === 1 ? 'match' : 'matches'}`;
	const cut = result.cut > 0 ? `; ${result.cut} logs searched only in part (--max-bytes)` : '';
	lines.push(`${count} for "${result.query}" in ${result.logs} ${result.logs === 1 ? 'log' : 'logs'}${cut}`);
	return lines.join('\n');
}

/** `search <text>`: matches in every run's output, by job and line. */
export const search: CommandSpec = {
	name: 'search',
	summary: "find text in every run's output (by job, run and line)",
	examples: ['xsarena search "connection refused"', 'xsarena search TODO --job 01JD8Q… --limit 20'],
	configure(command) {
		command
			.argument('<text...>', 'what to find (a capital letter makes the search case-sensitive)')
			.option('--job <id>', 'only this job (id or a unique prefix)')
			.option('--limit <n>', 'stop after this many matches (default 200)')
			.option('--max-bytes <n>', `bytes read per log, from its start (default ${defaultMaxBytes})`);
	},
	async run(context, words, options) {
		const query = words.join(' ');
		if (query.trim() === '') {
			throw new UsageError('search needs some text to find');
		}

		const limit = positive(options['limit'], '--limit', 200);
		const maxBytes = positive(options['maxBytes'], '--max-bytes', defaultMaxBytes);
		const board = context.store.getSnapshot().board;
		const jobs =
			options['job'] === undefined
				? [...board.jobs.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
				: [requireJob(board, String(options['job']))];
		const find = finder(query);
		const matches: SearchMatch[] = [];
		let logs = 0;
		let cut = 0;
		for (const job of jobs) {
			for (const run of job.runs) {
				if (matches.length >= limit) {
					break;
				}

				const file = context.paths.outputLog(job.id, run.n);
				const scan = await scanLog(file, job, run.n, find, limit - matches.length, maxBytes);
				if (scan) {
					logs++;
					cut += scan.cut ? 1 : 0;
					matches.push(...scan.matches);
				}
			}
		}

		const result: SearchResult = {query, matches, logs, limited: matches.length >= limit, cut};
		return {data: result, text: format(result)};
	},
};
