/** One agent pane: a bordered box with a title and the run's terminal viewport. */
import {Box, Text} from 'ink';
import {memo, useEffect} from 'react';
import stringWidth from 'string-width';
import {fit} from '../format.js';
import type {ScreenView} from '../ports.js';
import {theme} from '../theme.js';

/** Props of {@link Pane}. All are compared by `memo`: equal props mean the pane is not redrawn. */
export type PaneProps = {
	readonly screen: ScreenView;
	/** The screen's version when the parent rendered; a new value is what makes the pane redraw. */
	readonly version: number;
	/** Title text; with the exit status below, plain values so `memo` compares them cheaply. */
	readonly title: string;
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
};

type TitleLineProps = Pick<PaneProps, 'title' | 'exitText' | 'exitOk' | 'focused'> & {readonly width: number};

/** Title, cut to the content width with the exit status kept visible. */
function TitleLine({title, exitText, exitOk, width, focused}: TitleLineProps) {
	const exitWidth = exitText === undefined ? 0 : stringWidth(exitText);
	return (
		<Text wrap="truncate-end" bold={focused} color={focused ? theme.focus : undefined}>
			{fit(title, Math.max(0, width - exitWidth))}
			{exitText === undefined ? null : <Text color={exitOk ? theme.ok : theme.error}>{exitText}</Text>}
		</Text>
	);
}

/**
 * A pane. Rows come from the screen already `cols` cells wide with their own SGR codes and a closing
 * `ESC[0m`; each is one `<Text wrap="truncate-end">` and is not re-styled (the cheapest structure for
 * Ink, PITFALLS.md). Until the screen has taken the new size, longer rows are cut and missing rows
 * are blank.
 */
export const Pane = memo(function Pane(props: PaneProps) {
	const {screen, width, height, cols, rows, focused} = props;
	// The pty must learn its pane's size, and again whenever the layout changes it.
	useEffect(() => {
		screen.resize(cols, rows);
	}, [screen, cols, rows]);
	const lines = screen.getRows();
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			borderStyle="round"
			borderColor={focused ? theme.focus : theme.muted}
			overflow="hidden"
		>
			<TitleLine
				title={props.title}
				exitText={props.exitText}
				exitOk={props.exitOk}
				width={cols}
				focused={focused}
			/>
			{Array.from({length: rows}, (_, index) => (
				<Text key={index} wrap="truncate-end">
					{lines[index] ?? ' '}
				</Text>
			))}
		</Box>
	);
});
