/** One job on the board. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Job} from '../../core/index.js';
import {cardProgress} from '../author-progress.js';
import {fit, sanitize} from '../format.js';
import {activityStyle, glyph, priorityColor, theme} from '../theme.js';
import {cardActivity, detailLine, extraLine} from './card-lines.js';

/** Props of {@link Card}. */
export type CardProps = {
	readonly job: Job;
	/** Cells available; every line is cut or padded to exactly this. */
	readonly width: number;
	/** Selected and the board has focus: drawn inverse. */
	readonly highlighted: boolean;
	/** Selected while another area has focus: the title is bold, so the selection is not lost. */
	readonly selected: boolean;
	/** The store reported a bad line in this job's log. */
	readonly warned: boolean;
	/** Wall clock for a running card's elapsed time, in ms. */
	readonly now: number;
};

type DetailProps = {readonly job: Job; readonly text: string; readonly highlighted: boolean};

/**
 * The detail line: a blocked card's reason in red; a running card's activity in its colour, and in
 * reverse yellow while the run waits for a person (the thing on screen that most wants attention).
 */
function Detail({job, text, highlighted}: DetailProps) {
	if (job.status === 'blocked') {
		return (
			<Text wrap="truncate-end" inverse={highlighted} color={theme.error}>
				{text}
			</Text>
		);
	}

	const activity = cardActivity(job);
	const style = activity === undefined ? undefined : activityStyle[activity];
	return (
		<Text
			wrap="truncate-end"
			inverse={highlighted || activity === 'waiting'}
			color={style?.color}
			bold={style?.bold}
			dimColor={style?.dim === true && !highlighted}
		>
			{text}
		</Text>
	);
}

/**
 * A card: `! title`, then `priority agent`, then (running or blocked) the detail line, then (only
 * with messages or a branch) `✉ 2 "last message" ⎇ branch`. Lines are pre-cut to `width` and drawn
 * with `truncate-end`, so a long title never wraps into the next card. A waiting run makes the title
 * bold yellow, prefixed with the waiting glyph.
 */
export const Card = memo(function Card({job, width, highlighted, selected, warned, now}: CardProps) {
	const waiting = cardActivity(job) === 'waiting';
	const mark = (warned ? `${glyph.warning} ` : '') + (waiting ? `${activityStyle.waiting.glyph} ` : '');
	const title = fit(mark + sanitize(job.title), width);
	const priority = job.priority;
	const progress = job.author ? ` ${cardProgress(job.author)}` : '';
	const agent = fit(` ${sanitize(job.agent)}${progress}`, Math.max(0, width - priority.length));
	const detail = detailLine(job, now, width);
	const extra = extraLine(job, width);
	return (
		<Box flexDirection="column" width={width}>
			<Text
				wrap="truncate-end"
				inverse={highlighted}
				bold={selected || waiting}
				color={warned ? theme.warning : waiting ? theme.waiting : undefined}
			>
				{title}
			</Text>
			<Text wrap="truncate-end" inverse={highlighted}>
				<Text color={priorityColor[priority]}>{priority.slice(0, width)}</Text>
				<Text dimColor={!highlighted}>{agent}</Text>
			</Text>
			{detail === undefined ? null : <Detail job={job} text={fit(detail, width)} highlighted={highlighted} />}
			{extra === undefined ? null : (
				<Text wrap="truncate-end" inverse={highlighted} dimColor={!highlighted}>
					{fit(extra, width)}
				</Text>
			)}
		</Box>
	);
});
