import path from 'node:path';
import {directiveFolders, directiveKinds, directiveNouns, type DirectiveKind} from '../core/directives.js';
import {
	defaultDirectiveRoots,
	loadDirectives,
	resolveName,
	type DirectiveLibrary,
} from '../config/directives.js';
import {fit} from './format.js';
import {UsageError, type CommandContext, type CommandResult, type CommandSpec} from './types.js';

/** One row of `directives ls`: a directive, or the error that keeps it from loading. */
export type DirectiveEntry = {
	readonly kind: DirectiveKind;
	readonly name: string;
	/** The file that wins (the project's own, or the bundled one). */
	readonly file: string;
	/** Files of lower-priority roots this one hides. */
	readonly overrides: readonly string[];
	readonly description?: string;
	readonly variables?: readonly string[];
	readonly optional?: readonly string[];
	readonly digest?: string;
	/** Why the file could not be loaded (`file:line:column: …`). */
	readonly error?: string;
};

/** A path as short as it can be said: relative to the project when inside it. */
function shown(context: CommandContext, file: string): string {
	const relative = path.relative(context.projectDir, file);
	return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function entryOf(library: DirectiveLibrary, kind: DirectiveKind, name: string): DirectiveEntry {
	const base = {kind, name, file: library.file(kind, name), overrides: library.overrides(kind, name)};
	try {
		const {description, variables, optional, digest} = library.get(kind, name);
		return {...base, description, variables, optional, digest};
	} catch (error) {
		return {...base, error: (error as Error).message};
	}
}

function kindOf(spec: string): DirectiveKind {
	const kind = directiveKinds.find((each) => each === spec || directiveFolders[each] === spec);
	if (!kind) {
		throw new UsageError(`unknown directive kind ${JSON.stringify(spec)}: use base, overlays or roles`);
	}

	return kind;
}

function ls(context: CommandContext, library: DirectiveLibrary, filter?: string): CommandResult {
	const kinds = filter === undefined ? directiveKinds : [kindOf(filter)];
	const bundled = library.roots.at(-1);
	const entries = kinds.flatMap((kind) => library.names(kind).map((name) => entryOf(library, kind, name)));
	const width = Math.max(12, ...entries.map((entry) => entry.name.length));
	const sections = kinds.map((kind) => {
		const rows = entries
			.filter((entry) => entry.kind === kind)
			.map((entry) => {
				const local = bundled !== undefined && !entry.file.startsWith(path.resolve(bundled) + path.sep);
				const origin = local
					? `  (${shown(context, entry.file)}${entry.overrides.length > 0 ? ', overrides bundled' : ''})`
					: '';
				const about = entry.error === undefined ? (entry.description ?? '') : `! ${entry.error}`;
				return `  ${fit(entry.name, width)}  ${about}${origin}`;
			});
		return [`${directiveNouns[kind]}s`, ...(rows.length > 0 ? rows : ['  (none)'])].join('\n');
	});
	const broken = entries.filter((entry) => entry.error !== undefined).length;
	return {
		data: {roots: library.roots, directives: entries},
		text: sections.join('\n\n'),
		...(broken > 0 ? {exitCode: 1} : {}),
	};
}

function show(context: CommandContext, library: DirectiveLibrary, spec: string): CommandResult {
	const {kind, name} = resolveName(library, spec);
	const directive = library.get(kind, name);
	const overrides = library.overrides(kind, name);
	const lines = [
		`${directiveFolders[kind]}/${name}: ${directive.description}`,
		`  file       ${shown(context, directive.source)}`,
		`  variables  ${directive.variables.join(', ') || '(none)'}`,
	];
	if (directive.optional.length > 0) {
		lines.push(`  optional   ${directive.optional.join(', ')}`);
	}

	lines.push(`  sha256     ${directive.digest ?? '?'}`);
	for (const file of overrides) {
		lines.push(`  overrides  ${shown(context, file)}`);
	}

	return {data: {...directive, overrides}, text: `${lines.join('\n')}\n\n${directive.body}`};
}

/**
 * `directives [ls [kind]]` lists the prompt directives (the project's `.xsarena/directives/` over the
 * bundled `directives/`), grouped by kind; `directives show <name>` prints one: a summary, then its body.
 * A broken file shows as a `!` row in `ls` (exit 1) and is an error for `show`.
 */
export const directives: CommandSpec = {
	name: 'directives',
	summary: 'list the prompt directives (templates, overlays, roles) or show one',
	examples: [
		'xsarena directives',
		'xsarena directives ls overlays',
		'xsarena directives show overlays/no_bs',
	],
	configure(command) {
		command
			.argument('[action]', 'ls (default) or show')
			.argument('[name]', 'for show: book, base/book, overlays/no_bs, roles/continue; for ls: a kind');
	},
	async run(context, [action = 'ls', name]) {
		const library = loadDirectives(defaultDirectiveRoots(context.paths.root));
		switch (action) {
			case 'ls':
			case 'list': {
				return ls(context, library, name);
			}

			case 'show': {
				if (name === undefined) {
					throw new UsageError('directives show needs a name (e.g. "directives show book")');
				}

				return show(context, library, name);
			}

			default: {
				throw new UsageError(`unknown action ${JSON.stringify(action)}: use "ls" or "show <name>"`);
			}
		}
	},
};
