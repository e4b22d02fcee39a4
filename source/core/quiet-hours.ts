/**
 * Quiet hours: windows of local wall-clock time in which no run may start (`"22:00-07:00"`,
 * `"mon-fri 22:00-07:00"`, `"sat,sun 00:00-24:00"`).
 *
 * Times are read with the local `getDay`/`getHours`/`getMinutes` of the `Date` passed in, so `now` is
 * always an argument. Daylight saving time is not special-cased: a window is wall-clock minutes, so on
 * the night the clocks change it lasts an hour more or less, and a boundary that falls in the skipped
 * hour resolves the way `new Date(y, m, d, h, min)` resolves it (usually an hour later).
 */

/** One quiet window: on each of `days`, from `startMinute` (inclusive) to `endMinute` (exclusive). */
export type QuietWindow = {
	/** Local weekdays the window starts on, 0 = Sunday … 6 = Saturday. */
	readonly days: ReadonlySet<number>;
	/** Minutes after local midnight, 0-1439. */
	readonly startMinute: number;
	/**
	 * Minutes after local midnight, 0-1440. Less than `startMinute` when the window crosses midnight: it
	 * then ends on the next day, and still belongs to the weekday it starts on.
	 */
	readonly endMinute: number;
};

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const fullDayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const allDays: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 5, 6]);
const minutesPerDay = 1440;
const shape = /^(.*?)\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/**
 * Parse one window: optional weekdays, then `HH:MM-HH:MM` (local time, end exclusive).
 *
 * Weekdays are a comma-separated list of names (`sun`…`sat` or full names, any case) and ranges
 * (`mon-fri`; `fri-mon` wraps through the weekend); none means every day. `24:00` is allowed as an
 * end only. A window whose end is before its start crosses midnight.
 *
 * @throws Error naming the text and the fault, e.g. `quiet hours "25:00-07:00": hour 25 is not 0-24`.
 */
export function parseQuietWindow(text: string): QuietWindow {
	const fail = (why: string): never => {
		throw new Error(`quiet hours "${text}": ${why}`);
	};

	const match = shape.exec(text.trim());
	if (!match) {
		return fail('expected [days] HH:MM-HH:MM, e.g. "22:00-07:00" or "mon-fri 22:00-07:00"');
	}

	const [, daysText = '', startHour = '', startMin = '', endHour = '', endMin = ''] = match;
	const startMinute = minuteOfDay(startHour, startMin, fail);
	const endMinute = minuteOfDay(endHour, endMin, fail);
	if (startMinute === minutesPerDay) {
		fail('a window cannot start at 24:00');
	}

	if (startMinute === endMinute) {
		// Empty or whole day? Ambiguous, so refuse rather than guess.
		fail(`start and end are both ${startHour}:${startMin} (write 00:00-24:00 for a whole day)`);
	}

	const days = daysText === '' ? allDays : parseDays(daysText, fail);
	return {days, startMinute, endMinute};
}

function minuteOfDay(hourText: string, minuteText: string, fail: (why: string) => never): number {
	const hour = Number(hourText);
	const minute = Number(minuteText);
	if (hour > 24) {
		fail(`hour ${hour} is not 0-24`);
	}

	if (minute > 59) {
		fail(`minute ${minute} is not 0-59`);
	}

	if (hour === 24 && minute > 0) {
		fail(`${hourText}:${minuteText} is past 24:00`);
	}

	return hour * 60 + minute;
}

function parseDays(text: string, fail: (why: string) => never): ReadonlySet<number> {
	const days = new Set<number>();
	for (const item of text.split(',').map((part) => part.trim())) {
		const [from, to, ...rest] = item.split('-').map((part) => dayIndex(part.trim(), fail));
		if (from === undefined || rest.length > 0) {
			fail(`"${item}" is not a day or a range of days like mon-fri`);
		}

		// A range walks forward from its first day, so fri-mon is fri, sat, sun, mon.
		for (let day = from; ; day = (day + 1) % 7) {
			days.add(day);
			if (day === (to ?? from)) {
				break;
			}
		}
	}

	return days;
}

function dayIndex(name: string, fail: (why: string) => never): number {
	const lower = name.toLowerCase();
	const index = Math.max(dayNames.indexOf(lower as (typeof dayNames)[number]), fullDayNames.indexOf(lower));
	return index === -1 ? fail(`unknown day "${name}" (use ${dayNames.join(', ')})`) : index;
}

/** Local minute of the day of `date`, 0-1439 (seconds are dropped: minute resolution). */
const minuteOf = (date: Date): number => date.getHours() * 60 + date.getMinutes();

/** Local midnight of the day `offset` days from `date`'s day, plus `minute` minutes, as wall-clock time. */
const localAt = (date: Date, offset: number, minute: number): Date =>
	new Date(date.getFullYear(), date.getMonth(), date.getDate() + offset, 0, minute);

/** When `window` covers `at`, the instant it ends (the first minute after it), else undefined. */
function windowEnd(window: QuietWindow, at: Date): Date | undefined {
	const {days, startMinute: start, endMinute: end} = window;
	const day = at.getDay();
	const minute = minuteOf(at);
	if (start < end) {
		return days.has(day) && minute >= start && minute < end ? localAt(at, 0, end) : undefined;
	}

	// Crosses midnight: the evening part starts today, the morning part started yesterday.
	if (days.has(day) && minute >= start) {
		return localAt(at, 1, end);
	}

	return days.has((day + 6) % 7) && minute < end ? localAt(at, 0, end) : undefined;
}

/** Whether `now` (read in local time) is inside any of `windows`. */
export function isQuiet(windows: readonly QuietWindow[], now: Date): boolean {
	return windows.some((window) => windowEnd(window, now) !== undefined);
}

/** Longer than a week, so a chain of windows this long can only mean they cover every minute of it. */
const searchLimitMs = 8 * 24 * 3_600_000;

/**
 * The first instant at or after `now` outside every window: `now` itself when it is not quiet, else
 * the end of the covering window, following adjacent or overlapping windows until one ends in a free
 * minute. Minute resolution: an answer other than `now` is always on a whole minute.
 *
 * @returns undefined when the windows cover the whole week (no run could ever start).
 */
export function nextAllowedStart(windows: readonly QuietWindow[], now: Date): Date | undefined {
	let at = now;
	while (at.getTime() - now.getTime() <= searchLimitMs) {
		const ends = windows.flatMap((window) => windowEnd(window, at) ?? []);
		if (ends.length === 0) {
			return at;
		}

		const latest = Math.max(...ends.map((end) => end.getTime()));
		// A wall-clock end can fall at or before `at` when the clocks go back; step a minute instead.
		const step = Math.floor(at.getTime() / 60_000) * 60_000 + 60_000;
		at = new Date(Math.max(latest, step));
	}

	return undefined;
}
