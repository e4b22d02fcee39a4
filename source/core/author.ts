/**
 * Authoring jobs (`kind: author`): what a job asks to be written (its {@link AuthorSpec}, frozen when the
 * job is added) and how far the writing got (its {@link AuthorProgress}, folded from `chunk.*` events).
 * The rules of the chunk loop itself are in `authoring/`.
 */
import {z} from 'zod';

const name = z.string().min(1).max(64);

/**
 * The resolved request of an authoring job, as recorded in its `job.created` event: presets and knobs
 * are resolved when the job is added, so changing a setting later never changes a book half-written.
 */
export const authorSpecSchema = z.object({
	/** What the text is about. */
	subject: z.string().min(1).max(10_000),
	/** Base directive (`book`, `explainer`, `study-guide`, …). */
	template: name,
	/** Length preset name (`standard`, `long`, …), for display; its values are below. */
	length: name,
	/** Span preset name (`medium`, `long`, `book`), for display. */
	span: name,
	/** Number of chunks to write. */
	chunks: z.number().int().min(1).max(1000),
	/** Minimum characters of a chunk before it is accepted (micro-extension tops it up). */
	minChars: z.number().int().min(0).max(1_000_000),
	/** Most micro-extension passes per chunk. */
	passes: z.number().int().min(0).max(20),
	/** Overlay directives, in composition order. */
	overlays: z.array(name).max(50),
	/** Extra files fenced into the system prompt: paths relative to the project folder. */
	files: z.array(z.string().min(1).max(4096)).max(100).default([]),
	/** A note from the person, appended to the system prompt. */
	note: z.string().max(100_000).optional(),
	/** Ask the model for an outline of `chunks` sections first. */
	plan: z.boolean().default(false),
	/** Output file relative to the project folder; absent: `.xsarena/jobs/<id>/out.md`. */
	out: z.string().min(1).max(4096).optional(),
	/** Transport name from config (`scripted`, `openai`, …); absent: the configured default. */
	transport: name.optional(),
	/** Model name for the transport; absent: the transport's own. */
	model: z.string().min(1).max(200).optional(),
	/** `anchor`: continue from the tail of the text so far; `none`: from the direction alone. */
	continuation: z.enum(['anchor', 'none']),
	/** Characters of text-so-far sent as the anchor. */
	anchorChars: z.number().int().min(0).max(100_000),
	/** Jaccard similarity above which a chunk counts as a repetition (0–1). */
	repetitionThreshold: z.number().min(0).max(1),
	/** What to do after a repetition the retry did not cure. */
	repetitionAction: z.enum(['continue', 'pause']),
	/** A micro-extension pass that adds fewer characters than this is a stall. */
	stallChars: z.number().int().min(0).max(100_000),
});

/** See {@link authorSpecSchema}. */
export type AuthorSpec = z.output<typeof authorSpecSchema>;

/** A hint a person queued for the next chunk (`next <id> "<hint>"`). */
export type AuthorHint = {readonly id: string; readonly text: string};

/** How far an authoring job got, folded from its events. */
export type AuthorProgress = {
	readonly spec: AuthorSpec;
	/** Chunks completed (the last completed chunk's number). */
	readonly chunks: number;
	/** Characters written so far. */
	readonly chars: number;
	/** Tokens used by completed chunks (prompt and completion). */
	readonly tokens: number;
	/** Some chunk's tokens were estimated (its endpoint reported no usage). */
	readonly estimated: boolean;
	/** Bytes of the output file that completed chunks account for: the commit point a resume trusts. */
	readonly endOffset: number;
	/** The model's `NEXT:` hint at the end of the last chunk. */
	readonly next?: string;
	/** Hints queued by people, oldest first; a chunk that used them records their ids. */
	readonly hints: readonly AuthorHint[];
	/** The outline, when the job asked for a plan and the model gave one. */
	readonly outline?: readonly string[];
	/** Repetitions recorded by the guard. */
	readonly repetitions: number;
};

/** Progress of a job that has written nothing yet. */
export function startProgress(spec: AuthorSpec): AuthorProgress {
	return {spec, chunks: 0, chars: 0, tokens: 0, estimated: false, endOffset: 0, hints: [], repetitions: 0};
}
