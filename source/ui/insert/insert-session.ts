/**
 * One stay in insert mode: the keyboard's bytes go to an agent until a leave key. Plain logic with
 * injectable timers, so the Esc timing is tested without rendering.
 *
 * Esc is both a key agents need (vim-like prompts, Claude Code's "interrupt") and half of the way out.
 * A lone Esc is held for the escape window: a second Esc within it leaves insert mode and neither is
 * sent; any other key sends the held Esc first, then itself; when the window passes, the Esc is sent on
 * its own. Two Escapes arriving in one chunk (a script, `tmux send-keys Escape Escape`) leave at once.
 * The instant leave key (Ctrl-]) leaves wherever it is in a chunk; the bytes before it go to the agent,
 * the bytes after it are handed back to the normal keys.
 *
 * A paste arrives wrapped in `ESC[200~` … `ESC[201~` (the dashboard turns bracketed paste on); it is
 * sent as it came, markers included unless the agent's terminal says it did not ask for them, and
 * nothing inside it counts as a leave key.
 */
import {forMode} from '../keys/encode-key.js';
import type {InputModes} from '../ports.js';

/** Default escape window: how long a lone Esc waits for a second one, in ms. */
export const defaultEscapeWindow = 300;

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

/** Timer functions, injectable for tests. */
export type SessionTimers = {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

const realTimers: SessionTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What a session needs. */
export type InsertSessionOptions = {
	/** Sends bytes to the agent. */
	write(data: string): void;
	/** Called once when a leave key was pressed: give the keyboard back. */
	leave(): void;
	/** The byte pressed twice to leave (Esc). */
	readonly chord: string;
	/** Bytes that leave at once (Ctrl-]). */
	readonly instant: readonly string[];
	/** The agent terminal's input modes, read at each key (they change while the agent runs). */
	modes?(): InputModes | undefined;
	/** See {@link defaultEscapeWindow}. */
	readonly escapeWindowMs?: number;
	readonly timers?: SessionTimers;
};

/** A running session. */
export type InsertSession = {
	/**
	 * Feed the bytes of one key or chunk.
	 *
	 * @returns `undefined` while still in insert mode; after a leave key, the bytes that followed it
	 *   (maybe `''`), which are not the agent's.
	 */
	feed(raw: string): string | undefined;
	/** Stop: drop a held Esc and its timer. Later bytes are handed back untouched. */
	dispose(): void;
};

/** Index and length of the first instant leave key in `text`, if any. */
function findInstant(text: string, instant: readonly string[]): {at: number; length: number} | undefined {
	let found: {at: number; length: number} | undefined;
	for (const bytes of instant) {
		const at = bytes === '' ? -1 : text.indexOf(bytes);
		if (at >= 0 && (found === undefined || at < found.at)) {
			found = {at, length: bytes.length};
		}
	}

	return found;
}

/** Start a session. */
export function createInsertSession(options: InsertSessionOptions): InsertSession {
	const {chord, instant, timers = realTimers, escapeWindowMs = defaultEscapeWindow} = options;
	let closed = false;
	let inPaste = false;
	let held: unknown;

	const send = (data: string) => {
		if (data !== '') {
			options.write(data);
		}
	};

	/** Send a held Esc now (another key came), or drop it (`send` false). */
	const release = (sendIt: boolean) => {
		if (held === undefined) {
			return false;
		}

		timers.clearTimeout(held);
		held = undefined;
		if (sendIt) {
			send(chord);
		}

		return true;
	};

	const leave = (rest: string) => {
		closed = true;
		release(false);
		options.leave();
		return rest;
	};

	const sendPasteMarker = (marker: string) => {
		// Unknown modes: send it as it came. Known and off: the program would read the marker as text.
		if (options.modes?.()?.bracketedPaste !== false) {
			send(marker);
		}
	};

	return {
		feed(raw) {
			if (closed) {
				return raw;
			}

			if (inPaste || raw === pasteStart || raw === pasteEnd) {
				release(true);
				inPaste = raw === pasteStart || (inPaste && raw !== pasteEnd);
				if (raw === pasteStart || raw === pasteEnd) {
					sendPasteMarker(raw);
				} else {
					send(raw);
				}

				return undefined;
			}

			if (release(raw !== chord) && raw === chord) {
				return leave('');
			}

			if (raw === chord + chord) {
				return leave('');
			}

			if (raw === chord) {
				held = timers.setTimeout(() => {
					held = undefined;
					send(chord);
				}, escapeWindowMs);
				return undefined;
			}

			const found = raw.startsWith('\u001B') ? undefined : findInstant(raw, instant);
			if (found) {
				send(raw.slice(0, found.at));
				return leave(raw.slice(found.at + found.length));
			}

			send(forMode(raw, options.modes?.()));
			return undefined;
		},
		dispose() {
			closed = true;
			release(false);
		},
	};
}
