/** The quiet-hours segment as a hook that re-reads the clock once a minute, and commits only on a change. */
import {useEffect, useState} from 'react';
import type {QuietWindow} from '../../core/quiet-hours.js';
import {quietText} from './quiet-text.js';

/** The segment: its text, and whether quiet hours are on now (drawn louder than a warning ahead). */
export type QuietSegment = {readonly text: string; readonly inside: boolean};

function segmentAt(windows: readonly QuietWindow[] | undefined, now: number): QuietSegment | undefined {
	const text = windows && quietText(windows, new Date(now));
	return text === undefined ? undefined : {text, inside: !text.startsWith('quiet from')};
}

/**
 * `quiet until 07:00` / `quiet from 22:00` for `windows`, or undefined. The text can only change on a
 * minute boundary (windows have minute resolution), so it is re-evaluated just after each one, and a
 * minute that changes nothing keeps the same state: no commit, no frame. No timer without windows.
 */
export function useQuiet(
	windows: readonly QuietWindow[] | undefined,
	now: () => number = Date.now,
): QuietSegment | undefined {
	const [segment, setSegment] = useState(() => segmentAt(windows, now()));
	useEffect(() => {
		if (!windows || windows.length === 0) {
			return;
		}

		let timer: NodeJS.Timeout | undefined;
		const schedule = () => {
			// A little past the boundary, so a timer that fires a few ms early still sees the new minute.
			timer = setTimeout(tick, 60_000 - (now() % 60_000) + 20);
		};

		const tick = () => {
			const next = segmentAt(windows, now());
			setSegment((previous) =>
				previous?.text === next?.text && previous?.inside === next?.inside ? previous : next,
			);
			schedule();
		};

		tick();
		return () => {
			clearTimeout(timer);
		};
	}, [windows, now]);
	return windows && windows.length > 0 ? segment : undefined;
}
