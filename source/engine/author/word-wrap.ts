/**
 * Soft word wrap for text streamed into a terminal pane: a word that would cross the right edge starts
 * the next line instead of being cut in two by the terminal's hard wrap. Works piece by piece (tokens
 * end anywhere, even inside a word), so it holds back only the spaces and the word being written.
 */
import stringWidth from 'string-width';

/** Wraps a stream of text to a width read at each word (a resized pane wraps at its new width). */
export class WordWrapper {
	readonly #width: () => number;
	#column = 0;
	/** Spaces seen after the last word, written only if the next word fits after them. */
	#spaces = '';
	/** The word being streamed, not yet placed. */
	#word = '';

	/** @param width the pane's width in cells, read whenever a word is placed. */
	constructor(width: () => number) {
		this.#width = width;
	}

	/** Text to write for `text`; what is held back comes with a later call or {@link flush}. */
	push(text: string): string {
		let out = '';
		for (const part of text.split(/(\n|[ \t]+)/)) {
			if (part === '') {
				continue;
			}

			if (part === '\n') {
				out += `${this.#place()}\n`;
				this.#spaces = '';
				this.#column = 0;
			} else if (/^[ \t]+$/.test(part)) {
				out += this.#place();
				this.#spaces += part;
			} else {
				this.#word += part;
			}
		}

		return out;
	}

	/** The held-back word, at the end of a stream. */
	flush(): string {
		return this.#place();
	}

	/** Start over at column 0 (something else wrote a whole line). */
	reset(): void {
		this.#column = 0;
		this.#spaces = '';
		this.#word = '';
	}

	/** Place the pending word: after the pending spaces if it fits, else at the start of a new line. */
	#place(): string {
		if (this.#word === '') {
			return '';
		}

		const width = Math.max(1, this.#width());
		const wordWidth = stringWidth(this.#word);
		const spaceWidth = this.#spaces.length;
		let out: string;
		// A word longer than a line is left to the terminal's hard wrap; count where it ends.
		const ending = (column: number) => (column > width ? column % width : column);
		if (this.#column > 0 && this.#column + spaceWidth + wordWidth > width) {
			out = `\n${this.#word}`;
			this.#column = ending(wordWidth);
		} else {
			out = this.#spaces + this.#word;
			this.#column = ending(this.#column + spaceWidth + wordWidth);
		}

		this.#spaces = '';
		this.#word = '';
		return out;
	}
}
