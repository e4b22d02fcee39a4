/**
 * The alternate screen, entered before the first frame and always left: on a normal exit, on SIGINT
 * and SIGTERM, on an uncaught exception and on an unhandled rejection. Ink 6 has no option for it
 * (PITFALLS.md), and a crash that leaves the user's terminal in the alternate screen with no cursor,
 * raw mode on and mouse reporting on is the worst way to fail (FAULTS.md R20).
 */

/**
 * Enter the alternate screen, hide the cursor (Ink draws its own), and turn bracketed paste on: a paste
 * then arrives wrapped in `ESC[200~` … `ESC[201~`, which insert mode passes on so an agent sees a
 * paste (not typing that ends in Enter), and the normal keys drop.
 */
export const enterSequence = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l\u001B[?2004h';

/**
 * Mouse reporting, written after {@link enterSequence} when the mouse is on (`ui.mouse`): presses,
 * releases and the wheel (mode 1000, no motion, so moving the mouse sends nothing), reported in SGR
 * form (1006: `ESC[<b;x;yM`, no 223-column limit). {@link leaveSequence} turns it off again.
 */
export const mouseOnSequence = '\u001B[?1000h\u001B[?1006h';

/**
 * Undo everything a full-screen program may have turned on: mouse reporting (X10, button, any-motion,
 * SGR encoding), bracketed paste, a hidden cursor; then leave the alternate screen, which restores what
 * the terminal showed before.
 */
export const leaveSequence =
	'\u001B[?1000l\u001B[?1002l\u001B[?1003l\u001B[?1006l\u001B[?2004l\u001B[?25h\u001B[?1049l';

/** The streams screen mode writes to and resets. */
export type ScreenStreams = {
	readonly stdout: {write(chunk: string): unknown};
	readonly stdin?: {readonly isTTY?: boolean; setRawMode?(mode: boolean): unknown};
	/** Turn mouse reporting on with the screen (default off). */
	readonly mouse?: boolean;
};

/** Enter and leave the alternate screen. Both are idempotent. */
export type ScreenMode = {
	enter(): void;
	/** Leave (and turn raw mode off). Does nothing unless entered. */
	leave(): void;
	readonly entered: boolean;
};

/** Screen mode over `streams`. */
export function createScreenMode(streams: ScreenStreams): ScreenMode {
	let entered = false;
	return {
		enter() {
			if (!entered) {
				entered = true;
				streams.stdout.write(streams.mouse ? enterSequence + mouseOnSequence : enterSequence);
			}
		},
		leave() {
			if (!entered) {
				return;
			}

			entered = false;
			try {
				if (streams.stdin?.isTTY) {
					streams.stdin.setRawMode?.(false);
				}
			} finally {
				streams.stdout.write(leaveSequence);
			}
		},
		get entered() {
			return entered;
		},
	};
}

/** The slice of `process` the guards use; a fake in tests. */
export type GuardedProcess = {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	off(event: string, listener: (...args: unknown[]) => void): unknown;
	exit(code?: number): void;
};

/** What {@link guardScreen} needs. */
export type GuardOptions = {
	readonly screen: ScreenMode;
	/** Where the error that ended the program is printed, after the screen is restored. */
	readonly stderr: {write(chunk: string): unknown};
	/** Runs before leaving (unmount Ink, so its last frame lands in the alternate screen, not after it). */
	readonly beforeLeave?: () => void;
	readonly process?: GuardedProcess;
};

/** An error as people read it: the stack when there is one. */
export function describeError(error: unknown): string {
	if (error instanceof Error) {
		return `${error.stack ?? `${error.name}: ${error.message}`}\n`;
	}

	return `${String(error)}\n`;
}

/**
 * Leave the screen whatever ends the program. Signals exit with 128 + the signal number; an uncaught
 * exception or unhandled rejection prints its error after restoring and exits with 1; the `exit` event
 * restores as a last resort when someone calls `process.exit` directly.
 *
 * @returns a function removing every listener it added (call it after a normal exit).
 */
export function guardScreen(options: GuardOptions): () => void {
	const target: GuardedProcess = options.process ?? process;
	const restore = () => {
		try {
			options.beforeLeave?.();
		} catch {
			// Unmounting a broken tree may throw again; the terminal matters more.
		} finally {
			options.screen.leave();
		}
	};

	const fatal = (error: unknown) => {
		restore();
		options.stderr.write(describeError(error));
		target.exit(1);
	};

	const signalled = (code: number) => () => {
		restore();
		target.exit(code);
	};

	const handlers: Array<[string, (...args: unknown[]) => void]> = [
		['SIGINT', signalled(130)],
		['SIGTERM', signalled(143)],
		['uncaughtException', fatal],
		['unhandledRejection', fatal],
		['exit', () => options.screen.leave()],
	];
	for (const [event, handler] of handlers) {
		target.on(event, handler);
	}

	return () => {
		for (const [event, handler] of handlers) {
			target.off(event, handler);
		}
	};
}
