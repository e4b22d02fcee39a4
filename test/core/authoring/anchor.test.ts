import {describe, expect, it} from 'vitest';
import {anchorFrom} from '../../../source/core/authoring/anchor.js';

const text = 'The first sentence is here. The second one follows! Does a third? Yes, the fourth ends it.';

describe('anchorFrom', () => {
	it.each([0, -5, Number.NaN, 0.5])('is empty for maxChars %d (continuation none)', (maxChars) => {
		expect(anchorFrom(text, maxChars)).toBe('');
	});

	it('is empty for an empty or blank text', () => {
		expect(anchorFrom('', 100)).toBe('');
		expect(anchorFrom(' \n\n ', 100)).toBe('');
	});

	it('returns a text that fits whole, without surrounding whitespace', () => {
		expect(anchorFrom(`\n${text}\n\n`, 500)).toBe(text);
		expect(anchorFrom(text, text.length)).toBe(text);
	});

	it('starts at the first sentence boundary inside the window', () => {
		expect(anchorFrom(text, 60)).toBe('Does a third? Yes, the fourth ends it.');
		expect(anchorFrom(text, 30)).toBe('Yes, the fourth ends it.');
	});

	it('takes the longest tail that fits and starts at a boundary', () => {
		const anchor = anchorFrom(text, 70);
		expect(anchor).toBe('The second one follows! Does a third? Yes, the fourth ends it.');
		expect(anchor.length).toBeLessThanOrEqual(70);
	});

	it('sees a boundary right before the window start', () => {
		// The window starts exactly at "Yes": the "? " before it is outside but still marks a start.
		const tail = 'Yes, the fourth ends it.';
		expect(anchorFrom(text, tail.length)).toBe(tail);
		expect(anchorFrom(text, tail.length + 1)).toBe(tail);
	});

	it('never returns more than maxChars characters', () => {
		for (let max = 1; max <= text.length + 2; max++) {
			const anchor = anchorFrom(text, max);
			expect(anchor.length).toBeLessThanOrEqual(max);
			expect(text.endsWith(anchor)).toBe(true);
		}
	});

	it.each([
		['a quoted end', 'He said "stop." Then he left the hall.', 'Then he left the hall.'],
		['a curly quote', 'She wrote “fine.” Nothing followed after that.', 'Nothing followed after that.'],
		['a bracket', 'It was late (past ten.) The streets were empty.', 'The streets were empty.'],
		['bold', 'It was **over.** The war had ended now.', 'The war had ended now.'],
		['an ellipsis', 'And then… Silence filled the room again.', 'Silence filled the room again.'],
	])('treats %s as a sentence end', (_, input, expected) => {
		expect(anchorFrom(input, expected.length + 5)).toBe(expected);
	});

	it('treats a blank line as a boundary even without punctuation', () => {
		const input = '# A heading without a stop\n\nfirst words of a paragraph that goes on';
		expect(anchorFrom(input, 50)).toBe('first words of a paragraph that goes on');
	});

	it('cuts after CJK full stops, which need no space', () => {
		expect(anchorFrom('第一句话很长很长。第二句话。第三句话。', 8)).toBe('第三句话。');
	});

	it('does not cut at a full stop without a space after it (numbers, e.g.)', () => {
		expect(anchorFrom('It cost 3.50 dollars and e.g.that was all of it', 30)).toBe(
			'and e.g.that was all of it',
		);
	});

	it('falls back to a word boundary when the window has no sentence boundary', () => {
		const input = 'one two three four five six seven eight nine ten';
		expect(anchorFrom(input, 20)).toBe('seven eight nine ten');
		expect(anchorFrom(input, 17)).toBe('eight nine ten');
	});

	it('falls back to the window itself for one long word', () => {
		expect(anchorFrom('a b supercalifragilistic', 10)).toBe('ragilistic');
	});

	it('handles CR LF paragraph breaks', () => {
		expect(anchorFrom('first paragraph goes here\r\n\r\nsecond paragraph', 25)).toBe('second paragraph');
	});

	it('never starts with half a surrogate pair', () => {
		const emoji = '😀'.repeat(10);
		for (let max = 1; max <= 20; max++) {
			const anchor = anchorFrom(emoji, max);
			expect(anchor.length % 2).toBe(0);
			expect(anchor.length).toBeLessThanOrEqual(max);
			expect(anchor.codePointAt(0) === undefined || anchor.codePointAt(0) === 0x1f600).toBe(true);
		}
	});

	it('drops a leading replacement character or lone low surrogate from a cut read', () => {
		expect(anchorFrom('\uFFFDabc def.', 100)).toBe('abc def.');
		expect(anchorFrom('\uDE00abc def.', 100)).toBe('abc def.');
	});

	it('is fast on a 300 k-character book', () => {
		const book = 'A sentence of some length goes here. '.repeat(8000);
		const started = performance.now();
		for (let index = 0; index < 100; index++) {
			anchorFrom(book, 1200);
		}

		expect(performance.now() - started).toBeLessThan(1000);
		expect(anchorFrom(book, 1200).startsWith('A sentence')).toBe(true);
	});
});
