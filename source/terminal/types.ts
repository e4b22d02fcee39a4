/** Shared shapes of the terminal layer. */

/** Size of a terminal in cells. */
export type TerminalSize = {readonly cols: number; readonly rows: number};
