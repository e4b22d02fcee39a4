/**
 * The `NEXT:` protocol: the model ends each chunk with a line `NEXT: [what comes next]`. The loop keeps
 * that line's text as the direction for the following chunk and never writes it to the book.
 *
 * A `NEXT` line is one that starts (after spaces and up to three `*`/`_` of Markdown emphasis) with the
 * word `NEXT`, in any case, then a colon: `NEXT: x`, `Next: x`, `**NEXT:** x`, `**NEXT**: x`,
 * `_Next:_ [x]`. `Next, she left.` and `Nextly:` are prose. The hint is the rest of the line without
 * emphasis markers and without one pair of surrounding brackets (`[x]` → `x`).
 *
 * Code blocks: a `NEXT:` line inside a fenced code block is text (a book may show the protocol), with one
 * exception: the last non-blank line of a chunk is always read as the hint, so a model that forgot to
 * close a fence still does not leak its hint into the book.
 */
import {nextFence} from './fences.js';

/** A chunk split into the text for the book and the model's hint. */
export type SplitChunk = {
	/** The chunk without any `NEXT:` line, with `\n` line ends and no trailing whitespace. */
	readonly body: string;
	/** Text of the last non-empty `NEXT:` line; absent when there is none. */
	readonly next?: string;
};

const marker = /^[ \t]*[*_]{0,3}[ \t]*next[ \t]*[*_]{0,3}[ \t]*:(.*)$/i;

/** The hint of a `NEXT:` line ('' for an empty one), or undefined for any other line. */
function hintOf(line: string): string | undefined {
	const match = marker.exec(line);
	if (!match) {
		return undefined;
	}

	const rest = (match[1] ?? '').replace(/^[\s*_]+/, '').replace(/[\s*_]+$/, '');
	const bracketed = /^\[(.*)\]\.?$/s.exec(rest);
	return (bracketed?.[1] ?? rest).trim();
}

const isBlank = (line: string) => line.trim() === '';

/**
 * Drop `NEXT:` lines from `lines`, outside fenced code blocks (and at `forced`, wherever it is).
 * Decisions depend only on the lines before, so a stream shows the same lines the final split keeps.
 */
function scan(lines: readonly string[], forced: number): {kept: string[]; next?: string} {
	const kept: string[] = [];
	let next: string | undefined;
	let fence: string | undefined;
	let dropBlank = false;
	for (const [index, line] of lines.entries()) {
		const hint = fence === undefined || index === forced ? hintOf(line) : undefined;
		if (hint !== undefined) {
			next = hint === '' ? next : hint;
			// A hint line between two paragraphs must not leave two blank lines where there was one.
			dropBlank ||= kept.length === 0 || isBlank(kept.at(-1)!);
			continue;
		}

		if (dropBlank && isBlank(line)) {
			dropBlank = false;
			continue;
		}

		dropBlank = false;
		kept.push(line);
		fence = nextFence(fence, line);
	}

	return next === undefined ? {kept} : {kept, next};
}

/**
 * Split a finished chunk into its body and the model's hint. Every `NEXT:` line is removed (a stray one
 * mid-body too); the last one with text is the hint. The body keeps its paragraphs: removing a line
 * that stood alone between blank lines removes one of those blank lines with it. CR LF becomes LF.
 */
export function splitNextHint(text: string): SplitChunk {
	const lines = text.replaceAll('\r\n', '\n').split('\n');
	let last = lines.length - 1;
	while (last >= 0 && isBlank(lines[last]!)) {
		last--;
	}

	const {kept, next} = scan(lines, last);
	const body = kept.join('\n').trimEnd();
	return next === undefined ? {body} : {body, next};
}

/**
 * Whether an unfinished last line could still turn into a `NEXT:` line: it is blank or emphasis only,
 * or a prefix of `next` (`N`, `**Ne`), or `next` followed by spaces, emphasis or a colon.
 */
function mightBeHint(line: string): boolean {
	const rest = line.replace(/^[ \t]*[*_]*[ \t]*/, '').toLowerCase();
	return 'next'.startsWith(rest) || /^next[ \t*_]*(?::|$)/.test(rest);
}

/**
 * What a pane may show of a chunk still streaming in: the complete lines without `NEXT:` lines, and the
 * unfinished last line unless it could still become one. So the hint never flashes on screen.
 *
 * Monotonic: each result is a prefix of the result for any longer stream, so a caller may write only
 * what is new (`visible.slice(shown.length)`). The only exception is a `NEXT:` line inside a code block
 * that turns out to end the chunk: it shows while streaming and is left out of the book. Costs time
 * linear in `partial`; call it per batch of tokens, not per character, on long chunks.
 */
export function visibleStreamText(partial: string): string {
	const lines = partial.split('\n').map((line) => line.replace(/\r$/, ''));
	const last = lines.pop() ?? '';
	const shown = scan(lines, -1).kept.map((line) => `${line}\n`);
	return shown.join('') + (mightBeHint(last) ? '' : last);
}
