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
};

/** Terminal modes that change what bytes a program expects from the keyboard. */
export type InputModes = {
	/** DECCKM (`ESC[?1h`): arrows, Home and End are sent as `ESC O A` rather than `ESC [ A`. */
	readonly applicationCursorKeys: boolean;
	/** Mode 2004 (`ESC[?2004h`): a paste is wrapped in `ESC[200~` … `ESC[201~`. */
	readonly bracketedPaste: boolean;
};
