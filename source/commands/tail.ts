import {stripVTControlCharacters} from 'node:util';
import {requireJob, type Job} from '../core/index.js';
import {readBytesFrom} from '../store/read-bytes.js';
import type {CommandContext, CommandSpec} from './types.js';
import {UsageError} from './types.js';

function running(context: CommandContext, jobId: string, run: number): boolean {
	context.store.refresh();
	const job = context.store.getSnapshot().board.jobs.get(jobId);
	return job?.runs.find((candidate) => candidate.n === run)?.state === 'running';
}

/** Stream the log while the run goes on (polling: the file may be written by another process). */
async function follow(context: CommandContext, file: string, jobId: string, run: number, offset: number) {
	const write = context.write!;
	let position = offset;
	for (;;) {
		const chunk = readBytesFrom(file, position);
		position += chunk.length;
		if (chunk.length > 0) {
			write(chunk.toString('utf8'));
		}

		if (context.signal?.aborted || (chunk.length === 0 && !running(context, jobId, run))) {
			return position;
		}

		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function pickRun(job: Job, option: unknown): number {
	const last = job.runs.at(-1)?.n;
	if (option === undefined) {
		if (last === undefined) {
			throw new UsageError(`job ${job.id} has not run yet`);
		}

		return last;
	}

	const n = Number(option);
	if (!job.runs.some((run) => run.n === n)) {
		throw new UsageError(
			`job ${job.id} has no run ${String(option)} (runs: ${job.runs.map((run) => run.n).join(', ')})`,
		);
	}

	return n;
}

/** `tail <id>`: print a run's output (raw in a shell; plain text, last lines, in the REPL). */
export const tail: CommandSpec = {
	name: 'tail',
	summary: "print a job's run output (--follow streams it while it runs)",
	examples: [
		'xsarena tail 01JD8Q…',
		'xsarena tail 01JD8Q… --run 2 --lines 50',
		'xsarena tail 01JD8Q… --follow',
	],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.option('--run <n>', 'run number (default: the last)')
			.option('-f, --follow', 'keep printing while the run goes on')
			.option('-n, --lines <count>', 'only the last lines (default: all in a shell, 20 in the REPL)')
			.option('--line <n>', 'the lines around line n instead (numbered, n marked), as a search match opens');
	},
	async run(context, [id = ''], options) {
		const job = requireJob(context.store.getSnapshot().board, id);
		const run = pickRun(job, options['run']);
		const file = context.paths.outputLog(job.id, run);
		const bytes = readBytesFrom(file, 0);
		const raw = context.origin === 'cli' && context.write !== undefined && options['line'] === undefined;
		if (raw) {
			const limit = options['lines'] === undefined ? undefined : Number(options['lines']);
			const text = bytes.toString('utf8');
			context.write!(
				limit === undefined
					? text
					: text
							.split('\n')
							.slice(-limit - 1)
							.join('\n'),
			);
			const end = options['follow'] ? await follow(context, file, job.id, run, bytes.length) : bytes.length;
			return {data: {id: job.id, run, file, bytes: end}, text: ''};
		}

		const at = options['line'] === undefined ? undefined : Number(options['line']);
		if (at !== undefined && (!Number.isInteger(at) || at < 1)) {
			throw new UsageError(`--line must be a line number (1 or more), got ${String(options['line'])}`);
		}

		const count = Number(options['lines'] ?? (at === undefined ? 20 : 5));
		const lines = stripVTControlCharacters(bytes.toString('utf8').replaceAll('\r\n', '\n'))
			.split('\n')
			.map((line) => line.slice(line.lastIndexOf('\r') + 1))
			.filter((line, index, all) => index < all.length - 1 || line !== '');
		const header = `${file} (run ${run}, ${bytes.length} bytes)`;
		if (at !== undefined) {
			const first = Math.max(1, Math.min(at - Math.floor(count / 2), lines.length - count + 1));
			const shown = lines.slice(first - 1, first - 1 + count);
			const width = String(first + shown.length).length;
			const numbered = shown.map(
				(line, index) =>
					`${first + index === at ? '›' : ' '}${String(first + index).padStart(width)}  ${line}`,
			);
			return {
				data: {id: job.id, run, file, bytes: bytes.length, line: at},
				text: [header, ...numbered].join('\n'),
			};
		}

		return {
			data: {id: job.id, run, file, bytes: bytes.length},
			text: [header, ...lines.slice(-count)].join('\n'),
		};
	},
};
