/** Shared shapes of the terminal layer. */

/** Size of a terminal in cells. */
export type TerminalSize = {readonly cols: number; readonly rows: number};

/** How to create a {@link TerminalScreen}. */
export type TerminalScreenOptions = TerminalSize & {
	/** Lines kept above the viewport; bounds the emulator's memory. Default 5000 lines. */
	readonly scrollback?: number;
};

/** What a pane draws: a headless terminal's viewport. */
export type ScreenView = {
	/** Bumped on every change of the visible cells; equal versions mean equal rows. */
	readonly version: number;
	readonly cols: number;
	readonly rows: number;
	/**
	 * The viewport as `rows` strings, each exactly `cols` cells wide (by the emulator's cell widths),
	 * carrying its own SGR codes and ending in `ESC[0m`.
	 */
	getRows(): readonly string[];
	/** Resize the terminal (and the pty behind it) in cells. */
	resize(cols: number, rows: number): void;
	/**
	 * Input modes the program in the terminal turned on, when the emulator knows them (xterm's
	 * `terminal.modes`). Insert mode reads them to send keys as that program expects; absent, keys go
	 * as they came.
	 */
	readonly inputModes?: InputModes;
	/** Scrolling back through the output and searching it, when the emulator keeps a scrollback. */
	readonly scrollback?: Scrollback;
};

/** Where a scroll goes: a number of lines (negative: back, into older output), or an end. */
export type ScrollTarget = number | 'top' | 'bottom';

/** A search of a terminal's buffer, as its title shows it. */
export type SearchState = {
	readonly query: string;
	/** 1-based position of the current match among `count`; 0 when nothing matched. */
	readonly index: number;
	readonly count: number;
};

/**
 * A terminal's scrollback as a person uses it: scroll back while the program keeps writing (the view
 * stays on the same lines), pause and resume following, and search with every match in view
 * highlighted. Each change bumps the screen's version, so the pane redraws.
 */
export type Scrollback = {
	/** Lines between the top of the view and the top of the newest screenful; 0 at the bottom. */
	readonly linesBack: number;
	/** The view moves with new output: at the bottom and not paused. */
	readonly following: boolean;
	scroll(by: ScrollTarget): void;
	/** Not following: go to the bottom and follow. Following: pause, keeping the view where it is. */
	toggleFollow(): void;
	/**
	 * Search the whole buffer for `query` (ignoring case unless it has a capital letter), highlight the
	 * matches in view, and bring the newest match into view. An empty query clears the search.
	 */
	find(query: string): SearchState | undefined;
	/** Go to the next newer (`1`) or older (`-1`) match, wrapping around; the buffer is searched afresh. */
	nextMatch(direction: 1 | -1): void;
	/** Drop the search and its highlights (the view stays where it is). */
	clearSearch(): void;
	/** The search in force, if any. */
	readonly search: SearchState | undefined;
};

/** Terminal modes that change what bytes a program expects from the keyboard. */
export type InputModes = {
	/** DECCKM (`ESC[?1h`): arrows, Home and End are sent as `ESC O A` rather than `ESC [ A`. */
	readonly applicationCursorKeys: boolean;
	/** Mode 2004 (`ESC[?2004h`): a paste is wrapped in `ESC[200~` … `ESC[201~`. */
	readonly bracketedPaste: boolean;
};
