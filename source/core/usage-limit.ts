/**
 * "Usage limit reached, resets at 3pm": find an agent's usage-limit message on its screen and when the
 * limit lifts, so the loop can pause the job until then instead of burning restarts.
 *
 * Real messages this reads (from the agents' issue trackers):
 * - Claude Code: `Claude AI usage limit reached|1760000400` (epoch seconds), and
 *   `Claude usage limit reached. Your limit will reset at 3pm (America/Santiago).`
 * - Codex CLI: `You've hit your usage limit. … or try again in 4 days 6 hours 37 minutes.` and
 *   `… to purchase more credits or try again at 6:44 PM.`
 * - Gemini CLI: `Usage limit reached for gemini-3-flash-preview. Access resets at 10:57 PM GMT-3.`
 *
 * Natural-language times are chrono-node's; this module adds the epoch form, IANA zones in
 * parentheses and the choice among several times on a line. Pure: `now` always comes in.
 */
import * as chrono from 'chrono-node';

/** Wait this long when a limit message names no usable reset time: 1 h, in ms. */
export const defaultUsageLimitFallbackMs = 3_600_000;

/** Longest line handed to the time parser, in characters; a screen row is far shorter. */
const maxLineLength = 2000;

/**
 * When `text` (screen text) says a usage limit was hit, the time it resets (a Date after `now`), else
 * undefined. `pattern` detects the limit message (from config); the reset time is searched in the
 * matched line and the following line. When the message gives no time, `fallbackMs` (default 1 h) after now.
 *
 * `pattern` is tested against each line (a `g`/`y` flag is ignored); the last matching line wins, as
 * the newest message is at the bottom. The line and the next are joined with a space before parsing,
 * because terminals wrap long messages (`Your limit will reset` / `at 3pm (America/Santiago).`).
 * A reset time that is not after `now` (a stale message) counts as none. `message` is the matched
 * line, trimmed.
 */
export function detectUsageLimit(
	text: string,
	pattern: RegExp,
	now: Date,
	options: {fallbackMs?: number} = {},
): {resetAt: Date; message: string} | undefined {
	const detector = new RegExp(pattern.source, pattern.flags.replaceAll(/[gy]/g, ''));
	const lines = text.split(/\r?\n/);
	for (let index = lines.length - 1; index >= 0; index--) {
		const line = lines[index]!;
		if (!detector.test(line)) {
			continue;
		}

		const context = `${line.trim()} ${lines[index + 1]?.trim() ?? ''}`;
		const resetAt =
			parseResetTime(context, now) ??
			new Date(now.getTime() + (options.fallbackMs ?? defaultUsageLimitFallbackMs));
		return {resetAt, message: line.trim()};
	}

	return undefined;
}

/**
 * Parse a reset time from a line: "resets at 3pm", "resets 3pm (Europe/Berlin)", "try again in 2 hours",
 * "resets at 15:00", "Please try again at 4:30 PM", "reset in 45m", ISO timestamps, unix epoch seconds
 * as in Claude's `Claude AI usage limit reached|1735660800`. A time of day that has already passed
 * today means tomorrow. Returns undefined when no time is found.
 *
 * Details:
 * - `|` followed by 10 digits is epoch seconds, by 13 digits epoch ms; it wins over any other time.
 * - A time is in the offset written with it (`10:57 PM GMT-3`), else in the IANA zone named in
 *   parentheses on the line (`(Europe/Berlin)`, `(Etc/GMT+5)`, DST included), else in this machine's
 *   local zone.
 * - Durations (`in 2h 30m`, `in 4 days 6 hours`, `retry in 15.3s`) count from `now`.
 * - When the line holds several times, the first one after a cue word (`reset`, `again`, `retry`,
 *   `until`, …) wins over a bare one (`5h limit … resets 3am` → 3am).
 * - Only times after `now` count: a stale absolute time is treated as no time.
 * - URLs are ignored (their digits are not times).
 */
export function parseResetTime(line: string, now: Date): Date | undefined {
	const epoch = /\|\s*(\d{10}|\d{13})(?!\d)/.exec(line);
	if (epoch) {
		const value = Number(epoch[1]);
		const date = new Date(epoch[1]!.length === 10 ? value * 1000 : value);
		return date.getTime() > now.getTime() ? date : undefined;
	}

	const cleaned = line.slice(0, maxLineLength).replaceAll(/\bhttps?:\/\/\S+/gi, ' ');
	const named = namedZone(cleaned);
	const zone = named === undefined ? localZone : ianaZone(named);
	const reference = named === undefined ? now : {instant: now, timezone: zone.offsetAt(now.getTime())};

	let fallback: Date | undefined;
	for (const result of chrono.parse(cleaned, reference, {forwardDate: true})) {
		const date = resolve(result, now, zone);
		if (date.getTime() <= now.getTime()) {
			continue;
		}

		if (cuePrecedes(cleaned, result.index)) {
			return date;
		}

		fallback ??= date;
	}

	return fallback;
}

/** Words that announce the reset time, looked for just before a parsed time. */
const cue = /\b(?:reset|resets|again|retry|until|after|available|wait|in|at)\b[^a-z0-9]*$/i;

function cuePrecedes(text: string, index: number): boolean {
	return cue.test(text.slice(Math.max(0, index - 24), index));
}

/** A time zone as far as this module needs one: its offset east of UTC, in minutes, at an instant (ms). */
type Zone = {offsetAt(instant: number): number};

const localZone: Zone = {offsetAt: (instant) => -new Date(instant).getTimezoneOffset()};
const fixedZone = (minutes: number): Zone => ({offsetAt: () => minutes});
const ianaZone = (name: string): Zone => ({
	offsetAt: (instant) => zoneOffsetMinutes(name, new Date(instant)) ?? 0,
});

/**
 * The instant of one chrono result. A bare time of day (`at 3pm`) is placed here rather than by chrono:
 * chrono takes "today" from the machine's zone even when the text names another (`10:57 PM GMT-3`), and
 * keeps a time equal to `now` on today.
 */
function resolve(result: chrono.ParsedResult, now: Date, lineZone: Zone): Date {
	const {start} = result;
	const zone = start.isCertain('timezoneOffset') ? fixedZone(start.get('timezoneOffset') ?? 0) : lineZone;
	if (!start.isCertain('day') && !start.isCertain('weekday')) {
		return nextTimeOfDay(
			now,
			zone,
			start.get('hour') ?? 0,
			start.get('minute') ?? 0,
			start.get('second') ?? 0,
		);
	}

	const date = start.date();
	if (zone === lineZone && zone !== localZone) {
		// chrono used the zone's offset at `now`; across a DST change the reset time has another one.
		const shift = zone.offsetAt(date.getTime()) - zone.offsetAt(now.getTime());
		return new Date(date.getTime() - shift * 60_000);
	}

	return date;
}

/** The first instant after `now` at which the wall clock of `zone` shows `hour:minute:second`. */
function nextTimeOfDay(now: Date, zone: Zone, hour: number, minute: number, second: number): Date {
	const today = new Date(now.getTime() + zone.offsetAt(now.getTime()) * 60_000);
	let instant = now.getTime();
	for (let day = 0; day <= 2 && instant <= now.getTime(); day++) {
		const wall = Date.UTC(
			today.getUTCFullYear(),
			today.getUTCMonth(),
			today.getUTCDate() + day,
			hour,
			minute,
			second,
		);
		instant = toInstant(wall, zone);
	}

	return new Date(instant);
}

/** The instant at which `zone` shows the wall time `wall` (ms, as if UTC); two passes settle a DST change. */
function toInstant(wall: number, zone: Zone): number {
	const guess = wall - zone.offsetAt(wall) * 60_000;
	return wall - zone.offsetAt(guess) * 60_000;
}

/** An IANA zone written in parentheses (`(America/Chicago)`, `(UTC)`), when this runtime knows it. */
function namedZone(line: string): string | undefined {
	for (const match of line.matchAll(/\(\s*([A-Za-z][\w+-]*(?:\/[\w+-]+)*)\s*\)/g)) {
		const name = match[1]!;
		if (
			(name.includes('/') || /^(?:UTC|GMT)$/i.test(name)) &&
			zoneOffsetMinutes(name, new Date(0)) !== undefined
		) {
			return name;
		}
	}

	return undefined;
}

/** Minutes east of UTC of `zone` at `instant` (Berlin in summer: 120), from the runtime's time zone data. */
function zoneOffsetMinutes(zone: string, instant: Date): number | undefined {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		}).formatToParts(instant);
	} catch {
		return undefined;
	}

	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	const exact = Math.floor(instant.getTime() / 1000) * 1000;
	return Math.round((wall - exact) / 60_000);
}
