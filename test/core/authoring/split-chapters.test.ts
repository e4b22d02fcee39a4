import {describe, expect, it} from 'vitest';
import {
	chapterFileName,
	slugify,
	splitChapters,
	topLevelHeading,
} from '../../../source/core/authoring/split-chapters.js';

describe('topLevelHeading', () => {
	it.each([
		['# Title', 'Title'],
		['#\tTitle', 'Title'],
		['   # Indented', 'Indented'],
		['# Closed ##', 'Closed'],
		['# C#', 'C#'],
		['#', ''],
		['# #', ''],
	])('reads %j as %j', (line, title) => {
		expect(topLevelHeading(line)).toBe(title);
	});

	it.each(['## Section', '#hashtag', '    # code', 'Text # not a heading', ''])('ignores %j', (line) => {
		expect(topLevelHeading(line)).toBeUndefined();
	});
});

describe('slugify', () => {
	it.each([
		['The Title', 'the-title'],
		['  Chapter 1: Dawn & Dusk! ', 'chapter-1-dawn-dusk'],
		['Ça coûte cher — naïve', 'ca-coute-cher-naive'],
		['../../etc/passwd', 'etc-passwd'],
		['..', 'chapter'],
		['日本語', 'chapter'],
		['', 'chapter'],
		['ÆON', 'on'],
	])('%j → %j', (title, slug) => {
		expect(slugify(title)).toBe(slug);
	});

	it('keeps at most 60 characters and no trailing dash', () => {
		const slug = slugify(`${'word '.repeat(11)}x${'y'.repeat(20)}`);
		expect(slug.length).toBeLessThanOrEqual(60);
		expect(slug).toMatch(/^[a-z\d]+(?:-[a-z\d]+)*$/);
		expect(slugify('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
	});
});

describe('chapterFileName', () => {
	it('numbers with two digits', () => {
		expect(chapterFileName(1, 'The Title')).toBe('01-the-title.md');
		expect(chapterFileName(0, 'Front matter')).toBe('00-front-matter.md');
		expect(chapterFileName(42, '')).toBe('42-chapter.md');
	});

	it('widens the number for large books so the files sort in order', () => {
		expect(chapterFileName(7, 'X', 120)).toBe('007-x.md');
		expect(chapterFileName(120, 'X', 120)).toBe('120-x.md');
		expect(chapterFileName(120, 'X')).toBe('120-x.md');
	});

	it.each([-1, 1.5])('refuses index %d', (index) => {
		expect(() => chapterFileName(index, 'x')).toThrow(RangeError);
	});
});

describe('splitChapters', () => {
	it('splits at top-level headings, keeping sections inside their chapter', () => {
		const book = '# One\n\nText one.\n\n## A section\n\nMore.\n\n# Two\n\nText two.\n';
		expect(splitChapters(book)).toEqual([
			{index: 1, title: 'One', slug: 'one', text: '# One\n\nText one.\n\n## A section\n\nMore.\n'},
			{index: 2, title: 'Two', slug: 'two', text: '# Two\n\nText two.\n'},
		]);
	});

	it('makes text before the first heading the front matter', () => {
		const parts = splitChapters('A Book\nby Someone\n\n# One\nText.');
		expect(parts.map(({index, title, slug}) => ({index, title, slug}))).toEqual([
			{index: 0, title: 'Front matter', slug: 'front-matter'},
			{index: 1, title: 'One', slug: 'one'},
		]);
		expect(parts[0]!.text).toBe('A Book\nby Someone\n');
	});

	it('leaves out blank front matter', () => {
		expect(splitChapters('\n\n  \n# One\nText.').map((part) => part.index)).toEqual([1]);
	});

	it('does not split at "# " lines inside fenced code blocks', () => {
		const book = '# One\n\n```bash\n# a shell comment\necho hi\n```\n\n~~~\n# another\n~~~\n\n# Two\nEnd.';
		const parts = splitChapters(book);
		expect(parts.map((part) => part.title)).toEqual(['One', 'Two']);
		expect(parts[0]!.text).toContain('# a shell comment');
		expect(parts[0]!.text).toContain('# another');
	});

	it('treats an unclosed fence as running to the end', () => {
		expect(splitChapters('# One\n```\n# not a chapter\n').map((part) => part.title)).toEqual(['One']);
	});

	it('makes a text without headings all front matter', () => {
		expect(splitChapters('Just prose.\n\nMore prose.')).toEqual([
			{index: 0, title: 'Front matter', slug: 'front-matter', text: 'Just prose.\n\nMore prose.\n'},
		]);
	});

	it('has no parts for a blank text', () => {
		expect(splitChapters('')).toEqual([]);
		expect(splitChapters('\n \n')).toEqual([]);
	});

	it('names an empty heading by its number', () => {
		expect(splitChapters('# One\nA.\n#\nB.')[1]).toMatchObject({
			index: 2,
			title: 'Chapter 2',
			slug: 'chapter-2',
		});
	});

	it('handles CR LF and keeps the text of every part', () => {
		const book = 'Front.\r\n\r\n# One\r\nA.\r\n\r\n# Two\r\nB.\r\n';
		const parts = splitChapters(book);
		expect(parts.map((part) => part.text)).toEqual(['Front.\n', '# One\nA.\n', '# Two\nB.\n']);
	});

	it('keeps the leading indentation of front matter', () => {
		expect(splitChapters('\n    indented code\n# One')[0]!.text).toBe('    indented code\n');
	});

	it('loses no text', () => {
		const book = 'Intro.\n\n# One\n\nA.\n\n```\n# x\n```\n\n# Two\n\nB.';
		const joined = splitChapters(book)
			.map((part) => part.text)
			.join('\n');
		expect(joined.replaceAll(/\s+/g, '')).toBe(book.replaceAll(/\s+/g, ''));
	});
});
