/**
 * The stats view's content as lines of styled segments: output rate per run and per agent as
 * sparklines, run durations, tokens and cost as bars, and jobs finished per hour. Pure functions of
 * the board, the sampled rates and the time, so each section is tested without rendering.
 */
import type {Board, Job, Run} from '../../core/index.js';
import {fit, sanitize, truncate} from '../format.js';
import {theme} from '../theme.js';
import {paddedBar, sparkline} from './glyphs.js';
import {ratesOf, sumSeries} from './rate-history.js';
import type {RateSnapshot, SeriesInfo} from './rate-sampler.js';
import {compact, formatDuration, formatRate, formatUsd} from './stats-format.js';

/** A run of text in one style. */
export type Segment = {
	readonly text: string;
	readonly color?: string;
	readonly dim?: boolean;
	readonly bold?: boolean;
};

/** One line of the view. */
export type StatsLine = readonly Segment[];

/** A titled list of rows; `empty` stands in for the rows when there are none. */
export type Section = {readonly title: string; readonly rows: readonly StatsLine[]; readonly empty: string};

/** The label column: about a third of the width, within reason. */
const labelWidth = (width: number) => Math.min(32, Math.max(8, Math.floor(width * 0.3)));

/** `title #run` in `width` cells: the title is cut, the run number kept. */
function runLabel(title: string, run: number, width: number): string {
	const suffix = ` #${run}`;
	return fit(truncate(sanitize(title), Math.max(1, width - suffix.length)) + suffix, width);
}

type Rated = {readonly label: string; readonly rates: readonly number[]; readonly unit: SeriesInfo['unit']};

/**
 * Rows of sparklines on one scale per unit, with the rate of the last whole bucket. `cells` is the
 * window's length; a narrow view shows its newest part.
 */
function sparkRows(items: readonly Rated[], width: number, cells: number): StatsLine[] {
	const label = labelWidth(width);
	const tail = 11;
	cells = Math.max(0, Math.min(cells, width - label - tail - 2));
	const max = (unit: SeriesInfo['unit']) =>
		Math.max(0, ...items.filter((item) => item.unit === unit).flatMap((item) => item.rates));
	return items.map((item) => {
		const values = item.rates.slice(-cells);
		// The newest bucket is still filling: the one before it is the last whole one.
		const recent = item.rates.at(-2) ?? 0;
		return [
			{text: `${fit(item.label, label)} `},
			{text: sparkline(values, max(item.unit)).padStart(cells), color: theme.focus},
			{text: ` ${formatRate(recent, item.unit).padStart(tail - 1)}`, dim: recent === 0},
		];
	});
}

/** Output rate of each run the panes show, newest activity first. */
export function outputSection(rates: RateSnapshot, board: Board, now: number, width: number): Section {
	const {history} = rates;
	const minutes = Math.round((history.count * history.bucketMs) / 60_000);
	const items = [...rates.series].map(([key, info]) => ({
		label: runLabel(board.jobs.get(info.jobId)?.title ?? info.jobId, info.run, labelWidth(width)),
		rates: ratesOf(history, key, now),
		unit: info.unit,
	}));
	items.sort((a, b) => lastActive(b.rates) - lastActive(a.rates));
	return {
		title: `output rate · last ${minutes} min · a cell is ${history.bucketMs / 1000}s`,
		rows: sparkRows(items, width, history.count),
		empty: 'no pane has written anything yet',
	};
}

/** Output rate summed per agent. */
export function agentSection(rates: RateSnapshot, now: number, width: number): Section {
	const groups = new Map<string, {unit: SeriesInfo['unit']; series: number[][]}>();
	for (const [key, info] of rates.series) {
		// Screen updates are not bytes: such runs (tailed from another process) get a row of their own.
		const name = `${info.agent}${info.unit === 'updates' ? ' (screen updates)' : ''}`;
		const group = groups.get(name) ?? {unit: info.unit, series: []};
		group.series.push(ratesOf(rates.history, key, now));
		groups.set(name, group);
	}

	const items = [...groups].map(([label, group]) => ({
		label,
		unit: group.unit,
		rates: sumSeries(group.series),
	}));
	items.sort((a, b) => a.label.localeCompare(b.label));
	return {
		title: 'output rate per agent',
		rows: sparkRows(items, width, rates.history.count),
		empty: 'no agent output yet',
	};
}

function lastActive(values: readonly number[]): number {
	return values.findLastIndex((value) => value > 0);
}

const runStart = (run: Run) => Date.parse(run.startedAt ?? run.claimedAt);
const runMs = (run: Run, now: number) => (run.endedAt ? Date.parse(run.endedAt) : now) - runStart(run);

/** How a run ended (or that it goes on), and its colour. */
function outcome(run: Run): Segment {
	if (run.state === 'running') {
		return {text: 'running', color: theme.focus};
	}

	if (run.state === 'interrupted') {
		return {text: run.reason ? `interrupted: ${run.reason}` : 'interrupted', color: theme.warning};
	}

	if (run.exitCode === 0) {
		return {text: 'exit 0', color: theme.ok};
	}

	return {
		text: run.exitCode == null ? `signal ${run.signal ?? '?'}` : `exit ${run.exitCode}`,
		color: theme.error,
	};
}

/** Every run's duration as a bar, the latest started first. */
export function runsSection(board: Board, now: number, width: number): Section {
	const runs = [...board.jobs.values()].flatMap((job) => job.runs.map((run) => ({job, run})));
	runs.sort((a, b) => runStart(b.run) - runStart(a.run));
	const longest = Math.max(0, ...runs.map(({run}) => runMs(run, now)));
	const label = labelWidth(width);
	const cells = Math.max(0, Math.min(40, width - label - 24));
	const rows = runs.map(({job, run}): StatsLine => {
		const ms = runMs(run, now);
		const end = outcome(run);
		return [
			{text: `${runLabel(job.title, run.n, label)} `},
			{text: paddedBar(ms, longest, cells), color: end.color},
			{text: ` ${formatDuration(ms).padStart(6)} `},
			{...end, text: truncate(end.text, Math.max(0, width - label - cells - 9))},
		];
	});
	return {title: `run durations · ${runs.length} runs`, rows, empty: 'no run yet'};
}

/** Tokens and dollars of each job that spent any, the most expensive first. */
export function spendSection(board: Board, width: number): Section {
	const jobs = [...board.jobs.values()].filter((job) => job.cost.tokens > 0 || job.cost.usd > 0);
	jobs.sort((a, b) => b.cost.usd - a.cost.usd || b.cost.tokens - a.cost.tokens);
	const total = (pick: (job: Job) => number) => jobs.reduce((sum, job) => sum + pick(job), 0);
	const tokens = {
		max: Math.max(0, ...jobs.map((job) => job.cost.tokens)),
		sum: total((job) => job.cost.tokens),
	};
	const usd = {max: Math.max(0, ...jobs.map((job) => job.cost.usd)), sum: total((job) => job.cost.usd)};
	const label = labelWidth(width);
	const cells = Math.max(0, Math.floor((width - label - 1 - 8 - 9) / 2) - 1);
	const rows = jobs.map((job): StatsLine => [
		{text: `${fit(sanitize(job.title), label)} `},
		{text: paddedBar(job.cost.tokens, tokens.max, cells), color: theme.focus},
		{text: ` ${compact(job.cost.tokens).padStart(5)} tok `},
		{text: paddedBar(job.cost.usd, usd.max, cells), color: theme.ok},
		{text: ` ${formatUsd(job.cost.usd).padStart(7)}`},
	]);
	return {
		title: `tokens and cost · ${compact(tokens.sum)} tokens · ${formatUsd(usd.sum)} in all`,
		rows,
		empty: 'nothing spent yet (agents report cost with job.cost events)',
	};
}

const hourMs = 3_600_000;

/**
 * Jobs that reached `done`, per hour of the last `hours`, the latest hour first. A done job's
 * `updatedAt` is when it got there: moving to `done` is its last event, save a later message.
 */
export function finishedSection(board: Board, now: number, width: number, hours = 12): Section {
	const current = Math.floor(now / hourMs);
	const counts = Array.from({length: hours}, () => 0);
	for (const job of board.jobs.values()) {
		const age = current - Math.floor(Date.parse(job.updatedAt) / hourMs);
		if (job.status === 'done' && age >= 0 && age < hours) {
			counts[age]!++;
		}
	}

	const max = Math.max(0, ...counts);
	const cells = Math.max(0, Math.min(40, width - 12));
	const rows = counts.map((count, age): StatsLine => {
		const start = new Date((current - age) * hourMs);
		const clock = `${String(start.getHours()).padStart(2, '0')}:00`;
		return [
			{text: `${clock} `, dim: true},
			{text: paddedBar(count, max, cells), color: theme.ok},
			{text: ` ${count}`, dim: count === 0},
		];
	});
	const sum = counts.reduce((total, count) => total + count, 0);
	return {title: `jobs finished per hour · ${sum} in the last ${hours} h`, rows, empty: ''};
}

/**
 * Share `total` rows between wants: each gets what it wants or an equal share of what is left,
 * whichever is less, the rest going to the ones that want more (water-filling).
 */
export function shareRows(wants: readonly number[], total: number): number[] {
	const given = wants.map(() => 0);
	let left = Math.max(0, total);
	let open = wants.map((_, index) => index);
	while (open.length > 0 && left > 0) {
		const share = Math.max(1, Math.floor(left / open.length));
		const next: number[] = [];
		for (const index of open) {
			const take = Math.min(share, wants[index]! - given[index]!, left);
			given[index]! += take;
			left -= take;
			if (given[index]! < wants[index]!) {
				next.push(index);
			}
		}

		open = next;
	}

	return given;
}

/**
 * Sections one under another in `height` rows, a blank line between them, the rows shared fairly
 * (see {@link shareRows}); a cut section ends in `… N more`, and one left less than its title and a
 * row is not drawn.
 */
export function stackSections(sections: readonly Section[], width: number, height: number): StatsLine[] {
	const bodies = sections.map((section) =>
		section.rows.length === 0 ? [[{text: section.empty, dim: true}]] : section.rows,
	);
	const rooms = shareRows(
		bodies.map((rows) => rows.length + 1),
		height - (sections.length - 1),
	);
	const lines: StatsLine[] = [];
	for (const [index, section] of sections.entries()) {
		const room = rooms[index]!;
		const rows = bodies[index]!;
		if (room < 2) {
			continue;
		}

		if (lines.length > 0) {
			lines.push([]);
		}

		lines.push([{text: truncate(section.title, width), bold: true}]);
		const shown = rows.length <= room - 1 ? rows : rows.slice(0, room - 2);
		lines.push(...shown);
		if (shown.length < rows.length) {
			lines.push([{text: `… ${rows.length - shown.length} more`, dim: true}]);
		}
	}

	return lines.slice(0, Math.max(0, height));
}
