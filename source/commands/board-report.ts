/**
 * `export --format md`: the board as a Markdown report a person reads in the morning ("what happened
 * overnight"): counts per column, every job with its runs, messages and cost, then one timeline of
 * every event across jobs. Pure: jobs and events in, text out; times are printed as stored (UTC).
 *
 * Nothing here adds to what the events hold (they never hold secrets), and input sent to agents is
 * shown by length only: a person may have typed a password into an agent's prompt.
 */
import {summarizeEvent} from './event-line.js';
import {jobStatuses, type Job, type JobEvent, type Run} from '../core/index.js';
import {countByStatus} from './format.js';

/** Longest text of a message or reason in a one-line summary, in characters. */
const maxInline = 200;

/** Text on one line, cut to {@link maxInline} characters. */
function inline(text: string): string {
	const flat = text.replaceAll(/\s*\n\s*/g, ' ').trim();
	return flat.length > maxInline ? `${flat.slice(0, maxInline - 1)}…` : flat;
}

/**
 * A duration for people: `850ms`, `12s`, `3m 05s`, `2h 04m`.
 *
 * @param ms milliseconds, non-negative.
 */
export function formatDuration(ms: number): string {
	if (ms < 1000) {
		return `${Math.round(ms)}ms`;
	}

	const seconds = Math.round(ms / 1000);
	const pad = (value: number) => String(value).padStart(2, '0');
	if (seconds < 60) {
		return `${seconds}s`;
	}

	if (seconds < 3600) {
		return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
	}

	return `${Math.floor(seconds / 3600)}h ${pad(Math.floor((seconds % 3600) / 60))}m`;
}

function runEnd(run: Run): string {
	if (run.state === 'running') {
		return `running (${run.activity})`;
	}

	if (run.state === 'interrupted') {
		return `interrupted: ${inline(run.reason ?? 'unknown')}`;
	}

	const how =
		run.exitCode === null || run.exitCode === undefined
			? `signal ${run.signal ?? '?'}`
			: `exit ${run.exitCode}`;
	return run.reason ? `${how} (${inline(run.reason)})` : how;
}

function runLine(run: Run): string {
	const start = run.startedAt ?? run.claimedAt;
	const duration =
		run.endedAt === undefined ? '' : `, ${formatDuration(Date.parse(run.endedAt) - Date.parse(start))}`;
	return `  - run ${run.n}: ${run.agent}, started ${start}${duration}, ${runEnd(run)}, ${run.bytes} bytes${
		run.restartReason ? `; restarted: ${inline(run.restartReason)}` : ''
	}`;
}

function jobSection(job: Job): string[] {
	const lines = [
		`### ${inline(job.title)}`,
		'',
		`- id: \`${job.id}\``,
		`- status: ${job.status}${job.reason ? ` (${inline(job.reason)})` : ''}${job.until ? ` until ${job.until}` : ''}`,
		`- priority: ${job.priority}; agent: ${job.agent}`,
		`- last activity: ${job.updatedAt}`,
	];
	if (job.blockedBy.length > 0) {
		lines.push(`- after: ${job.blockedBy.map((id) => `\`${id}\``).join(', ')}`);
	}

	lines.push(`- runs: ${job.runs.length}`, ...job.runs.map(runLine));
	if (job.messages.length > 0) {
		lines.push(`- messages: ${job.messages.length}`);
		for (const message of job.messages) {
			lines.push(`  - ${message.at} ${message.from}: ${inline(message.text)}`);
		}
	}

	if (job.cost.tokens > 0 || job.cost.usd > 0) {
		lines.push(`- cost: ${job.cost.tokens} tokens, $${job.cost.usd.toFixed(2)}`);
	}

	lines.push('');
	return lines;
}

/**
 * The Markdown report of a board.
 *
 * @param jobs every job of the board.
 * @param eventsOf every event of a job's log, in file order.
 * @param exportedAt ISO 8601 time shown in the header.
 */
export function formatBoardReport(
	jobs: readonly Job[],
	eventsOf: (jobId: string) => readonly JobEvent[],
	exportedAt: string,
): string {
	const counts = countByStatus(jobs);
	const lines = [
		`# xsarena board, ${exportedAt}`,
		'',
		`${jobs.length} jobs: ${jobStatuses.map((status) => `${status} ${counts[status]}`).join(' · ')}`,
		'',
	];
	for (const status of jobStatuses) {
		const group = jobs
			.filter((job) => job.status === status)
			.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
		if (group.length > 0) {
			lines.push(`## ${status} (${group.length})`, '', ...group.flatMap(jobSection));
		}
	}

	const titles = new Map(jobs.map((job) => [job.id, inline(job.title)]));
	// Output counters are many and say little; the runs above carry the byte totals.
	const events = jobs
		.flatMap((job) => eventsOf(job.id))
		.filter((event) => event.type !== 'run.output')
		.map((event, order) => ({event, order}))
		.sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at) || a.order - b.order);
	lines.push('## Timeline', '');
	for (const {event} of events) {
		lines.push(`- ${event.at} **${titles.get(event.jobId) ?? event.jobId}**: ${summarizeEvent(event)}`);
	}

	if (events.length === 0) {
		lines.push('no events');
	}

	return lines.join('\n');
}
