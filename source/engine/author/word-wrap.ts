/**
 * Soft word wrap for text streamed into a terminal pane: a word that would cross the right edge starts
 * the next line instead of being cut in two by the terminal's hard wrap.
 *
 * Streaming makes this harder than wrapping finished text: a token may end inside a word, and holding
 * the word back until it ends would delay every token by one (a pane is watched for its latency).
 * So a word is shown as it arrives while it fits; when it grows past the edge, the part already shown
 * is erased (cursor to the word's column, `ESC[K`) and the whole word is written again on the next
 * line. Only the spaces after a word wait, for the word that follows them.
 */
import stringWidth from 'string-width';

/** `CSI n G` (cursor to column n, 1-based) then `CSI K` (erase to the end of the line): ECMA-48. */
const eraseFrom = (column: number) => `\u001B[${column + 1}G\u001B[K`;

/** Wraps a stream of text to a width read at each word (a resized pane wraps at its new width). */
export class WordWrapper {
	readonly #width: () => number;
	/** The cursor's column (cells written on the current line). */
	#column = 0;
	/** Spaces after the last word, written only if the next word fits after them. */
	#spaces = '';
	/** The word being written, as far as it came. */
	#word = '';
	/** Column where the word being written starts; `undefined` before any of it was written. */
	#start: number | undefined;

	/** @param width the pane's width in cells, read whenever a word is placed. */
	constructor(width: () => number) {
		this.#width = width;
	}

	/** What to write to the terminal for `text` (with escape sequences when a word moves down). */
	push(text: string): string {
		let out = '';
		for (const part of text.split(/(\n|[ \t]+)/)) {
			if (part === '') {
				continue;
			}

			if (part === '\n') {
				out += '\n';
				this.reset();
			} else if (/^[ \t]+$/.test(part)) {
				this.#endWord();
				this.#spaces += part;
			} else {
				out += this.#grow(part);
			}
		}

		return out;
	}

	/** Start over at column 0 (a line was written around the wrapper). */
	reset(): void {
		this.#column = 0;
		this.#spaces = '';
		this.#endWord();
	}

	#endWord(): void {
		this.#word = '';
		this.#start = undefined;
	}

	/** The word being written grows by `part`: show it where it fits, moving the word down if needed. */
	#grow(part: string): string {
		const width = Math.max(1, this.#width());
		this.#word += part;
		const wordWidth = stringWidth(this.#word);
		if (this.#start === undefined) {
			const spaces = this.#spaces;
			this.#spaces = '';
			if (this.#column > 0 && this.#column + spaces.length + wordWidth > width) {
				this.#start = 0;
				this.#column = ending(wordWidth, width);
				return `\n${this.#word}`;
			}

			this.#start = this.#column + spaces.length;
			this.#column = ending(this.#start + wordWidth, width);
			return spaces + part;
		}

		if (this.#start > 0 && this.#start + wordWidth > width && wordWidth <= width) {
			// It no longer fits where it began: erase what was shown and start the line with it.
			const erase = eraseFrom(this.#start);
			this.#start = 0;
			this.#column = wordWidth;
			return `${erase}\n${this.#word}`;
		}

		this.#column = ending(this.#start + wordWidth, width);
		return part;
	}
}

/** The column after `cells` cells from column 0; past the width, the terminal's hard wrap decides. */
function ending(cells: number, width: number): number {
	return cells > width ? cells % width : cells;
}
