/**
 * The `authoring:` section of `config.yml`: the presets of author jobs (length → minimum characters
 * per chunk and micro-extension passes; span → number of chunks), default overlays and the chunk
 * loop's settings. Defaults follow the XSArena design this feature comes from.
 */
import {z} from 'zod';
import {
	defaultAuthoringSettings,
	resolveAuthorSpec,
	type AuthorRequest,
	type AuthorSpec,
} from '../core/index.js';
import {durationSchema} from './duration.js';
import {readKnobs} from './session-state.js';

const presetName = z.string().regex(/^[\w-]{1,64}$/, 'preset names are letters, digits, - and _');
const directiveName = z.string().regex(/^[\w-]{1,64}$/, 'directive names are letters, digits, - and _');
const d = defaultAuthoringSettings;

/** `authoring:` in `config.yml`, every key optional. */
export const authoringSchema = z
	.strictObject({
		/** Length presets: `{standard: {minChars: 4200, passes: 1}, …}`. */
		lengths: z
			.record(
				presetName,
				z.strictObject({
					minChars: z.number().int().min(0).max(100_000),
					passes: z.number().int().min(0).max(20),
				}),
			)
			.default(d.lengths),
		/** Span presets: number of chunks (`{medium: 12, long: 24, book: 40}`). */
		spans: z.record(presetName, z.number().int().min(1).max(1000)).default(d.spans),
		/** Overlays a new job gets when neither `book --overlay` nor the `overlays` knob names any. */
		overlays: z
			.array(directiveName)
			.max(50)
			.default([...d.overlays]),
		/** Length preset `book` uses by default. */
		defaultLength: presetName.default(d.defaultLength),
		/** Span preset `book` uses by default. */
		defaultSpan: presetName.default(d.defaultSpan),
		/** `anchor`: each chunk continues from the tail of the text so far; `none`: from the direction only. */
		continuation: z.enum(['anchor', 'none']).default(d.continuation),
		/** Characters of text-so-far sent as the anchor. */
		anchorChars: z.number().int().min(0).max(20_000).default(d.anchorChars),
		/** Jaccard similarity of word 3-grams above which a chunk is a repetition. */
		repetitionThreshold: z.number().min(0).max(1).default(d.repetitionThreshold),
		/** After a repetition the retry did not cure: `continue` (record it) or `pause` the job. */
		repetitionAction: z.enum(['continue', 'pause']).default(d.repetitionAction),
		/** A micro-extension pass adding fewer characters than this is a stall: stop extending. */
		stallChars: z.number().int().min(0).max(100_000).default(d.stallChars),
		/** A reading-level overlay added to every new job (`reading-beginner`, …). */
		readingOverlay: directiveName.optional(),
		/**
		 * Attempts at one request before the job is blocked, for failures that may heal (a cut stream,
		 * a timeout, 5xx and 429 after the transport's own retries). An open circuit is never retried.
		 */
		attempts: z.number().int().min(1).max(10).default(3),
		/** Wait before the second attempt (doubling after): ms or a duration. */
		retryDelay: durationSchema.default(2000),
	})
	.superRefine((settings, context) => {
		for (const [key, names] of [
			['defaultLength', Object.keys(settings.lengths)],
			['defaultSpan', Object.keys(settings.spans)],
		] as const) {
			if (!names.includes(settings[key])) {
				context.addIssue({
					code: 'custom',
					path: [key],
					message: `"${settings[key]}" is not one of the presets (${names.join(', ')})`,
				});
			}
		}
	});

/** See {@link authoringSchema}. */
export type AuthoringConfig = z.output<typeof authoringSchema>;

/**
 * Resolve author requests the way `book` does: the request's options, then the session knobs of the
 * `.xsarena/` folder `root` (read now), then `settings`; the transport defaults to `defaultTransport`.
 *
 * @throws {DomainError} for an unknown preset or an empty subject; Error for an unreadable session state.
 */
export function authorResolver(
	settings: AuthoringConfig,
	defaultTransport: string,
	root: string,
): (request: AuthorRequest) => AuthorSpec {
	const knobs = readKnobs(root);
	return (request) =>
		resolveAuthorSpec({...request, transport: request.transport ?? defaultTransport}, settings, knobs);
}
