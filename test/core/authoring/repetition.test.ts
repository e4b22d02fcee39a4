import {describe, expect, it} from 'vitest';
import {
	containment,
	isRepetition,
	jaccard,
	normalisedWords,
	repetitionRate,
	similarity,
	wordNgrams,
} from '../../../source/core/authoring/repetition.js';

describe('normalisedWords', () => {
	it('lowercases and drops punctuation', () => {
		expect(normalisedWords('The King — rode, OUT! (Again.)')).toEqual([
			'the',
			'king',
			'rode',
			'out',
			'again',
		]);
	});

	it('keeps contractions whole and splits hyphenated words', () => {
		expect(normalisedWords("Don't stop; it’s well-known.")).toEqual(['dont', 'stop', 'its', 'well', 'known']);
	});

	it('keeps Unicode letters, combining marks and digits', () => {
		expect(normalisedWords('Ça coûte 3,50 € — नमस्ते 日本語')).toEqual([
			'ça',
			'coûte',
			'3',
			'50',
			'नमस्ते',
			'日本語',
		]);
	});

	it('matches composed and decomposed accents alike', () => {
		expect(normalisedWords('Cafe\u0301')).toEqual(normalisedWords('Café'));
	});

	it('is empty for text without words', () => {
		expect(normalisedWords('')).toEqual([]);
		expect(normalisedWords(' — ... !!! ')).toEqual([]);
	});
});

describe('wordNgrams', () => {
	it('gives the overlapping n-grams as space-joined words', () => {
		expect([...wordNgrams('A b, c. D', 3)]).toEqual(['a b c', 'b c d']);
		expect([...wordNgrams('a b c', 1)]).toEqual(['a', 'b', 'c']);
	});

	it('counts a repeated n-gram once', () => {
		expect(wordNgrams('a b a b a b', 2)).toEqual(new Set(['a b', 'b a']));
	});

	it('gives a short text one n-gram of all its words', () => {
		expect(wordNgrams('Hello there', 3)).toEqual(new Set(['hello there']));
	});

	it('gives an empty text none', () => {
		expect(wordNgrams('', 3).size).toBe(0);
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses n = %d', (n) => {
		expect(() => wordNgrams('a b c', n)).toThrow(RangeError);
	});
});

describe('jaccard and containment', () => {
	const set = (...items: string[]) => new Set(items);

	it.each([
		[set('a', 'b'), set('a', 'b'), 1],
		[set('a', 'b'), set('c', 'd'), 0],
		[set('a', 'b', 'c'), set('b', 'c', 'd'), 0.5],
		[set('a'), set('a', 'b', 'c', 'd'), 0.25],
		[set(), set('a'), 0],
		[set(), set(), 0],
	])('jaccard(%o, %o) = %d', (a, b, expected) => {
		expect(jaccard(a, b)).toBe(expected);
		expect(jaccard(b, a)).toBe(expected);
	});

	it('containment is the share of the first set found in the second', () => {
		expect(containment(set('a'), set('a', 'b', 'c', 'd'))).toBe(1);
		expect(containment(set('a', 'b', 'c', 'd'), set('a'))).toBe(0.25);
		expect(containment(set(), set('a'))).toBe(0);
	});
});

describe('similarity', () => {
	const chunk =
		'The river ran cold through the valley, and the miller watched it from his door every morning.';

	it('is 1 for identical text, whatever the case and punctuation', () => {
		expect(similarity(chunk, chunk)).toBe(1);
		expect(similarity(chunk, chunk.toUpperCase().replaceAll(',', ' —'))).toBe(1);
	});

	it('is 0 for texts sharing no 3-gram', () => {
		expect(similarity(chunk, 'Snow fell on the mountain pass all night long.')).toBe(0);
	});

	it('is 0 when either text is empty', () => {
		expect(similarity('', chunk)).toBe(0);
		expect(similarity('', '')).toBe(0);
	});

	it('is partial for a text that shares part of its phrases', () => {
		// 4 of the 5 3-grams of each text are shared: 4 / (5 + 5 - 4).
		expect(similarity('a b c d e f g', 'a b c d e f x')).toBeCloseTo(4 / 6);
	});

	it('takes the n-gram size', () => {
		expect(similarity('a b c d', 'a b x d', 1)).toBeCloseTo(3 / 5);
		expect(similarity('a b c d', 'a b x d', 2)).toBeCloseTo(1 / 5);
	});

	it('is bounded by the size ratio when the recent text is longer', () => {
		const other = 'Snow fell on the mountain pass all night long and nobody came up the road to the inn.';
		expect(similarity(chunk, `${other} ${chunk}`)).toBeLessThan(0.6);
	});

	it('is fast and linear on 300 k characters', () => {
		const words = Array.from({length: 50_000}, (_, index) => `w${index % 7919}`).join(' ');
		const started = performance.now();
		similarity(words, words.slice(100_000));
		repetitionRate(words);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});

describe('isRepetition', () => {
	// Similarity 4/6 ≈ 0.667 (see above).
	const [a, b] = ['a b c d e f g', 'a b c d e f x'];

	it('is true only strictly above the threshold', () => {
		expect(isRepetition(a, b, 0.6)).toBe(true);
		expect(isRepetition(a, b, 4 / 6)).toBe(false);
		expect(isRepetition(a, b, 0.8)).toBe(false);
	});

	it('flags identical text at the default 0.8, and never at threshold 1', () => {
		expect(isRepetition(a, a, 0.8)).toBe(true);
		expect(isRepetition(a, a, 1)).toBe(false);
	});

	it('does not flag empty text even at threshold 0', () => {
		expect(isRepetition('', '', 0)).toBe(false);
	});
});

describe('repetitionRate', () => {
	it.each([
		['', 0],
		['one two', 0],
		['a b c d e f', 0],
		// a b c, b c a, c a b, a b c: the two "a b c" repeat.
		['a b c a b c', 0.5],
		['x y z x y z x y z', 1],
	])('of %j is %d', (text, rate) => {
		expect(repetitionRate(text)).toBeCloseTo(rate);
	});

	it('is about 1 for a text written twice over', () => {
		const text = 'The miller watched the river from his door every single morning of the year.';
		expect(repetitionRate(`${text} ${text}`)).toBeGreaterThan(0.85);
	});

	it('takes the n-gram size and refuses a bad one', () => {
		expect(repetitionRate('a b a c', 1)).toBe(0.5);
		expect(() => repetitionRate('a b', 0)).toThrow(RangeError);
	});
});
