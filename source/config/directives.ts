/**
 * Reading directive files from disk: a project's own folder (`.xsarena/directives/`) over the ones
 * bundled with the package (`directives/`). Parsing and composition are pure (`core/directives.ts`).
 *
 * Every name is checked before it becomes a path, and every file is checked to resolve inside its
 * root, so neither a typed name nor a symlink can read a file elsewhere (FAULTS S3).
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	assertDirectiveName,
	directiveFolders,
	directiveKinds,
	directiveLabel,
	directiveNamePattern,
	directiveNouns,
	DirectiveError,
	parseDirective,
	parseDirectiveSpec,
	type Directive,
	type DirectiveKind,
} from '../core/directives.js';

/** Largest directive file read, in bytes (256 KiB). */
export const maxDirectiveBytes = 256 * 1024;

/** The directives found under some roots. Files are parsed when first used, then kept. */
export type DirectiveLibrary = {
	/** The roots searched, highest priority first (as given, missing ones included). */
	readonly roots: readonly string[];
	/**
	 * The directive `kind/name` from the first root that has it.
	 *
	 * @throws {DirectiveError} for an invalid name, an unknown one (`unknown overlay "x" (available: a, b)`),
	 * or a file that cannot be read or parsed (`file:line:column: …`).
	 */
	get(kind: DirectiveKind, name: string): Directive;
	/** The file {@link get} reads for `kind/name` (in the first root that has it). Nothing is read. */
	file(kind: DirectiveKind, name: string): string;
	/** Names of one kind, sorted. Nothing is parsed. */
	names(kind: DirectiveKind): string[];
	/** Every directive, by kind (base, overlay, role) then name. @throws {DirectiveError} for the first broken file. */
	list(): Directive[];
	/** Files of lower-priority roots that `kind/name` hides (empty when it overrides nothing). */
	overrides(kind: DirectiveKind, name: string): string[];
};

/** The `directives/` folder shipped with the package: two levels above this module, in `source/` or `dist/`. */
export function bundledDirectivesDir(): string {
	return fileURLToPath(new URL('../../directives', import.meta.url));
}

/** The roots an `.xsarena/` folder uses: its own `directives/`, then the bundled ones. */
export function defaultDirectiveRoots(home: string): string[] {
	return [path.join(home, 'directives'), bundledDirectivesDir()];
}

/** `<name>.md` files in `folder` whose name is a valid directive name; none when the folder is missing. */
function scan(folder: string): string[] {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(folder, {withFileTypes: true});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return [];
		}

		throw new DirectiveError(`${folder}: ${(error as Error).message}`);
	}

	return entries
		.filter((entry) => entry.name.endsWith('.md') && !entry.isDirectory())
		.map((entry) => entry.name.slice(0, -3))
		.filter((name) => directiveNamePattern.test(name));
}

function isInside(root: string, file: string): boolean {
	const relative = path.relative(root, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Read one directive file, refusing one that resolves outside `root` (through a symlink of the file or
 * of a folder), is not a regular file, or is over {@link maxDirectiveBytes}.
 */
function readDirective(root: string, kind: DirectiveKind, name: string): Directive {
	const file = path.join(root, directiveFolders[kind], `${name}.md`);
	let bytes: Buffer;
	try {
		const real = fs.realpathSync(file);
		if (!isInside(fs.realpathSync(root), real)) {
			throw new DirectiveError(`${file}: refused: it resolves to ${real}, outside ${root}`);
		}

		const stat = fs.statSync(real);
		if (!stat.isFile()) {
			throw new DirectiveError(`${file}: not a regular file`);
		}

		if (stat.size > maxDirectiveBytes) {
			throw new DirectiveError(
				`${file}: file is ${stat.size} bytes, over the ${maxDirectiveBytes}-byte limit`,
			);
		}

		bytes = fs.readFileSync(real);
	} catch (error) {
		if (error instanceof DirectiveError) {
			throw error;
		}

		throw new DirectiveError(`${file}: ${(error as Error).message}`);
	}

	if (bytes.length > maxDirectiveBytes) {
		throw new DirectiveError(`${file}: file grew over the ${maxDirectiveBytes}-byte limit while read`);
	}

	let text: string;
	try {
		text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		throw new DirectiveError(`${file}: not valid UTF-8`);
	}

	const digest = createHash('sha256').update(bytes).digest('hex');
	return {...parseDirective(kind, name, text, file), digest};
}

/**
 * Index the directives under `roots` (highest priority first: the first root with a `kind/name` wins).
 * A missing root is skipped. Folders are listed now; a file is read and parsed when first used, so a
 * broken file breaks only what uses it.
 *
 * @throws {DirectiveError} when a root's folder exists but cannot be listed.
 */
export function loadDirectives(roots: readonly string[]): DirectiveLibrary {
	const absolute = [...new Set(roots.map((root) => path.resolve(root)))];
	/** Per kind: name → the roots that have it, in priority order. */
	const index = new Map<DirectiveKind, Map<string, string[]>>();
	for (const kind of directiveKinds) {
		const byName = new Map<string, string[]>();
		for (const root of absolute) {
			for (const name of scan(path.join(root, directiveFolders[kind]))) {
				byName.set(name, [...(byName.get(name) ?? []), root]);
			}
		}

		index.set(kind, byName);
	}

	const cache = new Map<string, Directive>();
	const names = (kind: DirectiveKind) => [...(index.get(kind)?.keys() ?? [])].sort();
	const rootsOf = (kind: DirectiveKind, name: string) => {
		assertDirectiveName(name);
		const found = index.get(kind)?.get(name);
		if (!found?.[0]) {
			const available = names(kind);
			throw new DirectiveError(
				`unknown ${directiveNouns[kind]} ${JSON.stringify(name)} (available: ${
					available.length > 0 ? available.join(', ') : `none in ${absolute.join(', ')}`
				})`,
			);
		}

		return found;
	};

	const fileOf = (root: string, kind: DirectiveKind, name: string) =>
		path.join(root, directiveFolders[kind], `${name}.md`);
	const get = (kind: DirectiveKind, name: string): Directive => {
		const [root = ''] = rootsOf(kind, name);
		const key = directiveLabel({kind, name});
		const cached = cache.get(key);
		if (cached) {
			return cached;
		}

		const directive = readDirective(root, kind, name);
		cache.set(key, directive);
		return directive;
	};

	return {
		roots: [...roots],
		get,
		file: (kind, name) => fileOf(rootsOf(kind, name)[0] ?? '', kind, name),
		names,
		list: () => directiveKinds.flatMap((kind) => names(kind).map((name) => get(kind, name))),
		overrides: (kind, name) =>
			rootsOf(kind, name)
				.slice(1)
				.map((root) => fileOf(root, kind, name)),
	};
}

/**
 * Find what a person named: `kind/name` (`base/book`, `overlays/no_bs`, `overlay/no_bs`), or a bare name
 * searched in base templates, then overlays, then role guides.
 *
 * @throws {DirectiveError} for an invalid or unknown name.
 */
export function resolveName(library: DirectiveLibrary, spec: string): {kind: DirectiveKind; name: string} {
	const {kind, name} = parseDirectiveSpec(spec);
	if (kind) {
		if (!library.names(kind).includes(name)) {
			library.get(kind, name); // Throws the "unknown …" error with the names available.
		}

		return {kind, name};
	}

	const found = directiveKinds.find((each) => library.names(each).includes(name));
	if (!found) {
		throw new DirectiveError(
			`unknown directive ${JSON.stringify(name)} (see "directives ls"; name one as base/<name>, overlays/<name> or roles/<name>)`,
		);
	}

	return {kind: found, name};
}
