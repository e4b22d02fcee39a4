/**
 * The REPL's input line as data: text and a cursor, edited by pure functions. The router's queue feeds
 * it one key (or one pasted run) per commit, so edits never act on a stale line.
 */

/** A line being edited. `cursor` counts code points from the start (0 … length). */
export type EditLine = {readonly text: string; readonly cursor: number};

/** An edit. */
export type Edit =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'erase'}
	| {readonly type: 'move'; readonly to: 'left' | 'right' | 'start' | 'end'}
	| {readonly type: 'clear'};

/** An empty line. */
export const emptyLine: EditLine = {text: '', cursor: 0};

/** A line holding `text` with the cursor at its end (a recalled history entry). */
export function lineOf(text: string): EditLine {
	return {text, cursor: [...text].length};
}

/** Apply one edit. */
export function edit(line: EditLine, change: Edit): EditLine {
	const chars = [...line.text];
	const cursor = Math.min(line.cursor, chars.length);
	switch (change.type) {
		case 'insert': {
			const added = [...change.text];
			chars.splice(cursor, 0, ...added);
			return {text: chars.join(''), cursor: cursor + added.length};
		}

		case 'erase': {
			if (cursor === 0) {
				return line;
			}

			chars.splice(cursor - 1, 1);
			return {text: chars.join(''), cursor: cursor - 1};
		}

		case 'move': {
			const to = {left: cursor - 1, right: cursor + 1, start: 0, end: chars.length}[change.to];
			return {...line, cursor: Math.min(Math.max(to, 0), chars.length)};
		}

		case 'clear': {
			return emptyLine;
		}

		default: {
			const unreachable: never = change;
			return unreachable;
		}
	}
}
