import {describe, expect, it} from 'vitest';
import {
	backgroundFromColorFgBg,
	colorWanted,
	resolveTheme,
	takeNoColorFlag,
} from '../../../source/ui/color/choose-theme.js';

describe('choosing the theme', () => {
	it.each([
		['0;15', 'light'],
		['0;7', 'light'],
		['0;default;15', 'light'],
		['15;0', 'dark'],
		['7;8', 'dark'],
		['12;4', 'dark'],
		['15;default', undefined],
		['', undefined],
		[undefined, undefined],
	])('reads COLORFGBG=%s as %s', (value, expected) => {
		expect(backgroundFromColorFgBg(value)).toBe(expected);
	});

	it('resolves auto from COLORFGBG, falling back to dark; dark and light are taken as written', () => {
		expect(resolveTheme('auto', {COLORFGBG: '0;15'})).toBe('light');
		expect(resolveTheme('auto', {COLORFGBG: '15;0'})).toBe('dark');
		expect(resolveTheme('auto', {})).toBe('dark');
		expect(resolveTheme('dark', {COLORFGBG: '0;15'})).toBe('dark');
		expect(resolveTheme('light', {})).toBe('light');
	});

	it('follows NO_COLOR (any non-empty value), --no-color, and FORCE_COLOR over NO_COLOR', () => {
		expect(colorWanted({}, false)).toBe(true);
		expect(colorWanted({NO_COLOR: '1'}, false)).toBe(false);
		expect(colorWanted({NO_COLOR: 'yes please'}, false)).toBe(false);
		expect(colorWanted({NO_COLOR: ''}, false)).toBe(true);
		expect(colorWanted({}, true)).toBe(false);
		expect(colorWanted({NO_COLOR: '1', FORCE_COLOR: '1'}, false)).toBe(true);
		expect(colorWanted({NO_COLOR: '1', FORCE_COLOR: '0'}, false)).toBe(false);
		expect(colorWanted({FORCE_COLOR: '3'}, true)).toBe(false);
	});

	it('takes --no-color out of argv wherever it is, but not after --', () => {
		expect(takeNoColorFlag(['--no-color'])).toEqual({argv: [], noColor: true});
		expect(takeNoColorFlag(['add', 'x', '--no-color'])).toEqual({argv: ['add', 'x'], noColor: true});
		expect(takeNoColorFlag(['send', 'id', '--', '--no-color'])).toEqual({
			argv: ['send', 'id', '--', '--no-color'],
			noColor: false,
		});
		expect(takeNoColorFlag([])).toEqual({argv: [], noColor: false});
	});
});
