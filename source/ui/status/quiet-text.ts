/**
 * The status bar's quiet-hours segment: `quiet until 07:00` inside quiet hours (the next allowed
 * start), `quiet from 22:00` when they begin within the next two hours, nothing otherwise. Pure: the
 * time comes in, so the hook that calls it decides how often (once a minute).
 */
import {isQuiet, nextAllowedStart, type QuietWindow} from '../../core/quiet-hours.js';

/** How far ahead the start of quiet hours is announced, in ms. */
export const quietLookaheadMs = 2 * 3_600_000;

const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** `07:00` on the same local day as `now`, else `Sat 07:00` (as the scheduler's notices write it). */
export function clockText(date: Date, now: Date): string {
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	return date.toDateString() === now.toDateString() ? time : `${weekday[date.getDay()]} ${time}`;
}

/** The first whole minute after `now` and within `lookaheadMs` that is quiet, if any. */
function nextQuietStart(windows: readonly QuietWindow[], now: Date, lookaheadMs: number): Date | undefined {
	const first = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
	for (let at = first; at <= now.getTime() + lookaheadMs; at += 60_000) {
		const date = new Date(at);
		if (isQuiet(windows, date)) {
			return date;
		}
	}

	return undefined;
}

/** What the status bar says about quiet hours at `now`; undefined when there is nothing to say. */
export function quietText(
	windows: readonly QuietWindow[],
	now: Date,
	lookaheadMs = quietLookaheadMs,
): string | undefined {
	if (windows.length === 0) {
		return undefined;
	}

	if (isQuiet(windows, now)) {
		const until = nextAllowedStart(windows, now);
		return until ? `quiet until ${clockText(until, now)}` : 'quiet all week';
	}

	const start = nextQuietStart(windows, now, lookaheadMs);
	return start ? `quiet from ${clockText(start, now)}` : undefined;
}
