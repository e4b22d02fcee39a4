import {describe, expect, it} from 'vitest';
import {outlineItems, parseOutline} from '../../../source/core/authoring/outline.js';

describe('outlineItems', () => {
	it.each([
		['1. Dawn — the village wakes\n2. Noon — the market', ['Dawn — the village wakes', 'Noon — the market']],
		['1) Dawn\n2) Noon', ['Dawn', 'Noon']],
		['1: Dawn\n2: Noon', ['Dawn', 'Noon']],
		['**1. Dawn** — scope\n**2. Noon**', ['Dawn — scope', 'Noon']],
		['## 1. Dawn\n## 2. Noon', ['Dawn', 'Noon']],
		['Chapter 1: Dawn\nchapter 2: Noon\nPart 3. Dusk', ['Dawn', 'Noon', 'Dusk']],
		['- Dawn\n- Noon', ['Dawn', 'Noon']],
		['* Dawn\n+ Noon\n• Dusk', ['Dawn', 'Noon', 'Dusk']],
		['1. Dawn\r\n2. Noon\r\n', ['Dawn', 'Noon']],
	])('reads %j', (text, items) => {
		expect(outlineItems(text)).toEqual(items);
	});

	it('prefers numbered items and leaves out bullets and prose around them', () => {
		const text = [
			'Here is the outline:',
			'',
			'1. Dawn',
			'   - the baker',
			'   - the well',
			'2. Noon',
			'- a stray bullet',
			'',
			'Let me know if you want changes.',
		].join('\n');
		expect(outlineItems(text)).toEqual(['Dawn', 'Noon']);
	});

	it('keeps only the least indented items', () => {
		expect(outlineItems('- Dawn\n  - baker\n\t- well\n- Noon')).toEqual(['Dawn', 'Noon']);
		expect(outlineItems('1. Dawn\n   1. baker\n2. Noon')).toEqual(['Dawn', 'Noon']);
	});

	it('ignores rules and empty items', () => {
		expect(outlineItems('- Dawn\n* * *\n- **\n- Noon')).toEqual(['Dawn', 'Noon']);
	});

	it('is empty for prose', () => {
		expect(outlineItems('The book should start at dawn and end at night.')).toEqual([]);
		expect(outlineItems('')).toEqual([]);
	});
});

describe('parseOutline', () => {
	const numbered = (count: number) =>
		Array.from({length: count}, (_, index) => `${index + 1}. S${index + 1}`).join('\n');

	it('gives one section per chunk when the counts match', () => {
		expect(parseOutline(numbered(3), 3)).toEqual(['S1', 'S2', 'S3']);
	});

	it('joins runs of items when there are more items than chunks, keeping the ending', () => {
		expect(parseOutline(numbered(5), 2)).toEqual(['S1; S2', 'S3; S4; S5']);
		expect(parseOutline(numbered(4), 1)).toEqual(['S1; S2; S3; S4']);
	});

	it('spreads items over several chunks when there are fewer items than chunks', () => {
		expect(parseOutline(numbered(2), 5)).toEqual([
			'S1 (part 1 of 3)',
			'S1 (part 2 of 3)',
			'S1 (part 3 of 3)',
			'S2 (part 1 of 2)',
			'S2 (part 2 of 2)',
		]);
		expect(parseOutline(numbered(1), 2)).toEqual(['S1 (part 1 of 2)', 'S1 (part 2 of 2)']);
	});

	it('marks parts only on items that span more than one chunk', () => {
		expect(parseOutline(numbered(3), 4)).toEqual(['S1 (part 1 of 2)', 'S1 (part 2 of 2)', 'S2', 'S3']);
	});

	it.each([
		[12, 40],
		[7, 40],
		[39, 40],
		[41, 40],
		[100, 24],
	])('with %d items for %d chunks, covers every item in order', (count, chunks) => {
		const sections = parseOutline(numbered(count), chunks);
		expect(sections).toHaveLength(chunks);
		const mentioned = sections.flatMap((section) =>
			[...section.matchAll(/S(\d+)/g)].map((match) => Number(match[1])),
		);
		expect([...new Set(mentioned)]).toEqual(Array.from({length: count}, (_, index) => index + 1));
	});

	it('is empty when the text has no items', () => {
		expect(parseOutline('I would rather not.', 12)).toEqual([]);
	});

	it.each([0, -1, 2.5])('refuses %d chunks', (chunks) => {
		expect(() => parseOutline(numbered(3), chunks)).toThrow(RangeError);
	});
});
