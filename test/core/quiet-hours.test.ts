import {afterEach, describe, expect, it} from 'vitest';
import {isQuiet, nextAllowedStart, parseQuietWindow} from '../../source/core/quiet-hours.js';

/** Local time on a day of the week of 26-30 November 2026: Thu 26, Fri 27, Sat 28, Sun 29, Mon 30. */
const local = (day: number, hour: number, minute = 0, second = 0) =>
	new Date(2026, 10, day, hour, minute, second);
const [thu, fri, sat, sun, mon] = [26, 27, 28, 29, 30] as const;

const windows = (...texts: string[]) => texts.map((text) => parseQuietWindow(text));

describe('parseQuietWindow', () => {
	it.each([
		['22:00-07:00', [0, 1, 2, 3, 4, 5, 6], 1320, 420],
		['12:00-13:00', [0, 1, 2, 3, 4, 5, 6], 720, 780],
		['sat,sun 00:00-24:00', [0, 6], 0, 1440],
		['mon-fri 22:00-07:00', [1, 2, 3, 4, 5], 1320, 420],
		['fri-mon 9:00-17:30', [0, 1, 5, 6], 540, 1050],
		['Sat, Sunday 01:00 - 02:00', [0, 6], 60, 120],
		['  7:05-8:00  ', [0, 1, 2, 3, 4, 5, 6], 425, 480],
		['wed 23:59-00:00', [3], 1439, 0],
	])('%j', (text, days, startMinute, endMinute) => {
		const window = parseQuietWindow(text);
		expect([...window.days].sort()).toEqual(days);
		expect(window).toMatchObject({startMinute, endMinute});
	});

	it.each([
		['25:00-07:00', 'hour 25 is not 0-24'],
		['22:60-07:00', 'minute 60 is not 0-59'],
		['22:00-24:30', '24:30 is past 24:00'],
		['24:00-07:00', 'a window cannot start at 24:00'],
		['07:00-07:00', 'start and end are both 07:00 (write 00:00-24:00 for a whole day)'],
		['mo 10:00-11:00', 'unknown day "mo" (use sun, mon, tue, wed, thu, fri, sat)'],
		['mon,,tue 10:00-11:00', 'unknown day ""'],
		['mon-tue-wed 10:00-11:00', '"mon-tue-wed" is not a day or a range of days like mon-fri'],
		['10-11', 'expected [days] HH:MM-HH:MM'],
		['', 'expected [days] HH:MM-HH:MM'],
		['22:00', 'expected [days] HH:MM-HH:MM'],
	])('refuses %j: %s', (text, message) => {
		expect(() => parseQuietWindow(text)).toThrow(`quiet hours "${text}": ${message}`);
	});
});

describe('isQuiet', () => {
	it.each([
		['22:00-07:00', local(thu, 23, 30), true],
		['22:00-07:00', local(thu, 22, 0), true],
		['22:00-07:00', local(thu, 0, 0), true],
		['22:00-07:00', local(thu, 6, 59, 59), true],
		['22:00-07:00', local(thu, 7, 0), false],
		['22:00-07:00', local(thu, 21, 59, 59), false],
		['12:00-13:00', local(thu, 12, 0), true],
		['12:00-13:00', local(thu, 13, 0), false],
		['12:00-13:00', local(thu, 11, 59), false],
		// A window over midnight belongs to the day it starts on.
		['mon-fri 22:00-07:00', local(fri, 23, 0), true],
		['mon-fri 22:00-07:00', local(sat, 3, 0), true],
		['mon-fri 22:00-07:00', local(sat, 23, 0), false],
		['mon-fri 22:00-07:00', local(sun, 23, 0), false],
		['mon-fri 22:00-07:00', local(mon, 3, 0), false],
		['mon-fri 22:00-07:00', local(mon, 23, 0), true],
		['sat,sun 00:00-24:00', local(sat, 0, 0), true],
		['sat,sun 00:00-24:00', local(sun, 23, 59, 59), true],
		['sat,sun 00:00-24:00', local(mon, 0, 0), false],
		['sat,sun 00:00-24:00', local(fri, 23, 59), false],
	])('%s at %s: %s', (text, now, quiet) => {
		expect(isQuiet(windows(text), now)).toBe(quiet);
	});

	it('is never quiet without windows', () => {
		expect(isQuiet([], local(thu, 3, 0))).toBe(false);
	});

	it('is quiet inside any one of several windows', () => {
		const several = windows('12:00-13:00', 'sat 08:00-09:00');
		expect(isQuiet(several, local(sat, 8, 30))).toBe(true);
		expect(isQuiet(several, local(fri, 8, 30))).toBe(false);
		expect(isQuiet(several, local(fri, 12, 30))).toBe(true);
	});
});

describe('nextAllowedStart', () => {
	it('is now itself when not quiet', () => {
		const now = local(thu, 12, 34, 56);
		expect(nextAllowedStart(windows('22:00-07:00'), now)).toBe(now);
		expect(nextAllowedStart([], now)).toBe(now);
	});

	it.each([
		['over midnight', ['22:00-07:00'], local(thu, 23, 30), local(fri, 7, 0)],
		['after midnight, on a whole minute', ['22:00-07:00'], local(thu, 6, 30, 15), local(thu, 7, 0)],
		['a day window', ['12:00-13:00'], local(thu, 12, 0), local(thu, 13, 0)],
		['through an adjacent window', ['22:00-07:00', '07:00-08:00'], local(thu, 23, 30), local(fri, 8, 0)],
		[
			'through a chain of overlapping windows',
			['22:00-07:00', '06:00-09:00', '08:30-09:15'],
			local(thu, 23, 30),
			local(fri, 9, 15),
		],
		['to the end of the day', ['sat,sun 00:00-24:00'], local(sat, 10, 0), local(mon, 0, 0)],
		[
			'through a weekend',
			['mon-fri 22:00-07:00', 'sat,sun 00:00-24:00'],
			local(fri, 23, 0),
			local(mon, 0, 0),
		],
		[
			'through a weekend and Sunday night',
			['mon-fri 22:00-07:00', 'sat,sun 00:00-24:00', 'sun 22:00-07:00'],
			local(fri, 23, 0),
			local(mon, 7, 0),
		],
		[
			'to the one free minute of the week',
			['sun-fri 00:00-24:00', 'sat 00:00-23:59'],
			local(sun, 0, 0),
			new Date(2026, 11, 5, 23, 59),
		],
	])('%s', (_name, texts, now, expected) => {
		expect(nextAllowedStart(windows(...texts), now)).toEqual(expected);
	});

	it.each([
		[['00:00-24:00']],
		[['mon-fri 00:00-24:00', 'sat,sun 00:00-24:00']],
		[['00:00-12:00', '12:00-24:00']],
		[['22:00-07:00', '07:00-22:00']],
		[['fri-wed 00:00-24:00', 'thu 12:00-00:00', 'thu 00:00-12:30']],
	])('is undefined when %j cover the whole week', (texts) => {
		expect(nextAllowedStart(windows(...texts), local(thu, 12, 0))).toBeUndefined();
	});
});

describe('daylight saving time (not special-cased: windows are wall-clock minutes)', () => {
	const zone = process.env['TZ'];
	afterEach(() => {
		if (zone === undefined) {
			delete process.env['TZ'];
		} else {
			process.env['TZ'] = zone;
		}
	});

	it('ends a window at its wall-clock end on the night the clocks go forward', () => {
		process.env['TZ'] = 'Europe/Berlin'; // 2026-03-29: 02:00 becomes 03:00.
		const now = new Date(2026, 2, 29, 1, 30);
		const until = nextAllowedStart(windows('01:00-06:00'), now);

		expect(until?.getHours()).toBe(6);
		expect((until!.getTime() - now.getTime()) / 60_000).toBe(3.5 * 60);
	});
});
