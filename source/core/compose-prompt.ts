/**
 * Filling a directive's `{{variables}}` and composing an author job's system prompt from directives,
 * extra files and a note. Pure; parsing is `directives.ts`.
 */
import {DirectiveError, directiveLabel, placeholderPattern, type Directive} from './directives.js';

/** Values for a directive's variables; `undefined` counts as missing. */
export type DirectiveVars = Readonly<Record<string, string | number | undefined>>;

/**
 * Fill a directive's `{{placeholders}}`. Values are inserted as they are: a value that contains
 * `{{…}}` is not expanded again. There is no other template language (no conditionals, no loops).
 *
 * Optional variables give the one exception: a template line that uses an optional variable whose
 * value is missing or empty is left out whole (so `Cover in this chunk: {{plan}}` appears only with a
 * plan), and a blank line that would then double the blank line before it goes too.
 *
 * @throws {DirectiveError} `directive base/book needs variable "subject"` for a declared, non-optional
 * variable that is missing from `vars` (checked in declaration order, used in the body or not).
 */
export function renderTemplate(directive: Directive, vars: DirectiveVars): string {
	for (const variable of directive.variables) {
		if (vars[variable] === undefined) {
			throw new DirectiveError(
				`directive ${directiveLabel(directive)} needs variable ${JSON.stringify(variable)} (${directive.source})`,
			);
		}
	}

	const absent = (variable: string) =>
		directive.optional.includes(variable) && (vars[variable] === undefined || vars[variable] === '');
	const out: string[] = [];
	let collapsing = false;
	for (const line of directive.body.split('\n')) {
		const used = [...line.matchAll(placeholderPattern)].map((match) => match[1] ?? '');
		if (used.some((variable) => absent(variable))) {
			collapsing = true;
			continue;
		}

		if (collapsing && line.trim() === '' && (out.length === 0 || out.at(-1)?.trim() === '')) {
			continue;
		}

		collapsing = false;
		out.push(line.replace(placeholderPattern, (_match, variable: string) => String(vars[variable] ?? '')));
	}

	return out.join('\n').trimEnd();
}

/** An extra file fenced into a system prompt. */
export type PromptFile = {
	/** How the file is named to the model (e.g. its path relative to the project). */
	readonly name: string;
	readonly content: string;
};

/** What a system prompt is composed from. */
export type SystemPromptInput = {
	/** A `base` directive. */
	readonly base: Directive;
	/** `overlay` directives, appended in this order; a repeated overlay is used once (its first place). */
	readonly overlays: readonly Directive[];
	/** Extra files, fenced in this order. */
	readonly files: readonly PromptFile[];
	/** A note from the person, last. Blank counts as none. */
	readonly note?: string;
	/** Variables for the base and every overlay. */
	readonly vars: DirectiveVars;
};

/** A backtick fence longer than every run of backticks in `content` (at least three), so it cannot close early. */
export function fenceFor(content: string): string {
	const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
	return '`'.repeat(Math.max(3, longest + 1));
}

function fenced(file: PromptFile): string {
	const fence = fenceFor(file.content);
	const content = file.content.endsWith('\n') ? file.content : `${file.content}\n`;
	// A name is one line, whatever it holds.
	return `File: ${file.name.replaceAll(/[\r\n]+/g, ' ')}\n${fence}\n${content}${fence}`;
}

/**
 * Compose the system prompt of an authoring run: the base rendered, then each overlay rendered in
 * order, then the extra files (each as a `File: <name>` line and a backtick fence longer than any
 * backtick run inside it), then the note under "## Note from the author". Parts are separated by one
 * blank line; the result is a pure function of the input (same input, same bytes).
 *
 * Overlays carry their own headings in their bodies; nothing is added between them.
 *
 * @throws {DirectiveError} when `base` is not a base template or an overlay is not an overlay, or from
 * {@link renderTemplate} for a missing variable.
 */
export function composeSystemPrompt(input: SystemPromptInput): string {
	if (input.base.kind !== 'base') {
		throw new DirectiveError(`${directiveLabel(input.base)} is not a base template`);
	}

	const parts = [renderTemplate(input.base, input.vars)];
	const seen = new Set<string>();
	for (const overlay of input.overlays) {
		if (overlay.kind !== 'overlay') {
			throw new DirectiveError(`${directiveLabel(overlay)} is not an overlay`);
		}

		if (!seen.has(overlay.name)) {
			seen.add(overlay.name);
			parts.push(renderTemplate(overlay, input.vars));
		}
	}

	if (input.files.length > 0) {
		parts.push(
			'## Attached files\n\nThe author attached these files as source material. Draw on them where they are relevant; do not copy them wholesale.',
			...input.files.map((file) => fenced(file)),
		);
	}

	const note = input.note?.trim();
	if (note) {
		parts.push(`## Note from the author\n\n${note}`);
	}

	return parts.filter((part) => part !== '').join('\n\n');
}
