import {requireJob, type JobMessage} from '../core/index.js';
import type {CommandContext, CommandSpec} from './types.js';
import {UsageError} from './types.js';

/** How often `--follow` reads the logs again, in ms (a shell's store does not watch other processes). */
const pollMs = 200;

function localTime(iso: string): string {
	const date = new Date(iso);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(
		date.getMinutes(),
	)}:${pad(date.getSeconds())}`;
}

/** One message per line; continuation lines of a multi-line message are indented under it. */
function formatMessage(message: JobMessage): string {
	return `${localTime(message.at)}  ${message.from}: ${message.text.replaceAll('\n', '\n    ')}`;
}

function currentMessages(context: CommandContext, jobId: string): readonly JobMessage[] {
	return context.store.getSnapshot().board.jobs.get(jobId)?.messages ?? [];
}

/**
 * Stream messages posted after the start until `context.signal` aborts. New messages are told apart by
 * id, not by comparing ids: ULIDs from two processes need not arrive in order.
 *
 * @returns the id of the last message written, or `undefined` when none was.
 */
async function follow(
	context: CommandContext,
	jobId: string,
	seen: Set<string>,
	render: (message: JobMessage) => string,
): Promise<string | undefined> {
	const write = context.write!;
	let last: string | undefined;
	const flush = () => {
		for (const message of currentMessages(context, jobId)) {
			if (!seen.has(message.id)) {
				seen.add(message.id);
				last = message.id;
				write(`${render(message)}\n`);
			}
		}
	};

	await new Promise<void>((resolve) => {
		const unsubscribe = context.store.subscribe(flush);
		const timer = setInterval(() => {
			context.store.refresh();
		}, pollMs);
		const stop = () => {
			clearInterval(timer);
			unsubscribe();
			resolve();
		};

		flush();
		if (context.signal?.aborted) {
			stop();
		} else {
			context.signal?.addEventListener('abort', stop, {once: true});
		}
	});
	return last;
}

/** `messages <id> [--since <eventId>] [--follow]`: a job's message bus. */
export const messages: CommandSpec = {
	name: 'messages',
	aliases: ['msgs'],
	summary: "print a job's messages (--follow streams new ones until Ctrl-C)",
	examples: ['xsarena messages 01JD8Q…', 'xsarena msgs 01JD8Q… --follow'],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.option('--since <eventId>', 'only messages after this message id')
			.option('-f, --follow', 'keep printing new messages until interrupted');
	},
	async run(context, [id = ''], options) {
		context.store.refresh();
		const job = requireJob(context.store.getSnapshot().board, id);
		const since = options['since'] as string | undefined;
		const json = options['json'] === true;
		// ULIDs sort by time, so "after" is a string comparison.
		const listed = job.messages.filter((message) => since === undefined || message.id > since);
		if (!options['follow']) {
			return {
				data: {id: job.id, messages: listed},
				text: listed.length === 0 ? 'no messages' : listed.map(formatMessage).join('\n'),
			};
		}

		if (!context.write) {
			throw new UsageError('--follow streams its output, which only a shell can show; run it there');
		}

		// Streamed as JSON lines with --json, so a script can read one message per line.
		const render = json ? (message: JobMessage) => JSON.stringify(message) : formatMessage;
		for (const message of listed) {
			context.write(`${render(message)}\n`);
		}

		const seen = new Set(job.messages.map((message) => message.id));
		const last = await follow(context, job.id, seen, render);
		return {data: {id: job.id, last: last ?? listed.at(-1)?.id}, text: ''};
	},
};
