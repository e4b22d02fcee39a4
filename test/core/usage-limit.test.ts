import {describe, expect, it} from 'vitest';
import {
	defaultUsageLimitFallbackMs,
	detectUsageLimit,
	parseResetTime,
} from '../../source/core/usage-limit.js';

// Times of day without a zone are local: expected values use local-time constructors, so the tests pass
// in any TZ. Times with a zone or an epoch are absolute: expected values and `now` use Date.UTC.
const localNow = new Date(2025, 5, 14, 13, 57); // Saturday 14 June 2025, 13:57 local
const local = (day: number, hour: number, minute = 0, second = 0) =>
	new Date(2025, 5, day, hour, minute, second);
const later = (ms: number) => new Date(localNow.getTime() + ms);
const minutes = 60_000;
const hours = 60 * minutes;

const utcNow = new Date(Date.UTC(2025, 5, 14, 13, 57)); // 15:57 in Berlin, 09:57 in Santiago
const utc = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2025, 5, day, hour, minute));

describe('parseResetTime, local times of day and durations', () => {
	it.each<[string, Date]>([
		['resets at 3pm', local(14, 15)],
		['resets 3pm', local(14, 15)],
		['resets at 15:00', local(14, 15)],
		['Please try again at 4:30 PM', local(14, 16, 30)],
		// Claude.ai, anthropics/claude-code#80062
		['Limits will reset at 9:30 AM.  View your usage details.', local(15, 9, 30)],
		['Your limit will reset at 1pm', local(15, 13)],
		['resets at 1:57pm', local(15, 13, 57)],
		['resets at 13:56', local(15, 13, 56)],
		['resets tomorrow at 9am', local(15, 9)],
		['reset in 45m', later(45 * minutes)],
		['resets in 2h 30m', later(150 * minutes)],
		['try again in 2 hours', later(2 * hours)],
		['try again in an hour', later(hours)],
		// Gemini CLI /stats, google-gemini/gemini-cli#17006
		['gemini-3-flash-preview        18     59.8% (Resets in 8h 6m)', later(8 * hours + 6 * minutes)],
		// Codex CLI, openai/codex#4095
		[
			"■ You've hit your usage limit. Upgrade to Pro (https://openai.com/chatgpt/pricing) or try again in 4 days 6 hours 37 minutes.",
			local(18, 20, 34),
		],
		// a bare "5h" is not the reset time when a cued one follows
		['5h limit reached ∙ resets 3am', local(15, 3)],
		// digits in a URL are not a time
		['see https://example.com/2025/06/20/usage or try again at 6:44 PM', local(14, 18, 44)],
	])('%j', (line, expected) => {
		expect(parseResetTime(line, localNow)).toEqual(expected);
	});

	it('reads fractional seconds', () => {
		// Gemini API 429 body, google-gemini/gemini-cli#8883
		const reset = parseResetTime('Please retry in 15.002899939s.', localNow)!.getTime();
		expect(reset - localNow.getTime()).toBeGreaterThanOrEqual(15_000);
		expect(reset - localNow.getTime()).toBeLessThan(16_000);
	});

	it('reads a date without a year forward', () => {
		expect(parseResetTime('Weekly limit: 82% left (resets 16:21 on 19 May)', localNow)).toEqual(
			new Date(2026, 4, 19, 16, 21),
		);
	});
});

describe('parseResetTime, absolute times and zones', () => {
	it.each<[string, Date]>([
		// Claude Code's machine-readable form, anthropics/claude-code#2087
		['Claude AI usage limit reached|1749924000', new Date(1_749_924_000 * 1000)],
		['limit|1749924000123', new Date(1_749_924_000_123)],
		['resets at 2025-06-14T18:00:00Z', utc(14, 18)],
		['resets at 2025-06-15T08:30:00.000+02:00', utc(15, 6, 30)],
		// A zone in parentheses, as Claude Code writes it.
		['resets 3pm (Europe/Berlin)', utc(15, 13)], // 15:57 in Berlin: 3pm has passed
		['resets at 4pm (Europe/Berlin)', utc(14, 14)],
		['Your limit will reset at 1pm (Etc/GMT+5).', utc(14, 18)], // Etc/GMT+5 is UTC−5
		['Your limit will reset at 9am (America/Chicago).', utc(14, 14)], // 08:57 in Chicago
		['Your limit will reset at 3pm (America/Santiago).', utc(14, 19)],
		['resets at 3pm (UTC)', utc(14, 15)],
		// Gemini CLI, google-gemini/gemini-cli#22643
		['Usage limit reached for gemini-3-flash-preview. Access resets at 10:57 PM GMT-3.', utc(15, 1, 57)],
		// A zone does not change a duration.
		['resets in 2 hours (America/Chicago)', utc(14, 15, 57)],
	])('%j', (line, expected) => {
		expect(parseResetTime(line, utcNow)).toEqual(expected);
	});

	it('uses the offset at the reset time across a DST change', () => {
		// Berlin moves from UTC+1 to UTC+2 on 29 March 2026 at 02:00 UTC+1.
		const beforeChange = new Date(Date.UTC(2026, 2, 28, 12, 0));
		expect(parseResetTime('resets Mar 30, 3am (Europe/Berlin)', beforeChange)).toEqual(
			new Date(Date.UTC(2026, 2, 30, 1, 0)),
		);
	});

	it('ignores a word in parentheses that is no zone', () => {
		expect(parseResetTime('resets at 3pm (Not/AZone)', localNow)).toEqual(local(14, 15));
		expect(parseResetTime('resets at 3pm (soon)', localNow)).toEqual(local(14, 15));
	});
});

describe('parseResetTime, no time', () => {
	it.each([
		'',
		'try again later',
		'Usage limit reached for gemini-2.5-pro.',
		'Claude usage limit reached. Your limit will reset',
		'⚡ You have reached your daily gemini-2.5-pro quota limit.',
	])('%j', (line) => {
		expect(parseResetTime(line, localNow)).toBeUndefined();
	});

	it('treats a stale absolute time as none', () => {
		expect(parseResetTime('Claude AI usage limit reached|1735660800', utcNow)).toBeUndefined();
		expect(parseResetTime('resets at 2025-06-14T13:00:00Z', utcNow)).toBeUndefined();
	});
});

const claude = /usage limit reached/i;
const codex = /hit your usage limit/i;

describe('detectUsageLimit', () => {
	it('reads Claude Code’s epoch form', () => {
		const screen = '> fix the parser\n  ⎿  Claude AI usage limit reached|1749924000\n\n> ';
		expect(detectUsageLimit(screen, claude, utcNow)).toEqual({
			resetAt: new Date(1_749_924_000 * 1000),
			message: '⎿  Claude AI usage limit reached|1749924000',
		});
	});

	it('finds the time on the next line when the terminal wrapped the message', () => {
		// anthropics/claude-code#9236
		const screen = 'Claude usage limit reached. Your limit will reset\n     at 3pm (America/Santiago).';
		expect(detectUsageLimit(screen, claude, utcNow)?.resetAt).toEqual(utc(14, 19));
	});

	it('reads Codex CLI’s two-line message', () => {
		// openai/codex#47047
		const screen = [
			'› add a button',
			'',
			'■ You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit',
			'https://chatgpt.com/codex/settings/usage to purchase more credits or try again at 2:51 PM.',
		].join('\n');
		const hit = detectUsageLimit(screen, /hit your usage limit/i, localNow);
		expect(hit?.resetAt).toEqual(local(14, 14, 51));
		expect(hit?.message).toMatch(/^■ You’ve hit your usage limit\./);
	});

	it('reads Codex CLI’s duration', () => {
		const screen =
			"■ You've hit your usage limit. Upgrade to Pro (https://openai.com/chatgpt/pricing) or try again in 2 days 17 hours 14 minutes.";
		expect(detectUsageLimit(screen, codex, localNow)?.resetAt).toEqual(local(17, 7, 11));
	});

	it('reads Gemini CLI’s message with an offset', () => {
		const screen = 'Usage limit reached for gemini-3-flash-preview. Access resets at 10:57 PM GMT-3.\n';
		expect(detectUsageLimit(screen, /usage limit reached for/i, utcNow)?.resetAt).toEqual(utc(15, 1, 57));
	});

	it('waits fallbackMs (1 h by default) when the message gives no time', () => {
		const screen = '✕ [API Error: Please submit a new query to continue with the Flash model.]';
		expect(defaultUsageLimitFallbackMs).toBe(hours);
		expect(detectUsageLimit(screen, /API Error/, localNow)).toEqual({resetAt: later(hours), message: screen});
		expect(detectUsageLimit(screen, /API Error/, localNow, {fallbackMs: 5 * minutes})?.resetAt).toEqual(
			later(5 * minutes),
		);
	});

	it('waits fallbackMs when the time on screen has passed', () => {
		expect(detectUsageLimit('Claude AI usage limit reached|1735660800', claude, utcNow)?.resetAt).toEqual(
			new Date(utcNow.getTime() + hours),
		);
	});

	it('returns undefined when the pattern does not match', () => {
		expect(detectUsageLimit('All tests pass.\nresets at 3pm', claude, localNow)).toBeUndefined();
		expect(detectUsageLimit('', claude, localNow)).toBeUndefined();
	});

	it('takes the last matching line: the newest message is at the bottom', () => {
		const screen = 'usage limit reached, resets at 2pm\nretrying…\nusage limit reached, resets at 5pm';
		expect(detectUsageLimit(screen, claude, localNow)).toEqual({
			resetAt: local(14, 17),
			message: 'usage limit reached, resets at 5pm',
		});
	});

	it('looks no further than the line after the message', () => {
		const screen = 'usage limit reached\nplease wait\nresets at 5pm';
		expect(detectUsageLimit(screen, claude, localNow)?.resetAt).toEqual(later(hours));
	});

	it('prefers the time on the message line to one on the next line', () => {
		const screen = 'usage limit reached, resets at 5pm\n5h limit: 89% left (resets 18:44)';
		expect(detectUsageLimit(screen, claude, localNow)?.resetAt).toEqual(local(14, 17));
	});

	it('ignores the g flag of the pattern', () => {
		const pattern = /usage limit reached/gi;
		const screen = 'Claude AI usage limit reached|1749924000';
		expect(detectUsageLimit(screen, pattern, utcNow)).toBeDefined();
		expect(detectUsageLimit(screen, pattern, utcNow)).toBeDefined();
	});

	it('handles CRLF line ends', () => {
		const screen = 'Claude usage limit reached. Your limit will reset\r\nat 4pm (Europe/Berlin).\r\n';
		expect(detectUsageLimit(screen, claude, utcNow)?.resetAt).toEqual(utc(14, 14));
	});
});
