/** The wall clock behind elapsed times on cards and pane titles. */
import {useEffect, useState} from 'react';

/** What the frame clock knows of the dashboard's data (the store, pane output). */
export type DataActivity = {
	/** Ms since the epoch (`Date.now()`) of the last change; -Infinity before any. */
	lastChangeAt(): number;
	/** Ms since the epoch of the latest data frame that committed (it redrew the times too). */
	lastCommitAt(): number;
	/**
	 * Calls `listener` after each change (called often under load: keep it cheap); returns the
	 * unsubscribe function. With it, the clock sleeps while nothing changes instead of looking every
	 * second.
	 */
	onChange?(listener: () => void): () => void;
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
 * second of it. With `activity.onChange` the clock wakes only when a move may be due (a second after
 * a change, or a quiet minute after the last move), so an idle dashboard wakes once a minute; without
 * it, it looks every second. Without `activity` it moves every second. Inactive, it does not move at
 * all; the first tick after activation comes at once.
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

		const onChange = activity?.onChange?.bind(activity);
		if (activity && onChange) {
			return sleepUntilDue(activity, onChange, () => movedAt, tick);
		}

		const second = () => {
			if (!activity) {
				tick();
				return;
			}

			if (isDue(activity, Math.max(movedAt, activity.lastCommitAt()))) {
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

/** Whether the clock should move now, the times last shown being from `shown` (ms since the epoch). */
function isDue(activity: DataActivity, shown: number): boolean {
	const since = Date.now() - shown;
	return (
		since >= quietTickMs - slackMs || (since >= busyTickMs - slackMs && activity.lastChangeAt() >= shown)
	);
}

/**
 * Drive `tick` (at once, then whenever {@link isDue}) from deadlines instead of a one-second poll:
 * a second after the first change since the times were last shown, or a quiet minute after they were.
 * A change while asleep until the quiet minute brings the deadline forward. Returns the cleanup.
 */
function sleepUntilDue(
	activity: DataActivity,
	onChange: (listener: () => void) => () => void,
	movedAt: () => number,
	tick: () => void,
): () => void {
	let timer: NodeJS.Timeout | undefined;
	let quiet = false;
	const shown = () => Math.max(movedAt(), activity.lastCommitAt());
	const arm = () => {
		clearTimeout(timer);
		const at = shown();
		const changedAt = activity.lastChangeAt();
		quiet = changedAt < at;
		// After a change, a second's wait: a data frame that commits meanwhile carries the time itself.
		const due = quiet ? at + quietTickMs : Math.max(at, changedAt) + busyTickMs;
		timer = setTimeout(check, Math.max(0, due - Date.now()));
	};

	const check = () => {
		if (isDue(activity, shown())) {
			tick();
		}

		arm();
	};

	const unsubscribe = onChange(() => {
		if (quiet) {
			arm();
		}
	});
	timer = setTimeout(() => {
		tick();
		arm();
	}, 0);
	return () => {
		clearTimeout(timer);
		unsubscribe();
	};
}
