import {describe, expect, it} from 'vitest';
import {DomainError} from '../../../source/core/errors.js';
import {isKnobName, knobNames, parseKnobValue, setKnob} from '../../../source/core/authoring/knobs.js';

describe('knobNames', () => {
	it('lists the session knobs', () => {
		expect(knobNames).toEqual([
			'continuation',
			'anchorChars',
			'repetitionThreshold',
			'minChars',
			'overlays',
			'readingOverlay',
		]);
		expect(isKnobName('anchorChars')).toBe(true);
		expect(isKnobName('anchorchars')).toBe(false);
		expect(isKnobName('toString')).toBe(false);
	});
});

describe('parseKnobValue', () => {
	it.each([
		['continuation', 'anchor', 'anchor'],
		['continuation', ' NONE ', 'none'],
		['anchorChars', '800', 800],
		['anchorChars', '0', 0],
		['anchorChars', '20000', 20_000],
		['minChars', '4200', 4200],
		['minChars', '0', 0],
		['repetitionThreshold', '0.8', 0.8],
		['repetitionThreshold', '.35', 0.35],
		['repetitionThreshold', '1', 1],
		['repetitionThreshold', '0', 0],
		['repetitionThreshold', '80%', 0.8],
		['overlays', 'narrative,no_bs', ['narrative', 'no_bs']],
		['overlays', ' narrative , no_bs , narrative ', ['narrative', 'no_bs']],
		['overlays', 'none', []],
		['readingOverlay', 'reading-beginner', 'reading-beginner'],
		['readingOverlay', 'none', null],
		['readingOverlay', 'OFF', null],
	])('%s %j → %j', (name, text, value) => {
		expect(parseKnobValue(name, text)).toEqual(value);
	});

	it.each([
		['anchorChars', 'abc', 'anchorChars must be a whole number of characters (0–20000), not "abc"'],
		['anchorChars', '1.5', 'anchorChars must be a whole number of characters (0–20000)'],
		['anchorChars', '-1', 'anchorChars must be a whole number of characters (0–20000)'],
		['anchorChars', '20001', 'anchorChars must be a whole number of characters (0–20000)'],
		['anchorChars', '', 'anchorChars must be a whole number of characters (0–20000)'],
		['minChars', '1e3', 'minChars must be a whole number of characters (0–100000)'],
		['repetitionThreshold', '1.5', 'repetitionThreshold must be a number from 0 to 1'],
		['repetitionThreshold', '-0.1', 'repetitionThreshold must be a number from 0 to 1'],
		['repetitionThreshold', 'high', 'repetitionThreshold must be a number from 0 to 1'],
		['repetitionThreshold', '120%', 'repetitionThreshold must be a number from 0 to 1'],
		['continuation', 'semantic', 'continuation must be anchor or none, not "semantic"'],
		['overlays', 'narrative,,no_bs', 'overlays must be a comma-separated list of directive names'],
		['overlays', '../etc', '"../etc" is not a name'],
		['readingOverlay', 'a b', 'readingOverlay must be a directive name, or none to clear it'],
		['speed', '1', 'unknown knob "speed" (use continuation, anchorChars, repetitionThreshold'],
	])('refuses %s %j', (name, text, message) => {
		expect(() => parseKnobValue(name, text)).toThrow(message);
		expect(() => parseKnobValue(name, text)).toThrow(DomainError);
	});

	it('throws DomainError with code invalid', () => {
		try {
			parseKnobValue('anchorChars', 'abc');
			expect.unreachable();
		} catch (error) {
			expect(error).toMatchObject({name: 'DomainError', code: 'invalid'});
		}
	});
});

describe('setKnob', () => {
	it('returns new knobs with the value set, leaving the old ones alone', () => {
		const before = {anchorChars: 300};
		const after = setKnob(before, 'readingOverlay', 'none');
		expect(after).toEqual({anchorChars: 300, readingOverlay: null});
		expect(before).toEqual({anchorChars: 300});
		expect(setKnob(after, 'anchorChars', '900')).toEqual({anchorChars: 900, readingOverlay: null});
	});

	it('refuses a bad value without changing anything', () => {
		expect(() => setKnob({}, 'minChars', 'lots')).toThrow('minChars must be a whole number');
	});
});
