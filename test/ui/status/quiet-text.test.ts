import {describe, expect, it} from 'vitest';
import {parseQuietWindow} from '../../../source/core/quiet-hours.js';
import {quietText} from '../../../source/ui/status/quiet-text.js';

const night = [parseQuietWindow('22:00-07:00')];
// Wednesday 25 November 2026, local time.
const at = (hour: number, minute = 0, day = 25) => new Date(2026, 10, day, hour, minute, 30);

describe('quiet-hours text', () => {
	it('says nothing without windows, or far from quiet hours', () => {
		expect(quietText([], at(23))).toBeUndefined();
		expect(quietText(night, at(12))).toBeUndefined();
		expect(quietText(night, at(19, 59))).toBeUndefined();
	});

	it('announces the start within two hours', () => {
		expect(quietText(night, at(20, 1))).toBe('quiet from 22:00');
		expect(quietText(night, at(21, 59))).toBe('quiet from 22:00');
	});

	it('names the next allowed start inside quiet hours, with the weekday when it is another day', () => {
		expect(quietText(night, at(23))).toBe('quiet until Thu 07:00');
		expect(quietText(night, at(3))).toBe('quiet until 07:00');
		expect(quietText(night, at(7))).toBeUndefined();
	});

	it('follows adjacent windows and says when they cover the whole week', () => {
		const weekend = [parseQuietWindow('sat,sun 00:00-24:00'), parseQuietWindow('fri 18:00-24:00')];
		expect(quietText(weekend, at(19, 0, 27))).toBe('quiet until Mon 00:00');
		expect(quietText([parseQuietWindow('00:00-24:00')], at(9))).toBe('quiet all week');
	});
});
