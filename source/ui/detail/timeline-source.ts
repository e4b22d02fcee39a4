/**
 * A job's event timeline for the detail view, kept outside React: read from the job's log on a timer
 * turn (never during a render), from the byte offset it last reached, and read by the view through
 * `useSyncExternalStore`. Bounded: only the latest {@link timelineLimit} entries are kept.
 */
import {summarizeEvent} from '../../commands/event-line.js';
import type {JobEvent} from '../../core/index.js';
import type {EventBatch} from '../ports.js';

/** Entries the timeline keeps (the latest). */
export const timelineLimit = 500;

/** One event as the timeline shows it. */
export type TimelineEntry = {
	readonly id: string;
	/** ISO 8601 time of the event. */
	readonly at: string;
	readonly type: string;
	/** One line for people (`summarizeEvent`). */
	readonly text: string;
};

/** The timeline so far. A new object whenever something changed. */
export type Timeline = {
	readonly entries: readonly TimelineEntry[];
	/** Entries read but dropped from the start to keep the bound. */
	readonly dropped: number;
	/** The last read failed with this message. */
	readonly error?: string;
	/** The first read finished. */
	readonly loaded: boolean;
};

/** Reads events after a byte offset (the store's `readEventsFrom`). */
export type EventReader = (jobId: string, offset: number) => EventBatch;

/** A timeline as an external store. */
export type TimelineSource = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): Timeline;
	/** Read what the log gained, on the next timer turn (several calls before it make one read). */
	refresh(): void;
	/** Stop: a pending read is dropped and listeners are forgotten. */
	dispose(): void;
};

/** `run.output` only counts bytes every few seconds: it would drown the rest. */
function shown(event: JobEvent): boolean {
	return event.type !== 'run.output';
}

function entryOf(event: JobEvent): TimelineEntry {
	return {
		id: event.id,
		at: event.at,
		type: event.type,
		text: summarizeEvent(event).replaceAll(/[\r\n]+/g, ' '),
	};
}

/** The timeline of `jobId`, read through `read`, keeping at most `limit` entries. */
export function createTimelineSource(
	read: EventReader,
	jobId: string,
	limit = timelineLimit,
): TimelineSource {
	let snapshot: Timeline = {entries: [], dropped: 0, loaded: false};
	let offset = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const listeners = new Set<() => void>();

	const publish = (next: Timeline) => {
		snapshot = next;
		for (const listener of listeners) {
			listener();
		}
	};

	const readNow = () => {
		timer = undefined;
		try {
			const batch = read(jobId, offset);
			offset = batch.offset;
			const added = batch.events.filter((event) => shown(event)).map((event) => entryOf(event));
			if (added.length === 0 && snapshot.loaded && snapshot.error === undefined) {
				return;
			}

			const all = [...snapshot.entries, ...added];
			const cut = Math.max(0, all.length - limit);
			publish({entries: all.slice(cut), dropped: snapshot.dropped + cut, loaded: true});
		} catch (error) {
			publish({...snapshot, loaded: true, error: error instanceof Error ? error.message : String(error)});
		}
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getSnapshot: () => snapshot,
		refresh() {
			timer ??= setTimeout(readNow, 0);
		},
		dispose() {
			clearTimeout(timer);
			timer = undefined;
			listeners.clear();
		},
	};
}
