/**
 * A Markdown checklist (`TASKS.md`) as jobs:
 *
 * ```markdown
 * - [ ] Ship the release — tag, build and upload
 *   - [x] Write the changelog
 *   - [ ] Run the tests
 *     on every platform we support
 * ```
 *
 * Every `- [ ]`, `* [ ]`, `+ [ ]` or `1. [ ]` item is a job; `[x]` items are `done`, the others
 * `ready`. An item nested under another is a dependency of it (the parent waits for its children).
 * Text after ` — ` (or ` -- `) on the item's line, and the more-indented lines under it that are not
 * items, are its description. Any other line at the left margin (a heading, a paragraph) ends the
 * list, so the next item starts a new top level. Pure: text in, planned jobs out.
 */
import {ConfigError} from '../config/yaml-file.js';
import type {PlannedJob} from './import-plan.js';

const itemPattern = /^(\s*)(?:[-*+]|\d+[.)])\s+\[([ xX])\](?:\s+(.*))?$/;
const descriptionSeparator = /\s+(?:—|--)\s+/;

/** Width of leading whitespace, tabs counting 4 columns. */
function indentOf(text: string): number {
	let width = 0;
	for (const char of text) {
		if (char === '\t') {
			width += 4;
		} else if (char === ' ') {
			width++;
		} else {
			break;
		}
	}

	return width;
}

type Item = {
	readonly key: string;
	readonly indent: number;
	readonly where: string;
	readonly title: string;
	readonly done: boolean;
	readonly description: string[];
	readonly children: string[];
	readonly childrenWhere: string[];
};

function toPlanned(item: Item): PlannedJob {
	return {
		key: item.key,
		where: item.where,
		named: false,
		request: {
			title: item.title,
			description: item.description.join('\n'),
			kind: 'agent',
			status: item.done ? 'done' : 'ready',
			priority: 'medium',
			agent: 'shell',
			acceptance: [],
		},
		dependsOn: item.children.map((key, index) => ({key, where: item.childrenWhere[index]!})),
	};
}

/**
 * Read the checklist items of a Markdown file.
 *
 * @param file the file's name, for keys (`line 12`) and errors.
 * @returns one planned job per item, in file order.
 * @throws {ConfigError} `file:line:column` for an item without a title.
 */
export function readChecklist(text: string, file: string): PlannedJob[] {
	const items: Item[] = [];
	let open: Item[] = [];
	for (const [index, line] of text.split(/\r?\n/).entries()) {
		if (line.trim() === '') {
			continue;
		}

		const indent = indentOf(line);
		const match = itemPattern.exec(line);
		if (!match) {
			// A more-indented line describes the innermost open item it sits under; anything else ends the list.
			const owner = open.findLast((item) => item.indent < indent);
			if (owner) {
				owner.description.push(line.trim());
			} else {
				open = [];
			}

			continue;
		}

		const where = `${file}:${index + 1}:${indent + 1}`;
		const [title = '', ...rest] = (match[3] ?? '').trim().split(descriptionSeparator);
		if (title.trim() === '') {
			throw new ConfigError(`${where}: a checklist item needs a title`);
		}

		while (open.length > 0 && open.at(-1)!.indent >= indent) {
			open.pop();
		}

		const item: Item = {
			key: `line ${index + 1}`,
			indent,
			where,
			title: title.trim(),
			done: match[2] !== ' ',
			description: rest.length > 0 ? [rest.join(' — ')] : [],
			children: [],
			childrenWhere: [],
		};
		const parent = open.at(-1);
		parent?.children.push(item.key);
		parent?.childrenWhere.push(where);
		open.push(item);
		items.push(item);
	}

	return items.map(toPlanned);
}
