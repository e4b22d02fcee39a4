/**
 * The stats view (`s`): output rates, run durations, spending and jobs finished per hour, drawn in
 * the main area. It subscribes to the rate sampler only while open, and the sampler tells it of a
 * change at most once a second; the board and the clock come from the dashboard's own frames.
 */
import {Box, Text} from 'ink';
import {memo, useSyncExternalStore} from 'react';
import type {Board} from '../../core/index.js';
import {fit} from '../format.js';
import {keyLabel, keysOf} from '../keys/bindings.js';
import {useKeymap} from '../keys/keymap-context.js';
import {theme} from '../theme.js';
import type {RateSampler} from './rate-sampler.js';
import {
	agentSection,
	finishedSection,
	outputSection,
	runsSection,
	spendSection,
	stackSections,
	type StatsLine,
} from './stats-sections.js';

/** Props of {@link StatsView}. */
export type StatsViewProps = {
	readonly sampler: RateSampler;
	readonly board: Board;
	/** Wall clock in ms (running runs' durations); the rates' window ends at the later of it and the last sample. */
	readonly now: number;
	readonly width: number;
	readonly height: number;
};

/** From this width the view has two columns: rates on the left, runs and spending on the right. */
export const twoColumnWidth = 120;

function Lines({lines, width}: {readonly lines: readonly StatsLine[]; readonly width: number}) {
	return (
		<Box flexDirection="column" width={width}>
			{lines.map((line, index) => (
				// Lines have no identity of their own; their place is what they are.
				<Text key={index} wrap="truncate-end">
					{line.length === 0
						? ' '
						: line.map((segment, part) => (
								<Text key={part} color={segment.color} dimColor={segment.dim} bold={segment.bold}>
									{segment.text}
								</Text>
							))}
				</Text>
			))}
		</Box>
	);
}

/** The view. Memoised: pane output alone re-renders it only through the sampler. */
export const StatsView = memo(function StatsView({sampler, board, now, width, height}: StatsViewProps) {
	const keymap = useKeymap();
	const closeKeys = [...keysOf('stats', 'close', keymap), ...keysOf('global', 'toggleStats', keymap)]
		.map((spec) => keyLabel(spec))
		.join('/');
	const rates = useSyncExternalStore(sampler.subscribe, sampler.getSnapshot);
	const {history} = rates;
	const at = Math.max(now, (history.bucket + 1) * history.bucketMs - 1);
	const body = height - 2;
	const two = width >= twoColumnWidth;
	const left = two ? Math.floor((width - 3) / 2) : width;
	const right = two ? width - left - 3 : width;
	const rateSections = [outputSection(rates, board, at, left), agentSection(rates, at, left)];
	const otherSections = [
		runsSection(board, now, right),
		spendSection(board, right),
		finishedSection(board, now, right),
	];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" bold color={theme.focus}>
				{fit(`stats · ${closeKeys} to close`, width)}
			</Text>
			<Text wrap="truncate-end" color={theme.muted}>
				{'─'.repeat(width)}
			</Text>
			{two ? (
				<Box flexDirection="row" columnGap={3} height={body}>
					<Lines lines={stackSections(rateSections, left, body)} width={left} />
					<Lines lines={stackSections(otherSections, right, body)} width={right} />
				</Box>
			) : (
				<Lines lines={stackSections([...rateSections, ...otherSections], width, body)} width={width} />
			)}
		</Box>
	);
});
