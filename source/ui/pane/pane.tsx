/** One agent pane: a bordered box with a title and the run's terminal viewport. */
import {Box, Text} from 'ink';
import {memo, useEffect} from 'react';
import stringWidth from 'string-width';
import type {RunActivity} from '../../core/index.js';
import {fit, truncate} from '../format.js';
import type {ScreenView} from '../ports.js';
import {usePaneSurface} from '../surface/surface-context.js';
import {SurfaceSlot} from '../surface/surface-slot.js';
import {activityStyle, glyph, theme} from '../theme.js';

/** How long a pane waits for its size to settle before resizing the pty, in ms. */
export const resizeDebounceMs = 50;

/** Props of {@link Pane}. All are compared by `memo`: equal props mean the pane is not redrawn. */
export type PaneProps = {
	readonly screen: ScreenView;
	/** The screen's version when the parent rendered; a new value is what makes the pane redraw. */
	readonly version: number;
	/** Title text; with the values below, plain values so `memo` compares them cheaply. */
	readonly title: string;
	/** The run's activity, drawn before the title while the run goes on. */
	readonly activity?: RunActivity;
	/** ` · exit 0` once the run ended. */
	readonly exitText?: string;
	readonly exitOk?: boolean;
	/** Box size, border included. */
	readonly width: number;
	readonly height: number;
	/** Content size in cells: the size the screen (and the pty behind it) is given. */
	readonly cols: number;
	readonly rows: number;
	readonly focused: boolean;
	/** Insert mode sends the keys to this pane's agent: its border says so. */
	readonly inserting?: boolean;
	/** Where the view is, when not simply following (`↑ 120 lines`, `/error 2/5`): drawn first. */
	readonly scroll?: string;
};

type TitleLineProps = Pick<PaneProps, 'title' | 'activity' | 'exitText' | 'exitOk' | 'focused' | 'scroll'> & {
	readonly width: number;
	readonly color: string | undefined;
};

/**
 * The scroll state (inverse, so a person never mistakes an old screenful for the live one), activity,
 * then title, cut to the content width with the exit status kept visible.
 */
function TitleLine({title, activity, exitText, exitOk, width, focused, color, scroll}: TitleLineProps) {
	const exitWidth = exitText === undefined ? 0 : stringWidth(exitText);
	const style = activity === undefined ? undefined : activityStyle[activity];
	const scrollText = scroll === undefined ? '' : truncate(` ${scroll} `, width - exitWidth);
	const scrollWidth = stringWidth(scrollText) + (scrollText === '' ? 0 : 1);
	const prefix =
		style === undefined
			? ''
			: truncate(`${style.glyph} ${style.word} ${glyph.separator} `, width - exitWidth - scrollWidth);
	return (
		<Text wrap="truncate-end" bold={focused} color={color}>
			{scrollText === '' ? null : (
				<Text color={theme.warning} inverse bold>
					{scrollText}
				</Text>
			)}
			{scrollText === '' ? null : ' '}
			{style === undefined ? null : (
				<Text color={style.color} bold={style.bold} dimColor={style.dim}>
					{prefix}
				</Text>
			)}
			{fit(title, Math.max(0, width - exitWidth - scrollWidth - stringWidth(prefix)))}
			{exitText === undefined ? null : <Text color={exitOk ? theme.ok : theme.error}>{exitText}</Text>}
		</Text>
	);
}

/**
 * Give the screen (and its pty) the pane's content size, once the size has been still for
 * {@link resizeDebounceMs}: dragging a terminal's corner makes many sizes in a row, and each pty
 * resize makes the agent redraw everything.
 */
function useScreenSize(screen: ScreenView, cols: number, rows: number): void {
	useEffect(() => {
		if (screen.cols === cols && screen.rows === rows) {
			return;
		}

		const timer = setTimeout(() => {
			screen.resize(cols, rows);
		}, resizeDebounceMs);
		return () => {
			clearTimeout(timer);
		};
	}, [screen, cols, rows]);
}

/** The rows as Ink text: one `<Text wrap="truncate-end">` per row, not re-styled. */
function InkRows({screen, rows}: {readonly screen: ScreenView; readonly rows: number}) {
	const lines = screen.getRows();
	return (
		<>
			{Array.from({length: rows}, (_, index) => (
				<Text key={index} wrap="truncate-end">
					{lines[index] ?? ' '}
				</Text>
			))}
		</>
	);
}

/**
 * A pane. Rows come from the screen already `cols` cells wide with their own SGR codes and a closing
 * `ESC[0m`. With a pane surface (the real dashboard) Ink draws only the border and title, and the
 * surface paints the rows into the interior outside Ink's output grid, so pane output never costs an
 * Ink commit. Without one (component tests), each row is one `<Text wrap="truncate-end">` (the
 * cheapest structure for Ink, PITFALLS.md). Until the screen has taken the new size, longer rows are
 * cut and missing rows are blank.
 */
export const Pane = memo(function Pane(props: PaneProps) {
	const {screen, width, height, cols, rows, focused, inserting = false} = props;
	useScreenSize(screen, cols, rows);
	const surface = usePaneSurface();
	const color = inserting ? theme.insert : focused ? theme.focus : undefined;
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			borderStyle={inserting ? 'bold' : 'round'}
			borderColor={color ?? theme.muted}
			overflow="hidden"
		>
			<TitleLine
				title={props.title}
				activity={props.activity}
				exitText={props.exitText}
				exitOk={props.exitOk}
				width={cols}
				focused={focused || inserting}
				color={color}
				scroll={props.scroll}
			/>
			{surface ? (
				<SurfaceSlot surface={surface} screen={screen} cols={cols} rows={rows} />
			) : (
				<InkRows screen={screen} rows={rows} />
			)}
		</Box>
	);
});
