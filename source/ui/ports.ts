/**
 * What the UI needs from the rest of the program, as interfaces. The store, the engine and the command
 * registry implement them; tests pass fakes. The UI never imports an adapter directly.
 */
import type {JobEvent} from '../core/events.js';
import type {Board} from '../core/reduce.js';
import type {ScreenView} from '../terminal/types.js';

/** A problem the store met while reading a log (a torn or invalid line), shown on the card and status bar. */
export type StoreWarning = {
	/** Job the file belongs to, when known. */
	readonly jobId?: string;
	/** Absolute path of the file. */
	readonly file: string;
	/** 1-based line number in the file. */
	readonly line: number;
	readonly message: string;
};

/** An immutable view of the store: replaced, never mutated, when anything changes. */
export type StoreSnapshot = {
	readonly board: Board;
	readonly warnings: readonly StoreWarning[];
	/** A persistent error (e.g. the disk is full), shown until cleared. */
	readonly error?: string;
};

/** A job's events read from its log after byte `offset`, and the offset to read on from. */
export type EventBatch = {readonly events: readonly JobEvent[]; readonly offset: number};

/** The store as `useSyncExternalStore` wants it. */
export type BoardSource = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): StoreSnapshot;
	/**
	 * The events of `jobId`'s log after byte `offset` (0, or an offset it returned), for the job detail
	 * view's timeline; the job store has it. Absent, the detail view shows no timeline.
	 *
	 * @throws Error for an unreadable log (the view shows the message).
	 */
	readEventsFrom?(jobId: string, offset: number): EventBatch;
};

/** What a pane draws, and the keyboard modes it reads: defined by the terminal layer. */
export type {InputModes, ScreenView} from '../terminal/types.js';

/** One pane: a run's terminal and what its title shows. */
export type PaneInfo = {
	readonly jobId: string;
	/** Run number, 1-based. */
	readonly run: number;
	readonly agent: string;
	/** ISO 8601 start time, for the elapsed clock. */
	readonly startedAt: string;
	/** ISO 8601 end time once the process exited. */
	readonly endedAt?: string;
	readonly exitCode?: number | null;
	readonly screen: ScreenView;
	/**
	 * Sends keyboard input (raw terminal bytes: keys, escape sequences, pasted text) to the run's agent;
	 * absent once the run ended. For a run of another process it travels as `job.input` events.
	 */
	readonly write?: (data: string) => void;
};

/** The panes this process can show, in display order. */
export type PaneSource = {
	/** Called when a pane is added or removed, or any pane's screen changed. */
	subscribe(listener: () => void): () => void;
	/** Current panes; a new array only when panes were added or removed. */
	getPanes(): readonly PaneInfo[];
};

/** What running one REPL line produced. */
export type CommandOutcome = {
	/** 0 success, 1 refused (unknown id, conflict), 2 usage error. */
	readonly exitCode: number;
	/** Text to print in the REPL's output area (may be several lines). */
	readonly output: string;
	/** The command asked the dashboard to quit. */
	readonly quit?: boolean;
	/** The command that ran (its registry name), when one did: `search` results become a list. */
	readonly command?: string;
	/** What the command returned as data (what `--json` prints). */
	readonly data?: unknown;
};

/** Runs a REPL line through the same command registry as the CLI. */
export type CommandRunner = (line: string) => Promise<CommandOutcome>;

/** Messages that arrive while the dashboard is open (engine failures, watcher fallbacks): the latest is shown. */
export type NoticeSource = {
	subscribe(listener: () => void): () => void;
	/** The latest notice, or `undefined`; the same value until a new notice arrives. */
	getSnapshot(): string | undefined;
};
