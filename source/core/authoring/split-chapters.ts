/**
 * `split <id>`: a finished book's Markdown cut into one part per chapter, a chapter being a top-level
 * ATX heading (`# Title`, CommonMark §4.2) outside fenced code blocks. `## Sections` stay inside their
 * chapter; Setext headings (`Title` over `=====`) are not recognised.
 */
import {nextFence} from './fences.js';

/** One part of a split book. */
export type Chapter = {
	/** 0 for the front matter, then 1, 2, … in order. */
	readonly index: number;
	/** The heading's text (`Front matter` for the text before the first heading). */
	readonly title: string;
	/** {@link slugify} of the title. */
	readonly slug: string;
	/** The part's Markdown, heading line included, with LF line ends, ending in one `\n`. */
	readonly text: string;
};

/** The title of a top-level ATX heading line (closing `#`s removed, '' for a bare `#`), else undefined. */
export function topLevelHeading(line: string): string | undefined {
	const match = /^ {0,3}#(?=[ \t]|$)(.*)$/.exec(line);
	return match
		? (match[1] ?? '')
				.trim()
				.replace(/(?:^|[ \t]+)#+$/, '')
				.trim()
		: undefined;
}

const maxSlug = 60;

/**
 * A file-name-safe slug: accents removed (NFKD), lower case, every run of anything but ASCII letters
 * and digits turned into one `-`, no `-` at either end, at most 60 characters; `chapter` when nothing is
 * left. Only `[a-z0-9-]`, so never a path separator or `..`.
 */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replaceAll(/\p{M}/gu, '')
		.toLowerCase()
		.replaceAll(/[^a-z\d]+/g, '-')
		.replaceAll(/^-+|-+$/g, '')
		.slice(0, maxSlug)
		.replace(/-+$/, '');
	return slug === '' ? 'chapter' : slug;
}

/**
 * The file name of part `index`: `01-the-title.md` (front matter: `00-front-matter.md`). The number has
 * two digits, or as many as `count` (the number of parts) needs, so the files sort in book order.
 *
 * @throws RangeError when `index` is not a whole number ≥ 0.
 */
export function chapterFileName(index: number, title: string, count = index): string {
	if (!Number.isInteger(index) || index < 0) {
		throw new RangeError(`chapter index must be a whole number ≥ 0, not ${index}`);
	}

	const width = Math.max(2, String(Math.max(index, count)).length);
	return `${String(index).padStart(width, '0')}-${slugify(title)}.md`;
}

const frontMatterTitle = 'Front matter';

/**
 * Split a book into parts: the text before the first top-level heading (when not blank) as part 0
 * `Front matter`, then one part per top-level heading, up to the next one. `# ` lines inside fenced
 * code blocks are code, not headings. A text without headings is all front matter; a blank text has
 * no parts.
 */
export function splitChapters(markdown: string): Chapter[] {
	const parts: Array<{title: string; lines: string[]}> = [{title: frontMatterTitle, lines: []}];
	let fence: string | undefined;
	for (const line of markdown.replaceAll('\r\n', '\n').split('\n')) {
		const title = fence === undefined ? topLevelHeading(line) : undefined;
		if (title === undefined) {
			parts.at(-1)!.lines.push(line);
		} else {
			parts.push({title, lines: [line]});
		}

		fence = nextFence(fence, line);
	}

	return parts.flatMap((part, index) => {
		const text = part.lines
			.join('\n')
			.replace(/^(?:[ \t]*\n)+/, '')
			.trimEnd();
		if (index === 0 && text === '') {
			return [];
		}

		const title = part.title === '' ? `Chapter ${index}` : part.title;
		return [{index, title, slug: slugify(title), text: `${text}\n`}];
	});
}
