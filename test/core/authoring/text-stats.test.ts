import {describe, expect, it} from 'vitest';
import {englishFunctionWords} from '../../../source/core/authoring/function-words.js';
import {readingWordsPerMinute, textStats} from '../../../source/core/authoring/text-stats.js';

describe('textStats', () => {
	// Words: the river | the river ran cold the river ran cold | the mill | see the map (15; 5 × "the").
	const book = [
		'# The River',
		'',
		'The river ran cold. The river ran cold.',
		'',
		'# The Mill',
		'',
		'See [the map](https://example.com/map "Map").',
		'',
	].join('\n');

	it('counts a known text', () => {
		expect(textStats(book)).toEqual({
			characters: book.length,
			words: 15,
			chapters: 2,
			readingMinutes: 0.1,
			// 13 word 3-grams; "the river ran", "river ran cold", "ran cold the" occur twice each: 6 / 13.
			repetitionRate: 6 / 13,
			// 10 content words of 15.
			lexicalDensity: 10 / 15,
		});
	});

	it('gives zeros for an empty text', () => {
		expect(textStats('')).toEqual({
			characters: 0,
			words: 0,
			chapters: 0,
			readingMinutes: 0,
			repetitionRate: 0,
			lexicalDensity: 0,
		});
	});

	it('reads at 238 words per minute (Brysbaert 2019), to one decimal', () => {
		expect(readingWordsPerMinute).toBe(238);
		expect(textStats('word '.repeat(2380)).readingMinutes).toBe(10);
		expect(textStats('word '.repeat(2400)).readingMinutes).toBe(10.1);
	});

	it('counts characters as code points', () => {
		expect(textStats('😀 é').characters).toBe(3);
	});

	it('does not count headings inside code blocks as chapters', () => {
		expect(textStats('# One\n```\n# comment\n```\n# Two\n').chapters).toBe(2);
	});

	it('counts no chapters for a text without headings', () => {
		expect(textStats('Just prose here.').chapters).toBe(0);
	});

	it('has a lexical density of 0 for function words only and 1 for content words only', () => {
		expect(textStats('It is what it was, and they were there.').lexicalDensity).toBe(0);
		expect(textStats('Rivers carry sediment downstream.').lexicalDensity).toBe(1);
	});

	it('treats contractions as function words', () => {
		expect(textStats("Don't. Isn't. They're.").lexicalDensity).toBe(0);
		expect(englishFunctionWords.has('dont')).toBe(true);
	});
});
