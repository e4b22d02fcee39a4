/**
 * `.xsarena/session_state.json`: the session knobs a person sets with `set` (from the REPL or a shell)
 * and lists with `knobs`. New author jobs take them; jobs already added keep what they were given.
 * Written atomically (temp file, rename); an unreadable file is reported, never silently reset.
 */
import fs from 'node:fs';
import path from 'node:path';
import {z} from 'zod';

/** The knobs, each optional: an unset knob falls back to `config.yml`'s `authoring` settings. */
export const knobsSchema = z.strictObject({
	/** `anchor`: continue from the tail of the text so far; `none`: from the direction alone. */
	continuation: z.enum(['anchor', 'none']).optional(),
	/** Characters of text-so-far sent as the anchor. */
	anchorChars: z.number().int().min(0).max(20_000).optional(),
	/** Jaccard similarity above which a chunk counts as a repetition. */
	repetitionThreshold: z.number().min(0).max(1).optional(),
	/** Minimum characters per chunk (overrides the length preset's). */
	minChars: z.number().int().min(0).max(100_000).optional(),
	/** Overlays new jobs get when `book` names none. */
	overlays: z.array(z.string().min(1).max(64)).max(50).optional(),
	/** A reading-level overlay added to every new job; `null` clears it. */
	readingOverlay: z.string().min(1).max(64).nullable().optional(),
});

/** See {@link knobsSchema}. */
export type SessionKnobs = z.output<typeof knobsSchema>;

const stateSchema = z.object({version: z.literal(1), knobs: knobsSchema});

/** Path of the session state file of the `.xsarena/` folder `root`. */
export function sessionStateFile(root: string): string {
	return path.join(root, 'session_state.json');
}

/**
 * Read the knobs; a missing file gives none set.
 *
 * @throws Error naming the file when it is not valid JSON or not a session state.
 */
export function readKnobs(root: string): SessionKnobs {
	const file = sessionStateFile(root);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {};
		}

		throw error;
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new Error(`${file}: not valid JSON (${(error as Error).message}); fix or delete it`, {
			cause: error,
		});
	}

	const parsed = stateSchema.safeParse(value);
	if (!parsed.success) {
		throw new Error(`${file}: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`);
	}

	return parsed.data.knobs;
}

/** Write the knobs (atomically: a crash leaves the old file or the new one). */
export function writeKnobs(root: string, knobs: SessionKnobs): void {
	const file = sessionStateFile(root);
	fs.mkdirSync(root, {recursive: true});
	const temporary = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temporary, `${JSON.stringify({version: 1, knobs}, null, '\t')}\n`);
	fs.renameSync(temporary, file);
}
