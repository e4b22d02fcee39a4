/**
 * What a card says beyond its title, as plain strings: the detail line of a running card (its run's
 * activity and clock) or a blocked one (until when, and why), and the extra line a card gets only when
 * its job has messages or its run a branch. Pure, so the rules are tested without rendering.
 */
import stringWidth from 'string-width';
import {activeRun, type Job, type JobStatus, type Run, type RunActivity} from '../../core/index.js';
import {fitParts, formatClock, formatElapsed, sanitize, truncate} from '../format.js';
import {activityStyle, glyph} from '../theme.js';

/** The run a card describes: the one going on, else the latest. */
export function latestRun(job: Job): Run | undefined {
	return activeRun(job) ?? job.runs.at(-1);
}

/** The activity a running card shows, if it has a run. */
export function cardActivity(job: Job): RunActivity | undefined {
	return job.status === 'in_flight' ? latestRun(job)?.activity : undefined;
}

/** Running and blocked cards have a detail line. */
export function hasDetail(status: JobStatus): boolean {
	return status === 'in_flight' || status === 'blocked';
}

/**
 * The detail line, cut to `width`: `▲ waiting for input 01:23 run 2` for a running card (whole parts
 * dropped from the end first), `until 15:00 · usage limit` for a blocked one.
 *
 * @param now wall clock in ms, for a run still going.
 */
export function detailLine(job: Job, now: number, width: number): string | undefined {
	if (job.status === 'blocked') {
		const until = job.until === undefined ? undefined : formatClock(job.until);
		const reason = sanitize(job.reason ?? 'blocked');
		return truncate(until === undefined ? reason : `until ${until} ${glyph.separator} ${reason}`, width);
	}

	if (job.status !== 'in_flight') {
		return undefined;
	}

	const run = latestRun(job);
	if (!run) {
		return truncate('claimed', width);
	}

	const start = Date.parse(run.startedAt ?? run.claimedAt);
	const end = run.endedAt ? Date.parse(run.endedAt) : now;
	const style = activityStyle[run.activity];
	return fitParts([`${style.glyph} ${style.word}`, formatElapsed(end - start), `run ${run.n}`], width);
}

/**
 * The extra line: `✉ 2 "tests green"` (message count and the last message) and `⎇ branch` of the
 * latest run, sharing `width`; `undefined` when the job has neither.
 */
export function extraLine(job: Job, width: number): string | undefined {
	const last = job.messages.at(-1);
	const branch = latestRun(job)?.branch;
	const branchText = branch === undefined ? undefined : `${glyph.branch} ${sanitize(branch)}`;
	if (!last) {
		return branchText === undefined ? undefined : truncate(branchText, width);
	}

	const prefix = `${glyph.messages} ${job.messages.length} "`;
	const full = `${prefix}${sanitize(last.text)}"`;
	if (branchText === undefined) {
		return messageText(prefix, last.text, width);
	}

	// Both whole if they fit; else the branch keeps up to 40 % of the line, or what the message leaves.
	const branchRoom =
		stringWidth(full) + 1 + stringWidth(branchText) <= width
			? stringWidth(branchText)
			: Math.max(Math.min(stringWidth(branchText), Math.floor(width * 0.4)), width - stringWidth(full) - 1);
	return `${messageText(prefix, last.text, width - branchRoom - 1)} ${truncate(branchText, branchRoom)}`;
}

/** `✉ 2 "text"` in at most `width` cells, the text cut inside its quotes. */
function messageText(prefix: string, text: string, width: number): string {
	const room = Math.max(1, width - stringWidth(prefix) - 1);
	return truncate(`${prefix}${truncate(sanitize(text), room)}"`, width);
}

/** Rows a card takes: title and priority/agent, the detail line, the extra line. */
export function cardHeight(job: Job): number {
	const extra = job.messages.length > 0 || latestRun(job)?.branch !== undefined;
	return 2 + (hasDetail(job.status) ? 1 : 0) + (extra ? 1 : 0);
}
