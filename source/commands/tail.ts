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
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.option('--run <n>', 'run number (default: the last)')
			.option('-f, --follow', 'keep printing while the run goes on')
			.option('-n, --lines <count>', 'only the last lines (default: all in a shell, 20 in the REPL)');
	},
	async run(context, [id = ''], options) {
		const job = requireJob(context.store.getSnapshot().board, id);
		const run = pickRun(job, options['run']);
		const file = context.paths.outputLog(job.id, run);
		const bytes = readBytesFrom(file, 0);
		const raw = context.origin === 'cli' && context.write !== undefined;
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

		const count = Number(options['lines'] ?? 20);
		const lines = stripVTControlCharacters(bytes.toString('utf8').replaceAll('\r\n', '\n'))
			.split('\n')
			.map((line) => line.slice(line.lastIndexOf('\r') + 1))
			.filter((line, index, all) => index < all.length - 1 || line !== '');
		return {
			data: {id: job.id, run, file, bytes: bytes.length},
			text: [`${file} (run ${run}, ${bytes.length} bytes)`, ...lines.slice(-count)].join('\n'),
		};
	},
};
