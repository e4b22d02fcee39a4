/**
 * The job detail view's content as lines of coloured segments, each at most `width` cells: the
 * header, description, acceptance criteria, dependencies, runs, messages, artifacts, cost, author
 * progress and the event timeline. Pure (the clock comes in as `now`), so the rules are tested
 * without rendering; the view only cuts a window out of the lines.
 */
import type {Board, Job, Run} from '../../core/index.js';
import {paneProgress} from '../author-progress.js';
import {fit, formatElapsed, sanitize, truncate} from '../format.js';
import {activityStyle, glyph, priorityColor, theme} from '../theme.js';
import {formatTime, heading, indent, plain, statusColor, wrapped, type DetailLine} from './detail-parts.js';
import type {TimelineEntry} from './timeline-source.js';

export type {DetailLine} from './detail-parts.js';

/** What the detail view shows besides the job. */
export type DetailInput = {
	readonly job: Job;
	/** For the dependencies' titles and statuses. */
	readonly board: Board;
	/** The job's events, oldest first (without `run.output`, which only counts bytes). */
	readonly timeline: readonly TimelineEntry[];
	/** Events left out of `timeline` at its start (it keeps the latest ones). */
	readonly timelineDropped: number;
	/** Why the timeline could not be read, if it could not. */
	readonly timelineError?: string;
	/** The store cannot read events at all (a viewer without them): the section says so. */
	readonly timelineMissing?: boolean;
	/** Wall clock in ms, for a run still going. */
	readonly now: number;
	/** Cells per line. */
	readonly width: number;
};

function headerLines(job: Job, width: number): DetailLine[] {
	const separator = {text: ` ${glyph.separator} `, color: theme.muted};
	const lines: DetailLine[] = [
		[{text: truncate(sanitize(job.title), width), bold: true}],
		[
			{text: job.id, color: theme.muted},
			separator,
			{text: job.status, color: statusColor(job.status), bold: true},
			separator,
			{text: job.priority, color: priorityColor[job.priority]},
			separator,
			{text: `agent ${sanitize(job.agent)}`},
			...(job.kind === 'author' ? [separator, {text: 'author job'}] : []),
			...(job.complexity ? [separator, {text: `size ${job.complexity}`}] : []),
		],
		plain(
			`created ${formatTime(job.createdAt)} ${glyph.separator} updated ${formatTime(job.updatedAt)}`,
			theme.muted,
		),
	];
	if (job.reason !== undefined || job.until !== undefined) {
		const until = job.until === undefined ? '' : ` until ${formatTime(job.until)}`;
		lines.push(
			plain(
				`${sanitize(job.reason ?? job.status)}${until}`,
				job.status === 'blocked' ? theme.error : undefined,
			),
		);
	}

	if (job.command !== undefined) {
		lines.push(plain(`command: ${sanitize(job.command)}`));
	}

	return lines;
}

function criteriaLines(job: Job): DetailLine[] {
	if (job.acceptance.length === 0) {
		return [plain(`${indent}(none: the job goes straight to done)`, theme.muted)];
	}

	// The job records no verdict per criterion: they are all met once a person moved the job to done.
	const met = job.status === 'done';
	return job.acceptance.map((criterion) => [
		{text: `${indent}${met ? '[x]' : '[ ]'} `, color: met ? theme.ok : undefined},
		{text: sanitize(criterion)},
	]);
}

function dependencyLines(job: Job, board: Board): DetailLine[] {
	const line = (label: string, id: string): DetailLine => {
		const other = board.jobs.get(id);
		const status = other?.status;
		return [
			{text: `${indent}${label} `, color: theme.muted},
			{text: `${id.slice(-8)} `, color: theme.muted},
			{
				text: status === undefined ? 'unknown job' : status === 'done' ? 'done ✓' : status,
				color: status === undefined ? theme.error : statusColor(status),
				bold: status !== 'done',
			},
			{text: other ? `  ${sanitize(other.title)}` : ''},
		];
	};

	const lines = [
		...job.blockedBy.map((id) => line('needs ', id)),
		...job.blocks.map((id) => line('blocks', id)),
	];
	return lines.length > 0 ? lines : [plain(`${indent}(none)`, theme.muted)];
}

const runColumns = ['#', 'agent', 'started', 'time', 'exit', 'reason'] as const;
const runWidths = [4, 10, 20, 7, 12] as const;

function runRow(cells: readonly string[]): string {
	return (
		indent +
		cells
			.map((cell, index) => (index < runWidths.length ? fit(cell, runWidths[index]!) + ' ' : cell))
			.join('')
	);
}

function exitText(run: Run): string {
	if (run.state === 'running') {
		return 'running';
	}

	if (run.state === 'interrupted') {
		return 'interrupted';
	}

	return run.exitCode === null || run.exitCode === undefined
		? `signal ${run.signal ?? '?'}`
		: `exit ${run.exitCode}`;
}

function runLines(job: Job, now: number): DetailLine[] {
	if (job.runs.length === 0) {
		return [plain(`${indent}(not run yet)`, theme.muted)];
	}

	const rows = job.runs.map((run): DetailLine => {
		const start = run.startedAt ?? run.claimedAt;
		const end = run.endedAt === undefined ? now : Date.parse(run.endedAt);
		const duration = Number.isNaN(Date.parse(start)) ? '--:--' : formatElapsed(end - Date.parse(start));
		const exit = exitText(run);
		const reason =
			run.state === 'running'
				? `${activityStyle[run.activity].glyph} ${activityStyle[run.activity].word}`
				: sanitize(run.reason ?? run.restartReason ?? '');
		const ok = run.state === 'exited' && run.exitCode === 0;
		return [
			{
				text: runRow([String(run.n), sanitize(run.agent), formatTime(start), duration, exit, reason]),
				color: run.state === 'running' ? theme.focus : ok ? undefined : theme.error,
			},
		];
	});
	return [plain(runRow([...runColumns]), theme.muted), ...rows];
}

function messageLines(job: Job, width: number): DetailLine[] {
	if (job.messages.length === 0) {
		return [plain(`${indent}(none)`, theme.muted)];
	}

	return job.messages.flatMap((message) => [
		[
			{text: `${indent}${formatTime(message.at)} `, color: theme.muted},
			{text: sanitize(message.from), bold: true},
		],
		...wrapped(message.text, width - indent.length).map((line) => [{text: indent}, ...line]),
	]);
}

function authorLines(job: Job): DetailLine[] {
	const {author} = job;
	if (!author) {
		return [];
	}

	const {spec} = author;
	const lines: DetailLine[] = [
		...heading('Author progress'),
		plain(indent + paneProgress(author, job.cost.usd).join(` ${glyph.separator} `)),
		plain(
			`${indent}${spec.template} ${glyph.separator} length ${spec.length} ${glyph.separator} span ${spec.span} ${glyph.separator} ${spec.chunks} chunks of ≥ ${spec.minChars} chars`,
			theme.muted,
		),
	];
	if (author.repetitions > 0) {
		lines.push(plain(`${indent}repetitions caught: ${author.repetitions}`, theme.warning));
	}

	if (author.next) {
		lines.push(plain(`${indent}next: ${sanitize(author.next)}`));
	}

	for (const hint of author.hints) {
		lines.push(plain(`${indent}hint queued: ${sanitize(hint.text)}`));
	}

	for (const [index, section] of (author.outline ?? []).entries()) {
		const done = index < author.chunks;
		lines.push([
			{text: `${indent}${done ? '[x]' : '[ ]'} `, color: done ? theme.ok : undefined},
			{text: `${index + 1}. ${sanitize(section)}`, dim: done},
		]);
	}

	return lines;
}

function timelineLines(input: DetailInput): DetailLine[] {
	if (input.timelineMissing) {
		return [plain(`${indent}(this dashboard cannot read event logs; run: show <id>)`, theme.muted)];
	}

	const lines: DetailLine[] = [];
	if (input.timelineError !== undefined) {
		lines.push(plain(`${indent}could not read the events: ${sanitize(input.timelineError)}`, theme.error));
	}

	if (input.timelineDropped > 0) {
		lines.push(
			plain(`${indent}${glyph.less} ${input.timelineDropped} earlier events not shown`, theme.muted),
		);
	}

	for (const entry of input.timeline) {
		lines.push([
			{text: `${indent}${formatTime(entry.at)}  `, color: theme.muted},
			{text: `${fit(entry.type, 20)} `, color: theme.focus},
			{text: sanitize(entry.text)},
		]);
	}

	return lines.length > 0 ? lines : [plain(`${indent}(no events read yet)`, theme.muted)];
}

/** Every line of the detail view, in order. Lines may be wider than `width`: the view truncates. */
export function detailLines(input: DetailInput): DetailLine[] {
	const {job, width} = input;
	const cost =
		job.cost.tokens === 0 && job.cost.usd === 0
			? plain(`${indent}(nothing recorded)`, theme.muted)
			: plain(`${indent}${job.cost.tokens} tokens ${glyph.separator} $${job.cost.usd.toFixed(4)}`);
	return [
		...headerLines(job, width),
		...heading('Description'),
		...(job.description.trim() === ''
			? [plain(`${indent}(none)`, theme.muted)]
			: wrapped(job.description, width)),
		...heading(`Acceptance criteria (${job.acceptance.length})`),
		...criteriaLines(job),
		...heading('Dependencies'),
		...dependencyLines(job, input.board),
		...heading(`Runs (${job.runs.length})`),
		...runLines(job, input.now),
		...heading(`Messages (${job.messages.length})`),
		...messageLines(job, width),
		...heading(`Artifacts (${job.artifacts.length})`),
		...(job.artifacts.length === 0
			? [plain(`${indent}(none)`, theme.muted)]
			: job.artifacts.map((artifact) => plain(`${indent}${sanitize(artifact)}`))),
		...heading('Cost'),
		cost,
		...authorLines(job),
		...heading(`Timeline (${input.timeline.length + input.timelineDropped} events)`),
		...timelineLines(input),
	];
}
