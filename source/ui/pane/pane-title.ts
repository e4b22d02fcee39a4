/** A pane's title line, as data. */
import type {Job, RunActivity} from '../../core/index.js';
import {paneProgress} from '../author-progress.js';
import {formatElapsed, sanitize} from '../format.js';
import type {PaneInfo, ScreenView} from '../ports.js';
import {glyph} from '../theme.js';

/**
 * The title text; while the run goes on, its activity (drawn first, in its colour); once it ended,
 * its exit status (drawn green for 0, red otherwise).
 */
export type PaneTitle = {
	readonly text: string;
	readonly activity?: RunActivity;
	readonly exit?: {readonly text: string; readonly ok: boolean};
};

/**
 * `<job title> · <agent> · run <n> · <mm:ss>`, the clock running until the process ended, then
 * `resumed` when the run was started with the agent's resume form and `restart <k>` when the job's
 * loop restarted it.
 *
 * @param job the pane's job from the board, or undefined when the board does not have it (yet).
 * @param now wall clock in ms, for a run still going.
 */
export function paneTitle(info: PaneInfo, job: Job | undefined, now: number): PaneTitle {
	const start = Date.parse(info.startedAt);
	const end = info.endedAt === undefined ? now : Date.parse(info.endedAt);
	const elapsed = Number.isNaN(start) ? '--:--' : formatElapsed(end - start);
	const run = job?.runs.find((candidate) => candidate.n === info.run);
	const parts = [sanitize(job?.title ?? info.jobId), sanitize(info.agent), `run ${info.run}`, elapsed];
	if (run?.resumed) {
		parts.push('resumed');
	}

	if (job && job.restarts > 0) {
		parts.push(`restart ${job.restarts}`);
	}

	if (job?.author) {
		// First: the bar and figures are what an author pane is watched for; a long title is cut instead.
		parts.unshift(...paneProgress(job.author, job.cost.usd));
	}

	const text = parts.join(` ${glyph.separator} `);
	if (info.endedAt === undefined && info.exitCode === undefined) {
		return run ? {text, activity: run.activity} : {text};
	}

	const code = info.exitCode;
	return {
		text,
		exit: {
			text: ` ${glyph.separator} ${code === null || code === undefined ? 'killed' : `exit ${code}`}`,
			ok: code === 0,
		},
	};
}

/**
 * What the title says about the view when it is not simply following the output: `↑ 120 lines` (or
 * `paused` at the bottom), and the search in force (`/error 2/5`, `/error: no match`).
 */
export function scrollLabel(screen: ScreenView): string | undefined {
	const scrollback = screen.scrollback;
	if (!scrollback) {
		return undefined;
	}

	const parts: string[] = [];
	if (!scrollback.following) {
		const back = scrollback.linesBack;
		parts.push(back > 0 ? `${glyph.less} ${back} ${back === 1 ? 'line' : 'lines'}` : 'paused');
	}

	const {search} = scrollback;
	if (search) {
		const query = sanitize(search.query);
		parts.push(search.count === 0 ? `/${query}: no match` : `/${query} ${search.index}/${search.count}`);
	}

	return parts.length === 0 ? undefined : parts.join(` ${glyph.separator} `);
}
