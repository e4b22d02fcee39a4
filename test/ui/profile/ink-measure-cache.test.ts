import {renderToString, Text} from 'ink';
import {createElement} from 'react';
import {describe, expect, it} from 'vitest';
import {boundInkMeasureCache, inkMeasureCacheSize} from '../../../source/ui/profile/ink-measure-cache.js';

describe("bounding Ink's text-measurement cache", () => {
	it('finds the cache Ink measures with, keeps it at its limit, and leaves the sizes right', () => {
		const limit = 50;
		const handle = boundInkMeasureCache(limit);
		expect(handle).toBeDefined();
		expect(boundInkMeasureCache(10)).toBe(handle); // Idempotent: the first limit stays.
		for (let index = 0; index < 300; index++) {
			renderToString(createElement(Text, null, `distinct streaming row ${index}`), {columns: 80});
		}

		expect(handle!.size).toBe(limit);
		expect(inkMeasureCacheSize()).toBe(limit);
		// Measuring still works: wrapping needs the right width of a string measured after eviction.
		const output = renderToString(createElement(Text, null, 'alpha bravo charlie delta'), {columns: 12});
		expect(output.split('\n')).toEqual(['alpha bravo', 'charlie', 'delta']);
		expect(handle!.size).toBeLessThanOrEqual(limit);
	});
});
