/** The wall clock behind elapsed times on cards and pane titles. */
import {useEffect, useState} from 'react';

/**
 * The current time in milliseconds, ticking once a second while `active` (some run is going on) and
 * not at all otherwise: each tick is a full commit (~20 ms), so an idle board must not tick.
 *
 * The value is stale while inactive; the first tick after activation comes at once.
 */
export function useElapsedClock(active: boolean): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!active) {
			return;
		}

		const tick = () => {
			setNow(Date.now());
		};

		const first = setTimeout(tick, 0);
		const interval = setInterval(tick, 1000);
		return () => {
			clearTimeout(first);
			clearInterval(interval);
		};
	}, [active]);
	return now;
}
