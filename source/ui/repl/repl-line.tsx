/** The REPL's input line: `› `, the text and its cursor. */
import {Box, Text} from 'ink';
import {sanitize} from '../format.js';
import {glyph, theme} from '../theme.js';
import type {EditLine} from './line-editor.js';

/** Props of {@link ReplLine}. */
export type ReplLineProps = {
	readonly line: EditLine;
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

/**
 * The part of the line that fits `room` cells with the cursor in view (a long line scrolls left as
 * the cursor moves right), split around the cursor cell.
 */
export function visiblePart(line: EditLine, room: number): {before: string; at: string; after: string} {
	const chars = [...sanitize(line.text)];
	const cursor = Math.min(line.cursor, chars.length);
	const start = Math.max(0, cursor - Math.max(1, room - 1));
	const shown = chars.slice(start, start + room);
	const at = cursor - start;
	return {before: shown.slice(0, at).join(''), at: shown[at] ?? ' ', after: shown.slice(at + 1).join('')};
}

/**
 * The input line. Keys reach it through the router only (the REPL's area layer edits the line in its
 * reducer), so there is no second input handler that could see a key before or after the router.
 */
export function ReplLine({line, focused, hint, pending, width, prompt: promptText}: ReplLineProps) {
	const mark = promptText ?? glyph.prompt;
	const prompt = pending > 0 ? `${mark} ${glyph.ellipsis}` : mark;
	const room = Math.max(1, width - prompt.length - 1);
	const part = visiblePart(line, room);
	return (
		<Box width={width} height={1} overflow="hidden">
			{/* A margin, not a trailing space: Ink trims trailing spaces of a text. */}
			<Box marginRight={1} flexShrink={0}>
				<Text color={theme.prompt} bold={focused}>
					{prompt}
				</Text>
			</Box>
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
