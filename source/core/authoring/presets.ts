/**
 * Authoring presets and the resolution of an `author` request into the {@link AuthorSpec} its job records.
 *
 * Precedence, most specific first: the request's own options (`--length`, `--overlays`), then the
 * session knobs, then config.yml's `authoring` settings. Resolving happens once, when the job is added,
 * so changing a setting later never changes a book half-written.
 */
import {authorSpecSchema, type AuthorSpec} from '../author.js';
import {DomainError} from '../errors.js';
import type {Knobs} from './knobs.js';

/** A length preset: how long each chunk must be. */
export type LengthPreset = {
	/** Minimum characters of a chunk; shorter chunks are micro-extended. */
	readonly minChars: number;
	/** Most micro-extension passes per chunk. */
	readonly passes: number;
};

/** The `authoring` section of config.yml, with every default filled in. */
export type AuthoringSettings = {
	/** Length presets by name (`standard`, `long`, …). */
	readonly lengths: Readonly<Record<string, LengthPreset>>;
	/** Span presets by name (`medium`, `long`, `book`): number of chunks. */
	readonly spans: Readonly<Record<string, number>>;
	/** Overlay directives applied when neither the request nor the knobs name any. */
	readonly overlays: readonly string[];
	/** Length preset used when the request names none. */
	readonly defaultLength: string;
	/** Span preset used when the request names none. */
	readonly defaultSpan: string;
	/** Characters of text-so-far sent as the anchor (see `anchorFrom`). */
	readonly anchorChars: number;
	/** Word 3-gram Jaccard similarity above which a chunk counts as a repetition, 0–1. */
	readonly repetitionThreshold: number;
	/** After a repetition the retry did not cure: keep writing, or pause the job. */
	readonly repetitionAction: 'continue' | 'pause';
	/** `anchor`: continue from the tail of the text; `none`: from the direction alone. */
	readonly continuation: 'anchor' | 'none';
	/** A micro-extension pass adding fewer characters than this is a stall (0: never). */
	readonly stallChars: number;
	/** Overlay appended to every job's overlays (e.g. a reading level), if any. */
	readonly readingOverlay?: string;
};

/**
 * The defaults, those of XSArena: length `standard` 4200/1, `long` 5800/3, `very-long` 6200/4, `max`
 * 6800/5 (minimum characters / passes); span `medium` 12, `long` 24, `book` 40 chunks; `long` × `book`
 * by default. The anchor is 1200 characters, about 200 words or two paragraphs: enough for the model to
 * catch the voice and the last beat, and small next to a 4200-character chunk. XSArena used 300 and
 * advised at least 200–300; less context made restarts and repetition more likely. A pass adding under
 * 200 characters (a paragraph's worth) is a stall.
 */
export const defaultAuthoringSettings: AuthoringSettings = {
	lengths: {
		standard: {minChars: 4200, passes: 1},
		long: {minChars: 5800, passes: 3},
		'very-long': {minChars: 6200, passes: 4},
		max: {minChars: 6800, passes: 5},
	},
	spans: {medium: 12, long: 24, book: 40},
	overlays: ['narrative', 'no_bs'],
	defaultLength: 'long',
	defaultSpan: 'book',
	anchorChars: 1200,
	repetitionThreshold: 0.8,
	repetitionAction: 'continue',
	continuation: 'anchor',
	stallChars: 200,
};

/** What a person asked for (`author "<subject>" --length long --overlays a,b …`). */
export type AuthorRequest = {
	/** What to write about; trimmed, must not be blank. */
	readonly subject: string;
	/** Base directive; default `book`. */
	readonly template?: string;
	/** Length preset name; default `settings.defaultLength`. */
	readonly length?: string;
	/** Span preset name; default `settings.defaultSpan`. */
	readonly span?: string;
	/** Overrides the knobs' and the settings' overlays (an empty list: none). */
	readonly overlays?: readonly string[];
	/** Extra files for the system prompt, relative to the project folder. */
	readonly files?: readonly string[];
	/** A note appended to the system prompt; trimmed, left out when blank. */
	readonly note?: string;
	/** Ask for an outline first; default false. */
	readonly plan?: boolean;
	/** Output file relative to the project folder. */
	readonly out?: string;
	/** Transport name from config. */
	readonly transport?: string;
	/** Model name for the transport. */
	readonly model?: string;
};

function preset<T>(kind: 'length' | 'span', name: string, table: Readonly<Record<string, T>>): T {
	if (!Object.hasOwn(table, name)) {
		const names = Object.keys(table).join(', ');
		throw new DomainError('invalid', `unknown ${kind} ${JSON.stringify(name)} (use ${names})`);
	}

	return table[name]!;
}

/**
 * Resolve a request into the spec its job records.
 *
 * - `minChars`: a length named in the request gives its preset's; otherwise the `minChars` knob, else
 *   the default length preset's. `passes` always comes from the length preset.
 * - `overlays`: the request's, else the knobs', else the settings'; then the reading overlay (the
 *   knob's, `null` meaning none, else the settings') is appended unless already listed. No duplicates.
 * - `continuation: 'none'` sets `anchorChars` to 0, so `anchorFrom(text, spec.anchorChars)` is '' then.
 *
 * @throws {DomainError} `invalid` for an empty subject, an unknown length or span (listing the valid
 * names), or a value the spec cannot hold (e.g. a 65-character overlay name).
 */
export function resolveAuthorSpec(
	request: AuthorRequest,
	settings: AuthoringSettings,
	knobs: Knobs,
): AuthorSpec {
	const subject = request.subject.trim();
	if (subject === '') {
		throw new DomainError('invalid', 'an author job needs a subject');
	}

	const length = request.length ?? settings.defaultLength;
	const span = request.span ?? settings.defaultSpan;
	const lengthPreset = preset('length', length, settings.lengths);
	const chunks = preset('span', span, settings.spans);
	const minChars =
		request.length === undefined ? (knobs.minChars ?? lengthPreset.minChars) : lengthPreset.minChars;

	const reading =
		knobs.readingOverlay === null ? undefined : (knobs.readingOverlay ?? settings.readingOverlay);
	const overlays = [...(request.overlays ?? knobs.overlays ?? settings.overlays)];
	if (reading !== undefined) {
		overlays.push(reading);
	}

	const continuation = knobs.continuation ?? settings.continuation;
	const note = request.note?.trim();
	const spec = {
		subject,
		template: request.template ?? 'book',
		length,
		span,
		chunks,
		minChars,
		passes: lengthPreset.passes,
		overlays: [...new Set(overlays)],
		files: [...(request.files ?? [])],
		...(note ? {note} : {}),
		plan: request.plan ?? false,
		...(request.out === undefined ? {} : {out: request.out}),
		...(request.transport === undefined ? {} : {transport: request.transport}),
		...(request.model === undefined ? {} : {model: request.model}),
		continuation,
		anchorChars: continuation === 'none' ? 0 : (knobs.anchorChars ?? settings.anchorChars),
		repetitionThreshold: knobs.repetitionThreshold ?? settings.repetitionThreshold,
		repetitionAction: settings.repetitionAction,
		stallChars: settings.stallChars,
	};

	// The spec goes into an event that must parse on replay; refuse here what the schema would refuse there.
	const parsed = authorSpecSchema.safeParse(spec);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new DomainError(
			'invalid',
			`author job: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
		);
	}

	return parsed.data;
}
