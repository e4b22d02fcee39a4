/** The wall clock behind elapsed times on cards and pane titles. */
import {useEffect, useState} from 'react';

/** What the frame clock knows of the dashboard's data (the store, pane output). */
export type DataActivity = {
	/** Ms since the epoch (`Date.now()`) of the last change; -Infinity before any. */
	lastChangeAt(): number;
	/** Ms since the epoch of the latest data frame that committed (it redrew the times too). */
	lastCommitAt(): number;
};

/** How often the clock moves while nothing changes, in ms: elapsed times then have minute resolution. */
export const quietTickMs = 60_000;

/** How often the clock may move while data changes, in ms. */
const busyTickMs = 1000;

/** Timers fire a little late or early: a move due within this many ms counts as due, in ms. */
const slackMs = 50;

/**
 * The current time in milliseconds for elapsed times, while `active` (some run is going on).
 *
 * Each move is a full Ink commit (~20–35 ms at 200×50), and agents waiting for a person print nothing
 * for minutes: ticking every second would be the idle dashboard's whole CPU cost (B10). So the clock
 * moves at most once a second and only when something changed since it last moved (`activity`: board
 * events, pane output), otherwise once every {@link quietTickMs}; and a data frame that commits anyway
 * carries the time along (its tick time is returned), so the clock's own commit is skipped within a
 * second of it. Without `activity` it moves every second. Inactive, it does not move at all; the
 * first tick after activation comes at once.
 */
export function useElapsedClock(active: boolean, activity?: DataActivity): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!active) {
			return;
		}

		let movedAt = Number.NEGATIVE_INFINITY;
		const tick = () => {
			movedAt = Date.now();
			setNow(movedAt);
		};

		const second = () => {
			if (!activity) {
				tick();
				return;
			}

			const shown = Math.max(movedAt, activity.lastCommitAt());
			const since = Date.now() - shown;
			if (
				since >= quietTickMs - slackMs ||
				(since >= busyTickMs - slackMs && activity.lastChangeAt() >= shown)
			) {
				tick();
			}
		};

		const first = setTimeout(tick, 0);
		const interval = setInterval(second, busyTickMs);
		return () => {
			clearTimeout(first);
			clearInterval(interval);
		};
	}, [active, activity]);
	// Read per render, not remembered: a commit of the frame clock moves it without a state change.
	return active && activity ? Math.max(now, activity.lastCommitAt()) : now;
}
