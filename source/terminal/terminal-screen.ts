/**
 * A headless terminal (`@xterm/headless`) fed with a run's output bytes, read by a pane as styled rows.
 */
import xterm from '@xterm/headless';
import type {IBufferCell, Terminal} from '@xterm/headless';
import type {InputModes, ScreenView} from './types.js';
import {recycleLinesWithoutGarbage} from './line-recycling.js';
import {buildRow} from './row-builder.js';
import {TerminalScrollback} from './scrollback.js';
import {sgrReset} from './sgr.js';
import type {TerminalScreenOptions} from './types.js';
import {stringWidthProvider, unicodeVersion} from './unicode-widths.js';

/** Scrollback kept when none is given, in lines (DESIGN/STYLE: capped, a setting). */
export const defaultScrollback = 5000;

function checkSize(cols: number, rows: number): void {
	if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 1) {
		throw new RangeError(`terminal size must be integers, cols ≥ 2 and rows ≥ 1; got ${cols}×${rows}`);
	}
}

function byteLength(data: string | Uint8Array): number {
	return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}

/**
 * One pane's terminal emulator. Writes are parsed asynchronously by xterm; `version` bumps when a write
 * has been parsed or the size changed, and `onChange` listeners hear of it (unthrottled: the UI batches
 * per frame). Rows are built from the ACTIVE buffer, so alternate-screen programs (vim, less, AI CLIs)
 * show their screen while they run and the normal screen after.
 */
export class TerminalScreen implements ScreenView {
	readonly #terminal: Terminal;
	readonly #listeners = new Set<() => void>();
	#cell: IBufferCell | undefined;
	#version = 0;
	#pendingBytes = 0;
	#rowsCache: {version: number; rows: readonly string[]} | undefined;
	#disposed = false;
	/** Scrolling back and searching; every change bumps the version. */
	readonly scrollback: TerminalScrollback;

	/** @throws {RangeError} when `cols` < 2, `rows` < 1 or either is not an integer. */
	constructor(options: TerminalScreenOptions) {
		checkSize(options.cols, options.rows);
		this.#terminal = new xterm.Terminal({
			cols: options.cols,
			rows: options.rows,
			scrollback: options.scrollback ?? defaultScrollback,
			allowProposedApi: true,
			// xterm logs parse errors of binary output to the console, which would draw over the dashboard.
			logLevel: 'off',
		});
		// Under a flood, xterm's line recycling was most of what the dashboard promoted to the old
		// generation (line-recycling.ts).
		recycleLinesWithoutGarbage(this.#terminal);

		const {unicode} = this.#terminal;
		unicode.register(stringWidthProvider);
		unicode.activeVersion = unicodeVersion;
		this.scrollback = new TerminalScrollback(this.#terminal, () => {
			this.#bump();
		});
	}

	/** Bumped when a write has been parsed or the size changed; equal versions mean equal rows. */
	get version(): number {
		return this.#version;
	}

	/** Width in cells. */
	get cols(): number {
		return this.#terminal.cols;
	}

	/** Height in cells. */
	get rows(): number {
		return this.#terminal.rows;
	}

	/** Keyboard modes the program turned on (DECCKM, bracketed paste), read from xterm's `modes`. */
	get inputModes(): InputModes {
		const {modes} = this.#terminal;
		return {applicationCursorKeys: modes.applicationCursorKeysMode, bracketedPaste: modes.bracketedPasteMode};
	}

	/** Bytes written but not yet parsed (UTF-8 bytes for strings); the run's backpressure signal. */
	get pendingBytes(): number {
		return this.#pendingBytes;
	}

	/**
	 * Feeds output to the emulator. Never throws on binary or malformed input (xterm absorbs it);
	 * ignored after `dispose()`. `onParsed` runs once this chunk has been parsed.
	 */
	write(data: string | Uint8Array, onParsed?: () => void): void {
		if (this.#disposed) {
			return;
		}

		const bytes = byteLength(data);
		this.#pendingBytes += bytes;
		this.#terminal.write(data, () => {
			this.#pendingBytes -= bytes;
			if (!this.#disposed) {
				this.scrollback.afterWrite();
			}

			this.#bump();
			onParsed?.();
		});
	}

	/**
	 * Resizes the emulator (the run resizes its pty alongside).
	 * @throws {RangeError} when `cols` < 2, `rows` < 1 or either is not an integer.
	 */
	resize(cols: number, rows: number): void {
		checkSize(cols, rows);
		if (this.#disposed || (cols === this.cols && rows === this.rows)) {
			return;
		}

		this.#terminal.resize(cols, rows);
		this.#bump();
	}

	/** Calls `listener` after each version bump; returns the unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * The viewport as `rows` strings, each exactly `cols` cells wide, with SGR codes and a final `ESC[0m`.
	 * Recomputed only when `version` changed (~50-150 µs for a 48×45 pane).
	 */
	getRows(): readonly string[] {
		if (this.#rowsCache?.version === this.#version || (this.#disposed && this.#rowsCache)) {
			return this.#rowsCache.rows;
		}

		if (this.#disposed) {
			return Array.from({length: this.rows}, () => ' '.repeat(this.cols) + sgrReset);
		}

		const buffer = this.#terminal.buffer.active;
		const {cols} = this;
		this.#cell ??= buffer.getNullCell();
		const rows: string[] = [];
		const searching = this.scrollback.search !== undefined;
		for (let y = 0; y < this.rows; y++) {
			const line = buffer.viewportY + y;
			const marks = searching ? this.scrollback.marksFor(line, cols, buffer.getNullCell()) : undefined;
			rows.push(buildRow(buffer.getLine(line), cols, this.#cell, marks));
		}

		this.#rowsCache = {version: this.#version, rows};
		return rows;
	}

	/** The viewport as plain text, one string per row, trailing blanks trimmed (tests, state detection, search). */
	getText(): string[] {
		if (this.#disposed) {
			return Array.from({length: this.rows}, () => '');
		}

		const buffer = this.#terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines;
	}

	/** Frees the emulator; later writes are ignored, listeners are dropped, rows stay as last read. */
	dispose(): void {
		this.#disposed = true;
		this.scrollback.dispose();
		this.#listeners.clear();
		this.#terminal.dispose();
	}

	#bump(): void {
		if (this.#disposed) {
			return;
		}

		this.#version++;
		for (const listener of this.#listeners) {
			listener();
		}
	}
}
