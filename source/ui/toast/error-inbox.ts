/**
 * Errors waiting to be read: jobs blocked by a failure, store errors and warnings, engine failures.
 * A toast or a notice is gone in seconds and shows one thing; the inbox keeps the recent ones and
 * counts those the person has not read, for the status bar's `! 2 errors`. Typing `errors` in the
 * REPL lists them and marks them read.
 *
 * Outside React, like the store: code outside the UI (the engine's error handler) records into it.
 */
import type {CommandRunner} from '../ports.js';

/** One recorded error. */
export type ErrorEntry = {
	/** When it was recorded, ms since the epoch. */
	readonly at: number;
	readonly message: string;
};

/** The inbox. */
export type ErrorInbox = {
	subscribe(listener: () => void): () => void;
	/** Errors recorded since the last {@link ErrorInbox.read} (what `useSyncExternalStore` reads). */
	getUnread(): number;
	/** Keep `message` (one line is shown) as unread. */
	record(message: string): void;
	/** The kept entries, oldest first, and how many of the newest were unread; marks them all read. */
	read(): {readonly entries: readonly ErrorEntry[]; readonly unread: number};
};

/** Entries kept; older ones are forgotten (their unread mark too). */
export const maxErrorEntries = 50;

/** An empty inbox; `now` is the clock for entries' times (tests inject one). */
export function createErrorInbox(now: () => number = Date.now): ErrorInbox {
	const listeners = new Set<() => void>();
	const entries: ErrorEntry[] = [];
	let unread = 0;
	const changed = () => {
		for (const listener of listeners) {
			listener();
		}
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getUnread: () => unread,
		record(message) {
			entries.push({at: now(), message});
			if (entries.length > maxErrorEntries) {
				entries.shift();
			}

			unread = Math.min(unread + 1, entries.length);
			changed();
		},
		read() {
			const result = {entries: [...entries], unread};
			if (unread > 0) {
				unread = 0;
				changed();
			}

			return result;
		},
	};
}

const pad = (n: number) => String(n).padStart(2, '0');

function time(at: number): string {
	const date = new Date(at);
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Entries listed when none is unread. */
const earlierShown = 5;

/** What `errors` prints: the unread errors, or the last few read ones. */
export function errorsReport(inbox: ErrorInbox): string {
	const {entries, unread} = inbox.read();
	const line = (entry: ErrorEntry) => `  ${time(entry.at)}  ${entry.message.split('\n')[0] ?? ''}`;
	if (unread > 0) {
		const heading = `${unread} new ${unread === 1 ? 'error' : 'errors'}:`;
		return [heading, ...entries.slice(-unread).map(line)].join('\n');
	}

	const earlier = entries.slice(-earlierShown);
	return earlier.length === 0 ? 'no errors' : ['no new errors; earlier:', ...earlier.map(line)].join('\n');
}

/**
 * `run` with the dashboard's own `errors` command in front: it reads the inbox (and marks it read)
 * instead of going to the command registry, which knows nothing of this process's inbox.
 */
export function withErrorsCommand(run: CommandRunner, inbox: ErrorInbox): CommandRunner {
	return async (line) => (line.trim() === 'errors' ? {exitCode: 0, output: errorsReport(inbox)} : run(line));
}
