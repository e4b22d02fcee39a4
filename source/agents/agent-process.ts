/**
 * The typed adapter every agent runner returns (STYLE.md §13): the engine and the run session talk to a
 * process only through this, never to node-pty directly.
 */

/** A registration that can be undone. */
export type Disposable = {dispose(): void};

/** How a process ended. Exactly one of the two is non-null. */
export type AgentExit = {
	/** Exit status 0-255, or null when the process died by a signal. */
	readonly code: number | null;
	/** Signal name (`SIGKILL`), or null when the process exited by itself. */
	readonly signal: string | null;
};

/** What to run in a pty. */
export type PtySpec = {
	/** Program to run: a path, or a name looked up on `env.PATH`. Never parsed by a shell. */
	readonly file: string;
	/** Arguments, each passed to the program as one argv element, unchanged (S2). */
	readonly args: readonly string[];
	/** Working directory; must exist. */
	readonly cwd: string;
	/** The program's whole environment (nothing is inherited implicitly). `TERM` defaults to `xterm-256color`. */
	readonly env: Readonly<Record<string, string>>;
	/** Terminal width in cells. */
	readonly cols: number;
	/** Terminal height in cells. */
	readonly rows: number;
	/**
	 * Run the program under the exit wrapper (default true), which holds the pty open until its last
	 * output has been read (microsoft/node-pty#72); false runs it bare (measurements only).
	 */
	readonly wrapper?: boolean;
};

/** A running agent process. */
export type AgentProcess = {
	/** Process id of the pty's child; it leads its own session and process group (pgid = pid). */
	readonly pid: number;
	/** Sends input (keystrokes, pasted text) to the program; ignored after exit. */
	write(data: string): void;
	/** Resizes the pty in cells (the program gets SIGWINCH); ignored once the pty is closed. */
	resize(cols: number, rows: number): void;
	/** Stops reading output, so the program blocks on a full pty buffer (backpressure). */
	pause(): void;
	/** Reads output again after `pause()`. */
	resume(): void;
	/** Output as UTF-8 decoded text (invalid bytes become U+FFFD), chunk by chunk. */
	onData(listener: (data: string) => void): Disposable;
	/**
	 * Called once, after the process ended and its output has drained (every `onData` call comes
	 * before). Registering after the exit calls the listener on the next tick.
	 */
	onExit(listener: (exit: AgentExit) => void): Disposable;
	/** Sends `signal` (default SIGTERM) to the whole process group; a no-op once the group is gone. */
	kill(signal?: NodeJS.Signals): void;
};
