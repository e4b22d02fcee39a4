/**
 * The messages an author job sends, built from its directives: the composed system prompt, and one
 * user message per step from a role guide (`roles/first-chunk`, `continue`, `extend`, `move-on`,
 * `outline`). Pure: the directives come in loaded, the text so far comes in as strings.
 */
import type {AuthorSpec} from './author.js';
import {composeSystemPrompt, renderTemplate} from './compose-prompt.js';
import type {Directive} from './directives.js';

/** One chat message (the shape every OpenAI-compatible endpoint takes). */
export type PromptMessage = {readonly role: 'system' | 'user' | 'assistant'; readonly content: string};

/** The role guides the chunk loop fills, by step. */
export type RoleGuides = {
	readonly firstChunk: Directive;
	readonly continue: Directive;
	readonly extend: Directive;
	readonly moveOn: Directive;
	readonly outline: Directive;
};

/** Names of the role guides under `directives/roles/`, by step. */
export const roleGuideNames: Readonly<Record<keyof RoleGuides, string>> = {
	firstChunk: 'first-chunk',
	continue: 'continue',
	extend: 'extend',
	moveOn: 'move-on',
	outline: 'outline',
};

/** What the system prompt is made of. */
export type SystemPromptParts = {
	readonly base: Directive;
	readonly overlays: readonly Directive[];
	/** Extra files, each fenced with its name. */
	readonly files: ReadonlyArray<{readonly name: string; readonly content: string}>;
};

/** The variables every template of an author job may use. */
function specVariables(spec: AuthorSpec): Record<string, string> {
	return {subject: spec.subject, chunks: String(spec.chunks), minChars: String(spec.minChars)};
}

/**
 * The system prompt: base template, overlays in order, extra files, then the note.
 *
 * @throws {DirectiveError} when a template needs a variable the spec does not give.
 */
export function authorSystemPrompt(spec: AuthorSpec, parts: SystemPromptParts): string {
	return composeSystemPrompt({
		base: parts.base,
		overlays: [...parts.overlays],
		files: [...parts.files],
		note: spec.note,
		vars: specVariables(spec),
	});
}

/** What stands for the text so far when a job continues without an anchor (`continuation: none`). */
export const noAnchor = '(not shown: continue the work from the direction below, without repeating it)';

/** Where chunk `n` starts from. */
export type ChunkRequest = {
	readonly n: number;
	/** Tail of the text so far (empty for chunk 1 or in `none` continuation). */
	readonly anchor: string;
	/** What to cover: a person's hint, else the model's last `NEXT:`, else the outline's section. */
	readonly direction?: string;
	/** The outline's section for this chunk, when there is an outline. */
	readonly section?: string;
};

/** The messages asking for chunk `request.n`. */
export function chunkMessages(
	system: string,
	roles: RoleGuides,
	spec: AuthorSpec,
	request: ChunkRequest,
): PromptMessage[] {
	const first = request.n === 1;
	const vars = {
		...specVariables(spec),
		n: String(request.n),
		// `none` continuation sends no text so far; the guide still needs to say so.
		anchor: request.anchor === '' ? noAnchor : request.anchor,
		direction: first ? (request.direction ?? '') : (request.direction ?? request.section ?? ''),
		plan: request.section ?? '',
	};
	const guide = first ? roles.firstChunk : roles.continue;
	return [
		{role: 'system', content: system},
		{role: 'user', content: renderTemplate(guide, vars)},
	];
}

/**
 * Micro-extension: the chunk so far as the model's own answer, and a request to go on with the same
 * chunk for at least `missing` more characters.
 */
export function extendMessages(
	asked: readonly PromptMessage[],
	roles: RoleGuides,
	spec: AuthorSpec,
	sofar: string,
	missing: number,
): PromptMessage[] {
	return [
		...asked,
		{role: 'assistant', content: sofar},
		{
			role: 'user',
			content: renderTemplate(roles.extend, {
				...specVariables(spec),
				tail: sofar.slice(-600),
				missing: String(missing),
			}),
		},
	];
}

/** The repetition guard's retry: the same request, told that the last answer repeated earlier text. */
export function moveOnMessages(
	system: string,
	roles: RoleGuides,
	spec: AuthorSpec,
	request: ChunkRequest,
): PromptMessage[] {
	return [
		{role: 'system', content: system},
		{
			role: 'user',
			content: renderTemplate(roles.moveOn, {
				...specVariables(spec),
				n: String(request.n),
				anchor: request.anchor === '' ? noAnchor : request.anchor,
				direction: request.direction ?? request.section ?? '',
			}),
		},
	];
}

/** The `--plan` request: an outline of `spec.chunks` sections. */
export function outlineMessages(system: string, roles: RoleGuides, spec: AuthorSpec): PromptMessage[] {
	return [
		{role: 'system', content: system},
		{role: 'user', content: renderTemplate(roles.outline, specVariables(spec))},
	];
}
