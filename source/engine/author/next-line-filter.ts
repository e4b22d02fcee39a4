/**
 * Streams a chunk's tokens to the pane while holding back its `NEXT:` lines, which the loop strips
 * from the book: a line is held only while it could still become one (`NEXT`, `**Next:`…), so the
 * pane lags the model by at most the start of a line.
 */

/** Could `line` (without its end) still turn out to be a `NEXT:` line? */
function mayBeNextLine(line: string): boolean {
	const start = line
		.replace(/^[\s*_>#-]*/, '')
		.slice(0, 5)
		.toUpperCase();
	return 'NEXT:'.startsWith(start) || start.startsWith('NEXT');
}

/** Passes text on line by line as far as it is safe, dropping `NEXT:` lines. */
export class NextLineFilter {
	readonly #emit: (text: string) => void;
	/** The current line, when it is being held back. */
	#held = '';
	#holding = true;

	constructor(emit: (text: string) => void) {
		this.#emit = emit;
	}

	/** Add streamed text. */
	push(text: string): void {
		let rest = text;
		while (rest !== '') {
			const newline = rest.indexOf('\n');
			const piece = newline === -1 ? rest : rest.slice(0, newline + 1);
			rest = newline === -1 ? '' : rest.slice(newline + 1);
			this.#take(piece);
		}
	}

	/** The stream ended: a held line that is not a `NEXT:` line is shown after all. */
	end(): void {
		if (this.#held !== '' && !isNextLine(this.#held)) {
			this.#emit(this.#held);
		}

		this.#held = '';
		this.#holding = true;
	}

	/** `piece` is part of one line, ending with its `\n` when the line is complete. */
	#take(piece: string): void {
		const complete = piece.endsWith('\n');
		if (this.#holding) {
			this.#held += piece;
			const line = this.#held.replace(/\n$/, '');
			if (complete) {
				if (!isNextLine(line)) {
					this.#emit(this.#held);
				}

				this.#held = '';
				return;
			}

			if (!mayBeNextLine(line)) {
				this.#emit(this.#held);
				this.#held = '';
				this.#holding = false;
			}

			return;
		}

		this.#emit(piece);
		if (complete) {
			this.#holding = true;
		}
	}
}

/** A complete `NEXT:` line. */
function isNextLine(line: string): boolean {
	return /^[\s*_>#-]*next\s*:/i.test(line);
}
