import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fit, formatElapsed, sanitize, shortenPath, truncate} from '../../source/ui/format.js';

describe('format', () => {
	it('cuts to a cell width with an ellipsis, never splitting a wide character', () => {
		expect(truncate('hello world', 8)).toBe('hello w…');
		expect(truncate('short', 8)).toBe('short');
		expect(truncate('日本語のタイトル', 7)).toBe('日本語…');
		expect(stringWidth(truncate('日本語のタイトル', 7))).toBeLessThanOrEqual(7);
	});

	it('pads to exactly the width', () => {
		expect(fit('ab', 5)).toBe('ab   ');
		expect(stringWidth(fit('日本語のタイトル', 6))).toBe(6);
	});

	it('keeps the end of a path', () => {
		expect(shortenPath('/home/me/project/.xsarena', 12)).toBe('…ct/.xsarena');
		expect(stringWidth(shortenPath('/home/me/project/.xsarena', 12))).toBeLessThanOrEqual(12);
	});

	it('removes escape sequences and control characters from untrusted text', () => {
		expect(sanitize('evil\u001B[2J\u001B]0;title\u0007 title\r\n')).toBe('evil title\uFFFD\uFFFD');
		expect(sanitize('a\tb')).toBe('a    b');
		expect(sanitize('\u001B[31mred\u001B[0m\u0000', true)).toBe('\u001B[31mred\u001B[0m\uFFFD');
	});

	it('formats elapsed time as mm:ss', () => {
		expect(formatElapsed(0)).toBe('00:00');
		expect(formatElapsed(65_400)).toBe('01:05');
		expect(formatElapsed(3_725_000)).toBe('62:05');
		expect(formatElapsed(-5)).toBe('00:00');
	});
});
