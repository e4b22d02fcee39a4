/**
 * Directives: the prompt material of authoring jobs, as files a person edits under `directives/`
 * (`base/book.md`, `overlays/no_bs.md`, `roles/continue.md`, …). This module is the pure parsing of a
 * file's text; filling its `{{variables}}` and composing a system prompt are `compose-prompt.ts`;
 * reading the files is `config/directives.ts`.
 *
 * A directive file is YAML front matter between `---` lines, then a Markdown body:
 *
 * ```
 * ---
 * name: book
 * description: A full-length book on a subject, written chapter by chapter.
 * variables: [subject, chunks, minChars]
 * optional: [plan]
 * ---
 * You are writing a book about {{subject}} …
 * ```
 */
import {isNode, LineCounter, parseDocument, type Document} from 'yaml';
import {z} from 'zod';

/** The three kinds of directive: a base template, an overlay appended to it, a role guide (a user message). */
export const directiveKinds = ['base', 'overlay', 'role'] as const;

/** See {@link directiveKinds}. */
export type DirectiveKind = (typeof directiveKinds)[number];

/** The folder of each kind under a directives root. */
export const directiveFolders: Readonly<Record<DirectiveKind, string>> = {
	base: 'base',
	overlay: 'overlays',
	role: 'roles',
};

/** What each kind is called in messages. */
export const directiveNouns: Readonly<Record<DirectiveKind, string>> = {
	base: 'base template',
	overlay: 'overlay',
	role: 'role guide',
};

/**
 * What a directive name may look like: 1–64 letters, digits, `_` or `-`, starting with a letter or digit.
 * It excludes `/`, `..`, NUL and absolute paths, so a name can never leave its folder (FAULTS S3).
 */
export const directiveNamePattern = /^[a-z\d][\w-]{0,63}$/i;

/** What a variable name may look like (`subject`, `minChars`). */
const variablePattern = /^[a-z_]\w*$/i;

/** A `{{name}}` placeholder; spaces inside the braces are allowed. Anything else is literal text. */
export const placeholderPattern = /\{\{\s*([a-z_]\w*)\s*\}\}/gi;

/** One parsed directive file. */
export type Directive = {
	readonly kind: DirectiveKind;
	/** The file's name without `.md`; equal to the front matter's `name`. */
	readonly name: string;
	/** One line for `directives ls`. */
	readonly description: string;
	/** Variables the body may use; those not in {@link optional} must be given at render. */
	readonly variables: readonly string[];
	/** Variables that may be missing at render (they render as nothing). */
	readonly optional: readonly string[];
	/** The Markdown body, without the front matter, leading blank lines and trailing whitespace. */
	readonly body: string;
	/** Where it was read from, for messages (a file path). */
	readonly source: string;
	/** SHA-256 of the file's bytes, lowercase hex, when read from a file (the manifest records it). */
	readonly digest?: string;
};

/** A directive that cannot be read, parsed or rendered. `message` names the file (and line:column). */
export class DirectiveError extends Error {
	override readonly name = 'DirectiveError';
}

const frontMatterSchema = z.strictObject({
	name: z.string().min(1),
	description: z.string().min(1),
	variables: z.array(z.string().regex(variablePattern, 'not a variable name')).default([]),
	optional: z.array(z.string().regex(variablePattern, 'not a variable name')).default([]),
});

type Position = {line: number; col: number};

/** `kind/name` as a person writes it, with the kind's folder: `base/book`, `overlays/no_bs`. */
export function directiveLabel(directive: {readonly kind: DirectiveKind; readonly name: string}): string {
	return `${directiveFolders[directive.kind]}/${directive.name}`;
}

/**
 * Refuse a name that is not a plain directive name (see {@link directiveNamePattern}).
 *
 * @throws {DirectiveError} naming the name JSON-quoted, so NUL and control characters stay visible.
 */
export function assertDirectiveName(name: string): void {
	if (!directiveNamePattern.test(name)) {
		throw new DirectiveError(
			`invalid directive name ${JSON.stringify(name)}: use 1-64 letters, digits, "_" or "-", starting with a letter or digit`,
		);
	}
}

/**
 * Split what a person typed into a kind and a name: `book` (no kind: search every kind), `base/book`,
 * `overlays/no_bs` or `overlay/no_bs`, `roles/continue` or `role/continue`.
 *
 * @throws {DirectiveError} for an unknown kind or an invalid name.
 */
export function parseDirectiveSpec(spec: string): {kind?: DirectiveKind; name: string} {
	const slash = spec.indexOf('/');
	if (slash === -1) {
		assertDirectiveName(spec);
		return {name: spec};
	}

	const prefix = spec.slice(0, slash);
	const name = spec.slice(slash + 1);
	const kind = directiveKinds.find((each) => each === prefix || directiveFolders[each] === prefix);
	if (!kind) {
		// `../x` or `/etc/passwd` is a path, not a kind: say the name is invalid.
		if (!directiveNamePattern.test(prefix)) {
			assertDirectiveName(spec);
		}

		throw new DirectiveError(
			`unknown directive kind ${JSON.stringify(prefix)} in ${JSON.stringify(spec)} (use base/, overlays/ or roles/)`,
		);
	}

	assertDirectiveName(name);
	return {kind, name};
}

/** 1-based line and column of `index` in `text`. */
function positionAt(text: string, index: number): Position {
	const before = text.slice(0, index);
	const line = before.split('\n').length;
	return {line, col: index - before.lastIndexOf('\n')};
}

/** The position of the node at `path` (or its nearest existing parent) in a YAML document. */
function positionOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): Position {
	for (let length = path.length; length > 0; length--) {
		const node = document.getIn(path.slice(0, length) as unknown[], true);
		if (isNode(node) && node.range) {
			return lines.linePos(node.range[0]);
		}
	}

	return {line: 1, col: 1};
}

/**
 * Parse a directive file's text.
 *
 * @param kind what the file is (from its folder).
 * @param name the file's name without `.md`; the front matter's `name` must equal it.
 * @param text the file's text (UTF-8 decoded; a BOM and CRLF line ends are accepted).
 * @param source where the text came from, for messages.
 * @throws {DirectiveError} `source:line:column: …` for a missing or unclosed front matter, bad YAML, a
 * front matter that does not fit the schema (`name` and `description` required, `variables`/`optional`
 * lists of names, nothing else), a name that differs from the file's, an empty body, or a `{{placeholder}}`
 * the front matter does not declare.
 */
export function parseDirective(kind: DirectiveKind, name: string, text: string, source: string): Directive {
	const normalized = text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
	const fail = (pos: Position, message: string) =>
		new DirectiveError(`${source}:${pos.line}:${pos.col}: ${message}`);
	if (!/^---[ \t]*\n/.test(normalized)) {
		throw fail({line: 1, col: 1}, 'missing front matter: the file must start with a "---" line');
	}

	const start = normalized.indexOf('\n') + 1;
	const close = /^---[ \t]*$/m.exec(normalized.slice(start));
	if (!close) {
		throw fail({line: 1, col: 1}, 'the front matter is not closed by a "---" line');
	}

	const yamlText = normalized.slice(start, start + close.index);
	// Positions inside the front matter are one line down in the file (below the opening `---`).
	const at = (pos: Position) => ({line: pos.line + 1, col: pos.col});
	const lines = new LineCounter();
	const document = parseDocument(yamlText, {lineCounter: lines, uniqueKeys: true});
	const [syntax] = document.errors;
	if (syntax) {
		// The library's message repeats its own position (relative to the front matter): drop it.
		const message = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
		throw fail(at(syntax.linePos?.[0] ?? {line: 1, col: 1}), message || 'bad YAML');
	}

	let value: unknown;
	try {
		value = document.toJS({maxAliasCount: 100}) ?? {};
	} catch (error) {
		throw fail({line: 2, col: 1}, (error as Error).message);
	}

	const result = frontMatterSchema.safeParse(value);
	if (!result.success) {
		const [issue] = result.error.issues;
		const path = issue?.path ?? [];
		const label = path.length > 0 ? `${path.join('.')}: ` : '';
		throw fail(at(positionOf(document, lines, path)), `front matter: ${label}${issue?.message ?? 'invalid'}`);
	}

	const front = result.data;
	if (front.name !== name) {
		throw fail(
			at(positionOf(document, lines, ['name'])),
			`name ${JSON.stringify(front.name)} does not match the file name ${JSON.stringify(name)}`,
		);
	}

	const afterClose = start + close.index + close[0].length;
	const leading = /^\s*/.exec(normalized.slice(afterClose))?.[0] ?? '';
	// Keep the body's first line whole (with its indentation): skip only whole blank lines.
	const bodyStart = afterClose + leading.lastIndexOf('\n') + 1;
	const body = normalized.slice(bodyStart).trimEnd();
	if (body.trim() === '') {
		throw fail(positionAt(normalized, afterClose), 'the directive has no body');
	}

	const declared = new Set([...front.variables, ...front.optional]);
	for (const match of body.matchAll(placeholderPattern)) {
		const variable = match[1] ?? '';
		if (!declared.has(variable)) {
			const list = declared.size > 0 ? [...declared].join(', ') : 'none';
			throw fail(
				positionAt(normalized, bodyStart + match.index),
				`placeholder {{${variable}}} is not declared in the front matter (declared: ${list})`,
			);
		}
	}

	const optional = [...new Set(front.optional)];
	const variables = [...new Set(front.variables)].filter((variable) => !optional.includes(variable));
	return {kind, name, description: front.description, variables, optional, body, source};
}
