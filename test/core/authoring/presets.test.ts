import {describe, expect, it} from 'vitest';
import {
	defaultAuthoringSettings,
	resolveAuthorSpec,
	type AuthoringSettings,
} from '../../../source/core/authoring/presets.js';
import {authorSpecSchema} from '../../../source/core/author.js';

const settings = defaultAuthoringSettings;

describe('defaultAuthoringSettings', () => {
	it('has the XSArena presets', () => {
		expect(settings.lengths).toEqual({
			standard: {minChars: 4200, passes: 1},
			long: {minChars: 5800, passes: 3},
			'very-long': {minChars: 6200, passes: 4},
			max: {minChars: 6800, passes: 5},
		});
		expect(settings.spans).toEqual({medium: 12, long: 24, book: 40});
		expect(settings.overlays).toEqual(['narrative', 'no_bs']);
		expect(settings).toMatchObject({
			defaultLength: 'long',
			defaultSpan: 'book',
			anchorChars: 1200,
			repetitionThreshold: 0.8,
			repetitionAction: 'continue',
			continuation: 'anchor',
			stallChars: 200,
		});
		expect(settings.readingOverlay).toBeUndefined();
	});
});

describe('resolveAuthorSpec', () => {
	it('resolves a bare subject with the defaults', () => {
		const spec = resolveAuthorSpec({subject: '  The history of bread '}, settings, {});
		expect(spec).toEqual({
			subject: 'The history of bread',
			template: 'book',
			length: 'long',
			span: 'book',
			chunks: 40,
			minChars: 5800,
			passes: 3,
			overlays: ['narrative', 'no_bs'],
			files: [],
			plan: false,
			continuation: 'anchor',
			anchorChars: 1200,
			repetitionThreshold: 0.8,
			repetitionAction: 'continue',
			stallChars: 200,
		});
		expect(authorSpecSchema.parse(spec)).toEqual(spec);
	});

	it.each([
		['standard', 'medium', 4200, 1, 12],
		['long', 'long', 5800, 3, 24],
		['very-long', 'book', 6200, 4, 40],
		['max', 'medium', 6800, 5, 12],
	])('length %s, span %s → %d chars, %d passes, %d chunks', (length, span, minChars, passes, chunks) => {
		expect(resolveAuthorSpec({subject: 's', length, span}, settings, {})).toMatchObject({
			length,
			span,
			minChars,
			passes,
			chunks,
		});
	});

	it('passes the request through', () => {
		const spec = resolveAuthorSpec(
			{
				subject: 's',
				template: 'explainer',
				files: ['notes/a.md'],
				note: '  Keep it short.  ',
				plan: true,
				out: 'book.md',
				transport: 'openai',
				model: 'gpt-4o-mini',
			},
			settings,
			{},
		);
		expect(spec).toMatchObject({
			template: 'explainer',
			files: ['notes/a.md'],
			note: 'Keep it short.',
			plan: true,
			out: 'book.md',
			transport: 'openai',
			model: 'gpt-4o-mini',
		});
	});

	it('leaves out a blank note', () => {
		expect(resolveAuthorSpec({subject: 's', note: '  '}, settings, {})).not.toHaveProperty('note');
	});

	describe('precedence: request, then knobs, then settings', () => {
		it('takes the knobs over the settings', () => {
			const spec = resolveAuthorSpec({subject: 's'}, settings, {
				continuation: 'anchor',
				anchorChars: 300,
				repetitionThreshold: 0.35,
				minChars: 3000,
				overlays: ['compressed'],
			});
			expect(spec).toMatchObject({anchorChars: 300, repetitionThreshold: 0.35, minChars: 3000, passes: 3});
			expect(spec.overlays).toEqual(['compressed']);
		});

		it('takes an explicit length preset over the minChars knob', () => {
			expect(resolveAuthorSpec({subject: 's', length: 'max'}, settings, {minChars: 100}).minChars).toBe(6800);
		});

		it('takes the request overlays over the knobs, even an empty list', () => {
			const knobs = {overlays: ['compressed']};
			expect(resolveAuthorSpec({subject: 's', overlays: ['tight']}, settings, knobs).overlays).toEqual([
				'tight',
			]);
			expect(resolveAuthorSpec({subject: 's', overlays: []}, settings, knobs).overlays).toEqual([]);
		});

		it('sets anchorChars to 0 in continuation none', () => {
			const spec = resolveAuthorSpec({subject: 's'}, settings, {continuation: 'none', anchorChars: 500});
			expect(spec).toMatchObject({continuation: 'none', anchorChars: 0});
		});
	});

	describe('reading overlay', () => {
		const withReading: AuthoringSettings = {...settings, readingOverlay: 'reading-adult'};

		it('is appended from the settings', () => {
			expect(resolveAuthorSpec({subject: 's'}, withReading, {}).overlays).toEqual([
				'narrative',
				'no_bs',
				'reading-adult',
			]);
		});

		it('is replaced by the knob, or cleared by a null knob', () => {
			expect(resolveAuthorSpec({subject: 's'}, withReading, {readingOverlay: 'kids'}).overlays).toEqual([
				'narrative',
				'no_bs',
				'kids',
			]);
			expect(resolveAuthorSpec({subject: 's'}, withReading, {readingOverlay: null}).overlays).toEqual([
				'narrative',
				'no_bs',
			]);
		});

		it('is not added twice, and overlays lose duplicates', () => {
			const spec = resolveAuthorSpec({subject: 's', overlays: ['a', 'reading-adult', 'a']}, withReading, {});
			expect(spec.overlays).toEqual(['a', 'reading-adult']);
		});

		it('is added to an empty overlay list', () => {
			expect(resolveAuthorSpec({subject: 's', overlays: []}, withReading, {}).overlays).toEqual([
				'reading-adult',
			]);
		});
	});

	describe('refusals', () => {
		it('refuses an empty subject', () => {
			expect(() => resolveAuthorSpec({subject: ' \n '}, settings, {})).toThrow(
				'an author job needs a subject',
			);
		});

		it('refuses an unknown length, listing the valid ones', () => {
			expect(() => resolveAuthorSpec({subject: 's', length: 'huge'}, settings, {})).toThrow(
				'unknown length "huge" (use standard, long, very-long, max)',
			);
		});

		it('refuses an unknown span, also one named like an Object method', () => {
			expect(() => resolveAuthorSpec({subject: 's', span: 'toString'}, settings, {})).toThrow(
				'unknown span "toString" (use medium, long, book)',
			);
		});

		it('refuses an unknown default from the settings', () => {
			expect(() => resolveAuthorSpec({subject: 's'}, {...settings, defaultSpan: 'epic'}, {})).toThrow(
				'unknown span "epic"',
			);
		});

		it('refuses what the recorded spec could not hold', () => {
			expect(() => resolveAuthorSpec({subject: 's', overlays: ['x'.repeat(65)]}, settings, {})).toThrow(
				/^author job: overlays\.0: /,
			);
		});

		it('throws DomainError with code invalid', () => {
			expect(() => resolveAuthorSpec({subject: 's', length: 'huge'}, settings, {})).toThrow(
				expect.objectContaining({name: 'DomainError', code: 'invalid'}),
			);
		});
	});
});
