/**
 * What an author run shows: the text streaming in, token by token, in a headless terminal (so the
 * pane machinery is the agents' own) and in `runs/<n>/output.log` (so another process's dashboard can
 * tail it like any run's output). Notes between chunks are dimmed.
 */
import fs from 'node:fs';
import path from 'node:path';
import {TerminalScreen} from '../../terminal/terminal-screen.js';
import type {TerminalSize} from '../../terminal/types.js';
import {WordWrapper} from './word-wrap.js';

const dim = (text: string) => `\u001B[2m${text}\u001B[0m`;

/** A run's screen and output log, written as the model streams. */
export class AuthorPane {
	readonly screen: TerminalScreen;
	readonly #fd: number;
	readonly #onData: ((data: string) => void) | undefined;
	#bytes = 0;
	#closed = false;
	#atLineStart = true;
	readonly #wrap: WordWrapper;

	/**
	 * @param outputLog `runs/<n>/output.log`; created with its folder, or appended to.
	 * @param onData hears every byte written (a foreground `dispatch` prints them).
	 * @throws Error from the file system when the log cannot be opened.
	 */
	constructor(outputLog: string, size: TerminalSize, scrollback: number, onData?: (data: string) => void) {
		this.#onData = onData;
		fs.mkdirSync(path.dirname(outputLog), {recursive: true});
		this.#fd = fs.openSync(outputLog, 'a');
		this.screen = new TerminalScreen({...size, scrollback});
		this.#wrap = new WordWrapper(() => this.screen.cols);
	}

	/** Bytes written to the output log so far. */
	get bytes(): number {
		return this.#bytes;
	}

	/** Streamed text of the book, as it arrives. */
	text(text: string): void {
		if (text !== '') {
			this.#emit(text, this.#wrap.push(text));
		}
	}

	/** A line about the loop itself (`── chunk 3 of 12 ──`, a retry), on a line of its own. */
	note(text: string): void {
		this.#wrap.reset();
		const line = `${this.#atLineStart ? '' : '\n'}${dim(text)}\n`;
		this.#emit(line, line);
	}

	/** Close the output log; the screen stays readable for the pane. */
	close(): void {
		if (!this.#closed) {
			this.#closed = true;
			fs.closeSync(this.#fd);
		}
	}

	/**
	 * `text` as it came goes to the log and `onData` (their readers wrap for themselves); `wrapped`,
	 * word-wrapped to the pane, goes to the screen.
	 */
	#emit(text: string, wrapped: string): void {
		// A terminal needs CR LF to start a line at column 0; the book's text has bare LFs.
		const crlf = (value: string) => value.replaceAll(/\r?\n/g, '\r\n');
		const data = crlf(text);
		this.#atLineStart = text.endsWith('\n');
		if (wrapped !== '') {
			this.screen.write(crlf(wrapped));
		}

		this.#onData?.(data);
		if (!this.#closed) {
			try {
				this.#bytes += fs.writeSync(this.#fd, data);
			} catch {
				// A full disk must not stop the book (its own file reports that); the pane keeps going.
			}
		}
	}
}
