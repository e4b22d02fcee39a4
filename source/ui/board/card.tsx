/** One job on the board. */
import {Box, Text} from 'ink';
import {memo} from 'react';
import {activeRun, type Job} from '../../core/index.js';
import {fit, formatElapsed, sanitize} from '../format.js';
import {glyph, priorityColor, theme} from '../theme.js';
import {cardHeight} from './columns.js';

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

/** The third line: a running card's run and clock, a blocked card's reason. */
function detail(job: Job, now: number): string | undefined {
	if (job.status === 'blocked') {
		return sanitize(job.reason ?? 'blocked');
	}

	if (job.status === 'in_flight') {
		const run = activeRun(job) ?? job.runs.at(-1);
		if (!run) {
			return 'claimed';
		}

		const start = Date.parse(run.startedAt ?? run.claimedAt);
		const end = run.endedAt ? Date.parse(run.endedAt) : now;
		return `${glyph.running} ${formatElapsed(end - start)} run ${run.n}`;
	}

	return undefined;
}

/**
 * A card: `! title`, then `priority agent`, then (running or blocked) the detail line. Lines are
 * pre-cut to `width` and drawn with `truncate-end`, so a long title never wraps into the next card.
 */
export const Card = memo(function Card({job, width, highlighted, selected, warned, now}: CardProps) {
	const mark = warned ? `${glyph.warning} ` : '';
	const title = fit(mark + sanitize(job.title), width);
	const priority = job.priority;
	const agent = fit(` ${sanitize(job.agent)}`, Math.max(0, width - priority.length));
	const third = cardHeight(job.status) > 2 ? fit(detail(job, now) ?? '', width) : undefined;
	return (
		<Box flexDirection="column" width={width}>
			<Text
				wrap="truncate-end"
				inverse={highlighted}
				bold={selected}
				color={warned ? theme.warning : undefined}
			>
				{title}
			</Text>
			<Text wrap="truncate-end" inverse={highlighted}>
				<Text color={priorityColor[priority]}>{priority.slice(0, width)}</Text>
				<Text dimColor={!highlighted}>{agent}</Text>
			</Text>
			{third === undefined ? null : (
				<Text
					wrap="truncate-end"
					inverse={highlighted}
					color={job.status === 'blocked' ? theme.error : undefined}
					dimColor={job.status !== 'blocked' && !highlighted}
				>
					{third}
				</Text>
			)}
		</Box>
	);
});
