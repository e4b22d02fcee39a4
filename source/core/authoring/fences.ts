/**
 * Fenced code blocks in Markdown (CommonMark 0.31, §4.5 "Fenced code blocks"): a line of three or more
 * backticks or tildes, indented at most three spaces, opens a block; the next line of at least as many
 * of the same character, with nothing after them but spaces, closes it. An unclosed block runs to the
 * end of the text. Lines inside a block are code: no heading, no `NEXT:` line.
 */

const fenceLine = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * The fence state after `line`, given the state before it: `undefined` outside any block, else the
 * marker that opened the block (e.g. "```" or "~~~~"), which a closing line must match.
 */
export function nextFence(open: string | undefined, line: string): string | undefined {
	const match = fenceLine.exec(line);
	if (!match) {
		return open;
	}

	const [, marker = '', rest = ''] = match;
	if (open === undefined) {
		// The info string of a backtick fence cannot hold a backtick, so "```a`b" is inline code, no fence.
		return marker.startsWith('`') && rest.includes('`') ? undefined : marker;
	}

	const closes = marker[0] === open[0] && marker.length >= open.length && rest.trim() === '';
	return closes ? undefined : open;
}
