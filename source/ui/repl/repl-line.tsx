/** The REPL's input line: `› `, the text and its cursor. */
import {Box, Text} from 'ink';
import {useLayoutEffect, useMemo, useSyncExternalStore} from 'react';
import {glyph, theme} from '../theme.js';
import type {PaneSurfaceHandle} from '../surface/pane-surface.js';
import {usePaneSurface} from '../surface/surface-context.js';
import {SurfaceSlot} from '../surface/surface-slot.js';
import type {EditLine} from './line-editor.js';
import {lineContent, visiblePart} from './line-row.js';
import type {LineSource} from './repl-store.js';

export {visiblePart} from './line-row.js';

/** Props of {@link ReplLine}. */
export type ReplLineProps = {
	/** The line: the REPL's own (a store, edited between commits) or a fixed one (the search prompt). */
	readonly line: EditLine | LineSource;
	/** The REPL has focus: the cursor is drawn. */
	readonly focused: boolean;
	/** Shown instead of an empty line while another area has focus: that area's keys. */
	readonly hint: string;
	/** Commands still running, shown as `…` after the prompt. */
	readonly pending: number;
	readonly width: number;
	/** Drawn before the line instead of `›` (the pane search's `/`). */
	readonly prompt?: string;
};

const isSource = (line: EditLine | LineSource): line is LineSource => 'subscribe' in line;
const noSubscription = () => () => undefined;

/**
 * The input line. Keys reach it through the router only (the REPL's area layer edits the line in its
 * store), so there is no second input handler that could see a key before or after the router.
 *
 * With the pane surface, the REPL's own line while it has focus is painted by the surface, in a slot
 * Ink lays out after the prompt: a keystroke then costs a one-row paint instead of an Ink frame (B3).
 * Otherwise (no surface, the search prompt, no focus) Ink draws it, re-rendering only this component
 * when the line changes.
 */
export function ReplLine(props: ReplLineProps) {
	const surface = usePaneSurface();
	const {line} = props;
	return surface && props.focused && isSource(line) ? (
		<PaintedLine {...props} surface={surface} line={line} />
	) : (
		<InkLine {...props} />
	);
}

function promptOf({pending, prompt}: ReplLineProps): string {
	const mark = prompt ?? glyph.prompt;
	return pending > 0 ? `${mark} ${glyph.ellipsis}` : mark;
}

function Prompt({text, focused}: {readonly text: string; readonly focused: boolean}) {
	return (
		// A margin, not a trailing space: Ink trims trailing spaces of a text.
		<Box marginRight={1} flexShrink={0}>
			<Text color={theme.prompt} bold={focused}>
				{text}
			</Text>
		</Box>
	);
}

function InkLine(props: ReplLineProps) {
	const {focused, hint, width} = props;
	const source = isSource(props.line) ? props.line : undefined;
	const fixed = source ? undefined : (props.line as EditLine);
	const line = useSyncExternalStore(source?.subscribe ?? noSubscription, source ? source.get : () => fixed!);
	const prompt = promptOf(props);
	const part = visiblePart(line, Math.max(1, width - prompt.length - 1));
	return (
		<Box width={width} height={1} overflow="hidden">
			<Prompt text={prompt} focused={focused} />
			{focused ? (
				<Text wrap="truncate-end">
					{part.before}
					<Text inverse>{part.at}</Text>
					{part.after}
				</Text>
			) : (
				<Text wrap="truncate-end" dimColor>
					{line.text === '' ? hint : `${part.before}${part.at}${part.after}`.trimEnd()}
				</Text>
			)}
		</Box>
	);
}

function PaintedLine(props: ReplLineProps & {readonly surface: PaneSurfaceHandle; readonly line: LineSource}) {
	const {surface, line, width} = props;
	const prompt = promptOf(props);
	const cols = Math.max(1, width - prompt.length - 1);
	const content = useMemo(() => lineContent(line, cols), [line, cols]);
	// A keystroke paints the line at once, without waiting for the frame clock.
	useLayoutEffect(
		() =>
			line.subscribe(() => {
				surface.paint(content);
			}),
		[surface, line, content],
	);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Prompt text={prompt} focused />
			<SurfaceSlot surface={surface} screen={content} cols={cols} rows={1} />
		</Box>
	);
}
