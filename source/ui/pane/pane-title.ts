/** A pane's title line, as data. */
import {formatElapsed, sanitize} from '../format.js';
import type {PaneInfo} from '../ports.js';
import {glyph} from '../theme.js';

/** The title text and, once the run ended, its exit status (drawn green for 0, red otherwise). */
export type PaneTitle = {
	readonly text: string;
	readonly exit?: {readonly text: string; readonly ok: boolean};
};

/**
 * `<job title> · <agent> · run <n> · <mm:ss>`, the clock running until the process ended.
 *
 * @param jobTitle the job's title from the board, or undefined when the board does not have it (yet).
 * @param now wall clock in ms, for a run still going.
 */
export function paneTitle(info: PaneInfo, jobTitle: string | undefined, now: number): PaneTitle {
	const start = Date.parse(info.startedAt);
	const end = info.endedAt === undefined ? now : Date.parse(info.endedAt);
	const elapsed = Number.isNaN(start) ? '--:--' : formatElapsed(end - start);
	const parts = [sanitize(jobTitle ?? info.jobId), sanitize(info.agent), `run ${info.run}`, elapsed];
	const text = parts.join(` ${glyph.separator} `);
	if (info.endedAt === undefined && info.exitCode === undefined) {
		return {text};
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
