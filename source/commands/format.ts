/** Plain-text rendering of command results for people (the REPL and a shell). */
import {jobStatuses, type AuthorProgress, type Job, type JobEvent, type JobStatus} from '../core/index.js';

/** Pad or cut `text` to exactly `width` characters (ASCII tables; titles are cut with `…`). */
export function fit(text: string, width: number): string {
	const chars = [...text];
	return chars.length > width
		? `${chars.slice(0, width - 1).join('')}…`
		: text + ' '.repeat(width - chars.length);
}

/** One line per job: id, status, priority, agent, title. */
export function formatJobTable(jobs: readonly Job[]): string {
	if (jobs.length === 0) {
		return 'no jobs';
	}

	const header = `${fit('ID', 26)}  ${fit('STATUS', 9)}  ${fit('PRIORITY', 8)}  ${fit('AGENT', 8)}  TITLE`;
	const rows = jobs.map(
		(job) =>
			`${job.id}  ${fit(job.status, 9)}  ${fit(job.priority, 8)}  ${fit(job.agent, 8)}  ${job.title}${
				job.reason ? `  (${job.reason})` : ''
			}`,
	);
	return [header, ...rows].join('\n');
}

/** Jobs per status, in board order: `inbox 1 · ready 3 · …`. */
export function countByStatus(jobs: Iterable<Job>): Record<JobStatus, number> {
	const counts = Object.fromEntries(jobStatuses.map((status) => [status, 0])) as Record<JobStatus, number>;
	for (const job of jobs) {
		counts[job.status]++;
	}

	return counts;
}

function summarize(event: JobEvent): string {
	const data = JSON.stringify(event.data);
	return data.length > 100 ? `${data.slice(0, 99)}…` : data;
}

/** What an author job writes and how far it got. */
function authorLines(author: AuthorProgress): string[] {
	const {spec} = author;
	const lines = [
		`  writes     ${spec.template} on "${spec.subject}": ${spec.length} (${spec.minChars}+ chars, ${spec.passes} extension passes), ${spec.span} (${spec.chunks} chunks)`,
		`  overlays   ${spec.overlays.join(', ') || 'none'}${spec.files.length > 0 ? `; files ${spec.files.join(', ')}` : ''}`,
		`  progress   chunk ${author.chunks} of ${spec.chunks}, ${author.chars} chars, ${author.estimated ? '~' : ''}${author.tokens} tokens${author.repetitions > 0 ? `, ${author.repetitions} repetitions caught` : ''}`,
		`  transport  ${spec.transport ?? 'default'}${spec.model ? ` (${spec.model})` : ''}${spec.out ? `; out ${spec.out}` : ''}`,
	];
	if (author.next) {
		lines.push(`  next       ${author.next} (the model's)`);
	}

	for (const hint of author.hints) {
		lines.push(`  hint       ${hint.text}`);
	}

	return lines;
}

/** A job in full, with its runs and events. */
export function formatJob(job: Job, events: readonly JobEvent[]): string {
	const lines = [
		`${job.title}`,
		`  id         ${job.id}`,
		`  status     ${job.status}${job.reason ? ` (${job.reason})` : ''}${job.until ? ` until ${job.until}` : ''}`,
		`  priority   ${job.priority}${job.complexity ? `   complexity ${job.complexity}` : ''}`,
		`  agent      ${job.agent}${job.command ? `: ${job.command}` : ''}`,
	];
	if (job.description) {
		lines.push(`  about      ${job.description}`);
	}

	if (job.blockedBy.length > 0) {
		lines.push(`  after      ${job.blockedBy.join(', ')}`);
	}

	if (job.blocks.length > 0) {
		lines.push(`  blocks     ${job.blocks.join(', ')}`);
	}

	for (const criterion of job.acceptance) {
		lines.push(`  accept     [ ] ${criterion}`);
	}

	if (job.author) {
		lines.push(...authorLines(job.author));
	}

	if (job.loop) {
		const {maxRestarts, maxStalls} = job.loop;
		lines.push(
			`  loop       until DONE; restarts ${job.restarts}/${maxRestarts}, stalls ${job.stalls}/${maxStalls}`,
		);
	}

	if (job.isolation) {
		lines.push(`  isolation  ${job.isolation}`);
	}

	for (const run of job.runs) {
		const end =
			run.state === 'running'
				? run.activity
				: run.state === 'interrupted'
					? `interrupted: ${run.reason ?? ''}`
					: `exit ${run.exitCode ?? run.signal ?? '?'}${run.reason ? ` (${run.reason})` : ''}`;
		const notes = [
			run.resumed ? 'resumed' : '',
			run.branch ? `branch ${run.branch}` : '',
			run.restartReason ? `restarted: ${run.restartReason}` : '',
		].filter(Boolean);
		lines.push(
			`  run ${run.n}      ${run.agent} pid ${run.pid ?? '-'} ${run.startedAt ?? run.claimedAt} ${end} (${run.bytes} bytes)${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
		);
		if (run.cwd) {
			lines.push(`             in ${run.cwd}`);
		}
	}

	for (const artifact of job.artifacts) {
		lines.push(`  artifact   ${artifact}`);
	}

	for (const message of job.messages) {
		lines.push(`  message    ${message.from}: ${message.text}`);
	}

	lines.push(`  events (${events.length}):`);
	for (const event of events) {
		lines.push(
			`    ${event.id}  ${event.at}  ${fit(event.type, 20)}  ${fit(event.by, 10)}  ${summarize(event)}`,
		);
	}

	return lines.join('\n');
}
