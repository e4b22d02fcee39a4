import {describe, expect, it} from 'vitest';
import {NextLineFilter} from '../../source/engine/author/next-line-filter.js';

/** What the pane shows when `pieces` stream through the filter. */
function shown(pieces: readonly string[]): string {
	let out = '';
	const filter = new NextLineFilter((text) => {
		out += text;
	});
	for (const piece of pieces) {
		filter.push(piece);
	}

	filter.end();
	return out;
}

describe('NextLineFilter', () => {
	it('drops the NEXT: line however the stream cuts it', () => {
		const text = 'A paragraph.\nAnother line.\nNEXT: [the moon]\n';
		expect(shown([text])).toBe('A paragraph.\nAnother line.\n');
		expect(shown(text.split(''))).toBe('A paragraph.\nAnother line.\n');
	});

	it('drops emphasised and stray mid-body hints too', () => {
		expect(shown(['Intro.\n**NEXT:** x\nMore.\n  next : y'])).toBe('Intro.\nMore.\n');
	});

	it('shows lines that only start like NEXT as soon as they cannot be one', () => {
		const seen: string[] = [];
		const filter = new NextLineFilter((text) => seen.push(text));
		filter.push('Ne');
		expect(seen).toEqual([]);
		filter.push('vertheless');
		expect(seen.join('')).toBe('Nevertheless');
		filter.push(' it went on');
		expect(seen.join('')).toBe('Nevertheless it went on');
	});

	it('shows a held line at the end when it is not a hint', () => {
		expect(shown(['The end', '.\nNEX'])).toBe('The end.\nNEX');
	});
});
