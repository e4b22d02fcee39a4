/**
 * A terminal's scrollback as a person uses it (see {@link Scrollback}), on xterm's own viewport:
 * `scrollLines` moves it and sets xterm's "user is scrolling" state, under which new output leaves the
 * view where it is (and xterm shifts it when old lines are trimmed off the top). Pausing at the bottom,
 * which xterm has no state for, is a marker on the top line of the view: after the next write the view
 * is put back on it.
 */
import type {IBufferCell, IMarker, Terminal} from '@xterm/headless';
import {
	bufferMatches,
	lineMatches,
	needleOf,
	stepMatch,
	type BufferMatch,
	type Needle,
	type RowMark,
} from './buffer-search.js';
import type {Scrollback, ScrollTarget, SearchState} from './types.js';

type Search = {
	readonly needle: Needle;
	readonly state: SearchState;
	readonly current: BufferMatch | undefined;
};

/** The scrollback of one emulator; `changed` is called after every change of the view. */
export class TerminalScrollback implements Scrollback {
	readonly #terminal: Terminal;
	readonly #changed: () => void;
	#pause: IMarker | undefined;
	#search: Search | undefined;

	constructor(terminal: Terminal, changed: () => void) {
		this.#terminal = terminal;
		this.#changed = changed;
	}

	get linesBack(): number {
		const buffer = this.#terminal.buffer.active;
		return buffer.baseY - buffer.viewportY;
	}

	get following(): boolean {
		return this.linesBack === 0 && this.#pause === undefined;
	}

	get search(): SearchState | undefined {
		return this.#search?.state;
	}

	scroll(by: ScrollTarget): void {
		if (by === 'top') {
			this.#terminal.scrollToTop();
		} else if (by === 'bottom') {
			this.#terminal.scrollToBottom();
		} else {
			this.#terminal.scrollLines(by);
		}

		if (this.linesBack === 0) {
			// Back at the bottom: follow again, as a pager does.
			this.#dropPause();
		}

		this.#changed();
	}

	toggleFollow(): void {
		if (this.following) {
			const buffer = this.#terminal.buffer.active;
			// A marker on the top line of the view (markers exist in the normal buffer only).
			this.#pause = this.#terminal.registerMarker(-buffer.cursorY);
		} else {
			this.#dropPause();
			this.#terminal.scrollToBottom();
		}

		this.#changed();
	}

	find(query: string): SearchState | undefined {
		if (query === '') {
			this.clearSearch();
			return undefined;
		}

		this.#go(needleOf(query), query, undefined, -1);
		return this.#search?.state;
	}

	nextMatch(direction: 1 | -1): void {
		const search = this.#search;
		if (search) {
			this.#go(search.needle, search.state.query, search.current, direction);
		}
	}

	clearSearch(): void {
		if (this.#search) {
			this.#search = undefined;
			this.#changed();
		}
	}

	/**
	 * After a write was parsed (before the screen tells anyone): a paused view goes back to the lines
	 * it showed, which hands the pause over to xterm's own scrolled-back state.
	 */
	afterWrite(): void {
		const marker = this.#pause;
		if (!marker) {
			return;
		}

		const buffer = this.#terminal.buffer.active;
		if (marker.isDisposed || buffer.type !== 'normal') {
			this.#pause = undefined;
			return;
		}

		if (marker.line < buffer.baseY) {
			this.#terminal.scrollToLine(marker.line);
			this.#dropPause();
		}
	}

	/** Highlights for buffer line `y`, when a search is on. */
	marksFor(y: number, cols: number, cell: IBufferCell): RowMark[] | undefined {
		const search = this.#search;
		const line = search && this.#terminal.buffer.active.getLine(y);
		if (!search || !line) {
			return undefined;
		}

		const {current} = search;
		return lineMatches(line, cols, search.needle, cell).map((range) => ({
			...range,
			current: current !== undefined && current.line === y && current.start === range.start,
		}));
	}

	/** Forget the pause marker (the view stays where it is). */
	dispose(): void {
		this.#dropPause();
	}

	#dropPause(): void {
		this.#pause?.dispose();
		this.#pause = undefined;
	}

	/** Search the buffer afresh and step from `from` in `direction`; the match found comes into view. */
	#go(needle: Needle, query: string, from: BufferMatch | undefined, direction: 1 | -1): void {
		const matches = bufferMatches(this.#terminal.buffer.active, this.#terminal.cols, needle);
		const index = stepMatch(matches, from, direction);
		const current = matches[index];
		this.#search = {needle, current, state: {query, index: index + 1, count: matches.length}};
		if (current) {
			this.#reveal(current.line);
		}

		this.#changed();
	}

	/** Scroll so buffer line `y` is in view (in the middle when the view must move). */
	#reveal(y: number): void {
		const buffer = this.#terminal.buffer.active;
		const {rows} = this.#terminal;
		if (y >= buffer.viewportY && y < buffer.viewportY + rows) {
			return;
		}

		const top = Math.max(0, Math.min(buffer.baseY, y - Math.floor(rows / 2)));
		this.#terminal.scrollToLine(top);
		if (top === buffer.baseY) {
			this.#dropPause();
		}
	}
}
