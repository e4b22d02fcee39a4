/**
 * The text a person edits in `$EDITOR` to change a job, as `git commit` does it: the current values in
 * a readable form with `#` lines explaining it, and a parser that says which line is wrong.
 *
 *     # Editing job 01JD8Q… "Fix login". …
 *     title: Fix login
 *     priority: high
 *
 *     --- description ---
 *     Free text, kept as written (`#` lines too: Markdown headings survive).
 *
 *     --- acceptance criteria ---
 *     - one criterion per line
 *
 * Comments are only recognised above the description, and in the criteria section.
 */
import {priorities, type Job, type Priority} from '../core/index.js';
import type {EditRequest} from '../core/decide-edit.js';
import {UsageError} from './types.js';

/** The line that starts the description. */
export const descriptionMarker = '--- description ---';
/** The line that starts the acceptance criteria. */
export const criteriaMarker = '--- acceptance criteria ---';

/** A template that cannot be read: `line` (1-based) says where. */
export class TemplateError extends UsageError {
	readonly line: number;

	constructor(line: number, message: string) {
		super(`line ${line}: ${message}`);
		this.line = line;
	}
}

/** What the editor left: nothing (abort), or the fields (a deleted `priority:` line keeps the priority). */
export type ParsedTemplate =
	{readonly kind: 'empty'} | {readonly kind: 'fields'; readonly fields: EditRequest};

/** The template for `job`, with its current values. */
export function formatEditTemplate(
	job: Pick<Job, 'id' | 'title' | 'description' | 'priority' | 'acceptance'>,
): string {
	return [
		`# Editing job ${job.id}. Lines starting with "#" above the description are ignored.`,
		'# Change what you like, then save and quit to apply. An empty file, or no change, aborts.',
		`# priority: ${priorities.join(', ')}. Criteria: one per line, each starting with "- ".`,
		`title: ${job.title}`,
		`priority: ${job.priority}`,
		'',
		descriptionMarker,
		job.description,
		'',
		criteriaMarker,
		...job.acceptance.map((criterion) => `- ${criterion.replaceAll('\n', '\n  ')}`),
		'',
	].join('\n');
}

const isComment = (line: string) => line.trimStart().startsWith('#');
const isBlank = (line: string) => line.trim() === '';

type Header = {title?: string; priority?: Priority};

function parseHeader(lines: readonly string[], first: number): Header {
	const header: Header = {};
	for (const [index, line] of lines.entries()) {
		const number = first + index;
		if (isBlank(line) || isComment(line)) {
			continue;
		}

		const match = /^\s*([a-z]+)\s*:\s?(.*)$/i.exec(line);
		const key = match?.[1]?.toLowerCase();
		const value = match?.[2]?.trim() ?? '';
		if (key === 'title') {
			header.title = value;
		} else if (key === 'priority') {
			if (!(priorities as readonly string[]).includes(value)) {
				throw new TemplateError(number, `priority "${value}" is not one of ${priorities.join(', ')}`);
			}

			header.priority = value as Priority;
		} else if (key !== undefined) {
			throw new TemplateError(number, `unknown field "${key}" (fields: title, priority)`);
		} else {
			throw new TemplateError(number, `expected "title: …" or "priority: …", got "${line.trim()}"`);
		}
	}

	return header;
}

function parseCriteria(lines: readonly string[], first: number): string[] {
	const criteria: string[] = [];
	for (const [index, line] of lines.entries()) {
		if (isBlank(line) || isComment(line)) {
			continue;
		}

		const item = /^\s*[-*]\s+(.*)$/.exec(line);
		if (item) {
			criteria.push(item[1]!.trim());
		} else if (/^\s/.test(line) && criteria.length > 0) {
			// An indented line goes on with the criterion above it.
			criteria[criteria.length - 1] += `\n${line.trim()}`;
		} else {
			throw new TemplateError(first + index, `a criterion starts with "- ", got "${line.trim()}"`);
		}
	}

	return criteria;
}

/**
 * Read an edited template. A file with nothing but comments and blank lines is `empty` (abort).
 *
 * @throws {TemplateError} naming the first line that is wrong: an unknown field, a bad priority, a
 *   missing section line, a criterion without its `- `, or no title.
 */
export function parseEditTemplate(text: string): ParsedTemplate {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	if (lines.every((line) => isBlank(line) || isComment(line))) {
		return {kind: 'empty'};
	}

	const description = lines.findIndex((line) => line.trim() === descriptionMarker);
	const criteria = lines.findIndex((line, index) => index > description && line.trim() === criteriaMarker);
	if (description === -1) {
		throw new TemplateError(lines.length, `the line "${descriptionMarker}" is missing`);
	}

	if (criteria === -1) {
		throw new TemplateError(lines.length, `the line "${criteriaMarker}" is missing (after the description)`);
	}

	const header = parseHeader(lines.slice(0, description), 1);
	if (header.title === undefined || header.title === '') {
		const at = lines.findIndex((line) => /^\s*title\s*:/i.test(line));
		throw new TemplateError(at === -1 ? 1 : at + 1, 'the job needs a title ("title: …")');
	}

	const body = lines.slice(description + 1, criteria).join('\n');
	return {
		kind: 'fields',
		fields: {
			title: header.title,
			priority: header.priority,
			description: body.replace(/^\s*\n/, '').replace(/\s+$/, ''),
			acceptance: parseCriteria(lines.slice(criteria + 1), criteria + 2),
		},
	};
}
