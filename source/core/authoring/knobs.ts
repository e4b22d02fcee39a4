/**
 * Session knobs: the few authoring settings a person changes from the REPL (`set anchorChars 800`),
 * kept in `.xsarena/session_state.json` and applied on top of config.yml when a job is added.
 */
import {DomainError} from '../errors.js';
import {directiveNamePattern} from '../directives.js';

/** Every knob with its value. */
export type KnobValues = {
	/** `anchor`: continue from the tail of the text so far; `none`: from the direction alone. */
	continuation: 'anchor' | 'none';
	/** Characters of text-so-far sent as the anchor, 0–20000. */
	anchorChars: number;
	/** Similarity (0–1) above which a chunk counts as a repetition. */
	repetitionThreshold: number;
	/** Minimum characters per chunk, 0–100000; overrides the default length preset's. */
	minChars: number;
	/** Overlay directives, in order; replaces the configured defaults. */
	overlays: readonly string[];
	/** Overlay appended to every job's overlays; `null` clears the configured one. */
	readingOverlay: string | null;
};

/** The knobs a person has set; a missing one falls back to config.yml. */
export type Knobs = Partial<KnobValues>;

/** Knob names, in the order `set` lists them. */
export const knobNames = [
	'continuation',
	'anchorChars',
	'repetitionThreshold',
	'minChars',
	'overlays',
	'readingOverlay',
] as const satisfies ReadonlyArray<keyof KnobValues>;

/** See {@link knobNames}. */
export type KnobName = (typeof knobNames)[number];

/** Whether `name` is a knob's name (exact case). */
export function isKnobName(name: string): name is KnobName {
	return (knobNames as readonly string[]).includes(name);
}

const maxAnchorChars = 20_000;
const maxMinChars = 100_000;
const clearWords = new Set(['none', 'off', '']);

function wholeNumber(name: string, text: string, max: number): number {
	const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!(value <= max)) {
		throw new DomainError(
			'invalid',
			`${name} must be a whole number of characters (0–${max}), not ${JSON.stringify(text)}`,
		);
	}

	return value;
}

function threshold(text: string): number {
	const percent = text.endsWith('%');
	const number = /^(?:\d+\.?\d*|\.\d+)%?$/.test(text) ? Number.parseFloat(text) / (percent ? 100 : 1) : -1;
	if (!(number >= 0 && number <= 1)) {
		throw new DomainError(
			'invalid',
			`repetitionThreshold must be a number from 0 to 1 (e.g. 0.8, or 80%), not ${JSON.stringify(text)}`,
		);
	}

	return number;
}

function overlayList(text: string): string[] {
	if (clearWords.has(text.toLowerCase())) {
		return [];
	}

	const names = text.split(',').map((part) => part.trim());
	const bad = names.find((name) => !directiveNamePattern.test(name));
	if (bad !== undefined) {
		throw new DomainError(
			'invalid',
			`overlays must be a comma-separated list of directive names, e.g. narrative,no_bs (or none): ${JSON.stringify(bad)} is not a name`,
		);
	}

	return [...new Set(names)];
}

function readingOverlay(text: string): string | null {
	if (clearWords.has(text.toLowerCase())) {
		return null;
	}

	if (!directiveNamePattern.test(text)) {
		throw new DomainError(
			'invalid',
			`readingOverlay must be a directive name, or none to clear it, not ${JSON.stringify(text)}`,
		);
	}

	return text;
}

/**
 * Parse the text a person typed for a knob (surrounding spaces ignored): `anchor`/`none`; a whole
 * number of characters; a threshold as `0.8`, `.8` or `80%`; overlays as a comma-separated list
 * (`none` for no overlays); a reading overlay name, or `none`/`off` to clear it.
 *
 * @throws {DomainError} `invalid` for an unknown knob (listing the names) or a value it cannot take,
 * e.g. `anchorChars must be a whole number of characters (0–20000), not "abc"`.
 */
export function parseKnobValue<K extends KnobName>(name: K, text: string): KnobValues[K];
export function parseKnobValue(name: string, text: string): KnobValues[KnobName];
export function parseKnobValue(name: string, text: string): KnobValues[KnobName] {
	const value = text.trim();
	if (!isKnobName(name)) {
		throw new DomainError('invalid', `unknown knob ${JSON.stringify(name)} (use ${knobNames.join(', ')})`);
	}

	switch (name) {
		case 'continuation': {
			const mode = value.toLowerCase();
			if (mode !== 'anchor' && mode !== 'none') {
				throw new DomainError('invalid', `continuation must be anchor or none, not ${JSON.stringify(value)}`);
			}

			return mode;
		}

		case 'anchorChars': {
			return wholeNumber(name, value, maxAnchorChars);
		}

		case 'minChars': {
			return wholeNumber(name, value, maxMinChars);
		}

		case 'repetitionThreshold': {
			return threshold(value);
		}

		case 'overlays': {
			return overlayList(value);
		}

		case 'readingOverlay': {
			return readingOverlay(value);
		}

		default: {
			const unreachable: never = name;
			return unreachable;
		}
	}
}

/**
 * `knobs` with `name` set from `text` (see {@link parseKnobValue}); a new object, `knobs` is unchanged.
 *
 * @throws {DomainError} as {@link parseKnobValue}.
 */
export function setKnob(knobs: Knobs, name: string, text: string): Knobs {
	const value = parseKnobValue(name, text);
	return {...knobs, [name]: value};
}
