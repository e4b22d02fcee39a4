import {describe, expect, it} from 'vitest';
import {createMasker} from '../../source/agents/output-mask.js';

describe('createMasker', () => {
	it('masks every occurrence, longest secret first, and ignores short ones', () => {
		const mask = createMasker(['abcd', 'abcdefgh', 'xyz', 'abcd']);
		expect(mask('key=abcdefgh, again abcdefgh, part abcd, short xyz')).toBe(
			'key=****, again ****, part ****, short xyz',
		);
	});

	it('passes output through untouched when there is nothing to mask', () => {
		const mask = createMasker([]);
		const chunk = 'plain output';
		expect(mask(chunk)).toBe(chunk);
	});
});
