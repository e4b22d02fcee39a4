import {afterEach, describe, expect, it} from 'vitest';
import {darkPalette, lightPalette, noColorPalette, type Palette} from '../../../source/ui/color/palettes.js';
import {activityStyle, applyTheme, priorityColor, statusColor, theme} from '../../../source/ui/theme.js';

const colours = (palette: Palette) => [
	...Object.values(palette.chrome),
	...Object.values(palette.priority),
	...Object.values(palette.status),
	...Object.values(palette.activity),
];

afterEach(() => {
	applyTheme({name: 'dark', color: true, depth: 4});
});

describe('palettes', () => {
	it('keeps pale colours out of the light palettes', () => {
		for (const depth of [4, 8, 24]) {
			for (const colour of colours(lightPalette(depth))) {
				expect(colour, `depth ${depth}`).not.toMatch(/yellow|cyan|white|Bright/i);
			}
		}
	});

	it('uses named colours at 16 colours and shades of the 256-colour cube above', () => {
		expect(colours(lightPalette(4)).every((colour) => !colour.startsWith('ansi256'))).toBe(true);
		expect(lightPalette(8).chrome.warning).toMatch(/^ansi256\(\d+\)$/);
		expect(lightPalette(24)).toBe(lightPalette(8));
		expect(colours(darkPalette).every((colour) => !colour.startsWith('ansi256'))).toBe(true);
	});

	it('has no colour at all for NO_COLOR', () => {
		expect(new Set(colours(noColorPalette))).toEqual(new Set(['']));
	});

	it('refills the objects the views read, in place', () => {
		const before = theme;
		applyTheme({name: 'light', depth: 4});
		expect(theme).toBe(before);
		expect(theme.warning).toBe('magenta');
		expect(theme.focus).toBe('blue');
		expect(priorityColor.high).toBe('magenta');
		expect(activityStyle.waiting).toMatchObject({color: 'magenta', bold: true, glyph: '▲'});

		applyTheme({name: 'dark'});
		expect(theme.warning).toBe('yellow');
		expect(statusColor.done).toBe('green');
		expect(activityStyle.busy.color).toBe('cyan');

		applyTheme({color: false});
		expect(theme.error).toBe('');
		expect(activityStyle.waiting).toEqual({glyph: '▲', word: 'waiting for input', bold: true});
		// Changing the palette while colour is off keeps it off.
		applyTheme({name: 'light'});
		expect(priorityColor.urgent).toBe('');
	});
});
