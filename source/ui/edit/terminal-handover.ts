/**
 * Lending the dashboard's terminal to another program (the person's editor) and taking it back, as
 * git does with its pager and editor: leave the alternate screen, give the keyboard back (cooked mode,
 * and no reads of our own: a Node stream that keeps reading would steal the editor's keys), hold
 * Ink's frames, run the program, then re-enter, restore raw mode and repaint the whole screen.
 */
import type {Handover} from '../../commands/external-editor.js';
import type {ScreenMode} from '../screen-mode.js';

/** The input stream as the handover uses it. */
export type HandoverStdin = {
	readonly isTTY?: boolean;
	readonly isRaw?: boolean;
	setRawMode?(mode: boolean): unknown;
};

/** The output stream: its writes are held while the program has the terminal. */
export type HandoverStdout = {
	write: (...parameters: never[]) => boolean;
	emit(event: 'resize'): boolean;
};

/** What {@link createTerminalHandover} needs. */
export type HandoverOptions = {
	readonly stdin: HandoverStdin;
	readonly stdout: HandoverStdout;
	readonly screen: ScreenMode;
	/** Where SIGINT is ignored while the program runs (default: this process). */
	readonly signals?: Pick<NodeJS.Process, 'listeners' | 'on' | 'off'>;
};

/**
 * A Ctrl-C in the editor reaches the whole foreground process group: while it has the terminal the
 * dashboard's SIGINT listeners (the screen guard's, which would quit) are set aside and the signal
 * ignored, as git does around its editor.
 */
function ignoreInterrupts(signals: Pick<NodeJS.Process, 'listeners' | 'on' | 'off'>): () => void {
	const ignore = () => undefined;
	const listeners = signals.listeners('SIGINT') as Array<() => void>;
	for (const listener of listeners) {
		signals.off('SIGINT', listener);
	}

	signals.on('SIGINT', ignore);
	return () => {
		signals.off('SIGINT', ignore);
		for (const listener of listeners) {
			signals.on('SIGINT', listener);
		}
	};
}

/**
 * Node's stream keeps its file descriptor in libuv's read set while anyone might read, and every
 * `read()` a listener makes starts the reads again: the listeners are set aside and the handle's reads
 * stopped, so every key goes to the child. The handle is not public API, hence the guards.
 */
type ReadHandle = {reading?: boolean; readStop?(): number; readStart?(): number};

function pauseReads(stdin: HandoverStdin): () => void {
	const stream = stdin as HandoverStdin & Partial<NodeJS.ReadStream> & {_handle?: ReadHandle};
	const events = ['readable', 'data'] as const;
	const listeners = events.map((event) => [event, stream.listeners?.(event) ?? []] as const);
	for (const [event, list] of listeners) {
		for (const listener of list) {
			stream.removeListener?.(event, listener as () => void);
		}
	}

	const handle = stream._handle;
	const stopped = Boolean(handle?.reading && handle.readStop && handle.readStart);
	if (stopped) {
		handle!.readStop!();
		handle!.reading = false;
	}

	return () => {
		if (stopped) {
			handle!.reading = true;
			handle!.readStart!();
		}

		for (const [event, list] of listeners) {
			for (const listener of list) {
				stream.on?.(event, listener as () => void);
			}
		}
	};
}

/** A {@link Handover} over the dashboard's streams. One lending at a time; another waits its turn. */
export function createTerminalHandover(options: HandoverOptions): Handover {
	const {stdin, stdout, screen} = options;
	let queue: Promise<unknown> = Promise.resolve();
	const lend = async <T>(run: () => Promise<T>): Promise<T> => {
		const wasRaw = stdin.isTTY === true && stdin.isRaw === true;
		const restoreInterrupts = ignoreInterrupts(options.signals ?? process);
		screen.leave();
		const resumeReads = pauseReads(stdin);
		const write = stdout.write;
		// Frames Ink draws meanwhile (a pane's output) would land on the editor's screen.
		stdout.write = (() => true) as typeof stdout.write;
		try {
			return await run();
		} finally {
			stdout.write = write;
			screen.enter();
			if (wasRaw) {
				stdin.setRawMode?.(true);
			}

			resumeReads();
			restoreInterrupts();
			// Ink repaints everything on a resize (a full-screen frame starts with a clear).
			stdout.emit('resize');
		}
	};

	return async <T>(run: () => Promise<T>): Promise<T> => {
		const turn = queue.then(async () => lend(run));
		queue = turn.catch(() => undefined);
		return turn;
	};
}
