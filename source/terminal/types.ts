/** Shared shapes of the terminal layer. */

/** Size of a terminal in cells. */
export type TerminalSize = {readonly cols: number; readonly rows: number};

/** How to create a {@link TerminalScreen}. */
export type TerminalScreenOptions = TerminalSize & {
	/** Lines kept above the viewport; bounds the emulator's memory. Default 5000 lines. */
	readonly scrollback?: number;
};
