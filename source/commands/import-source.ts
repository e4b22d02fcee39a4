/**
 * Reading a file to import (`import <file>`): its text under a size limit, parsed as YAML or JSON into
 * a plain value plus a way to name where a part of it is (`file:line:column` for YAML), so every
 * refusal can point at the line to fix.
 */
import fs from 'node:fs';
import {isNode, LineCounter, parseDocument} from 'yaml';
import type {z} from 'zod';
import {ConfigError} from '../config/yaml-file.js';

/** Largest file `import` reads, in bytes (an export of a big board is mostly events). */
export const maxImportBytes = 64 * 1024 * 1024;

/** A parsed file to import. */
export type ImportSource = {
	/** The path as the person gave it (shown in errors). */
	readonly file: string;
	/** The parsed document: plain objects, arrays, strings, numbers, booleans and nulls. */
	readonly value: unknown;
	/**
	 * Where the node at `path` (or its nearest existing parent) is: `file:line:column` for YAML,
	 * `file (jobs[2].events[0])` for JSON, which has no positions once parsed.
	 */
	at(path: readonly PropertyKey[]): string;
};

/**
 * Read a file's text.
 *
 * @throws {ConfigError} naming the file when it is missing, unreadable, or over {@link maxImportBytes}.
 */
export function readImportText(file: string): string {
	try {
		const {size} = fs.statSync(file);
		if (size > maxImportBytes) {
			throw new ConfigError(`${file}: file is ${size} bytes, over the ${maxImportBytes}-byte limit`);
		}

		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw error instanceof ConfigError ? error : new ConfigError(`${file}: ${(error as Error).message}`);
	}
}

function pathLabel(path: readonly PropertyKey[]): string {
	return path
		.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`))
		.join('');
}

/**
 * Parse YAML text, refusing duplicate keys and more than 100 alias expansions (a "billion laughs").
 *
 * @throws {ConfigError} `file:line:column: message` for a syntax error.
 */
export function parseYamlSource(text: string, file: string): ImportSource {
	const lines = new LineCounter();
	const document = parseDocument(text, {lineCounter: lines, uniqueKeys: true});
	const [syntax] = document.errors;
	if (syntax) {
		const pos = syntax.linePos?.[0];
		throw new ConfigError(
			`${pos ? `${file}:${pos.line}:${pos.col}` : file}: ${syntax.message.split('\n')[0]}`,
		);
	}

	let value: unknown;
	try {
		value = document.toJS({maxAliasCount: 100}) as unknown;
	} catch (error) {
		throw new ConfigError(`${file}: ${(error as Error).message}`);
	}

	return {
		file,
		value,
		at(path) {
			for (let length = path.length; length >= 0; length--) {
				const node = document.getIn(path.slice(0, length) as unknown[], true);
				if (isNode(node) && node.range) {
					const {line, col} = lines.linePos(node.range[0]);
					return `${file}:${line}:${col}`;
				}
			}

			return file;
		},
	};
}

/**
 * Parse JSON text.
 *
 * @throws {ConfigError} naming the file for text that is not JSON.
 */
export function parseJsonSource(text: string, file: string): ImportSource {
	let value: unknown;
	try {
		value = JSON.parse(text) as unknown;
	} catch (error) {
		throw new ConfigError(`${file}: not JSON: ${(error as Error).message}`);
	}

	return {file, value, at: (path) => (path.length > 0 ? `${file} (${pathLabel(path)})` : file)};
}

/**
 * Validate (part of) a source against a zod schema.
 *
 * @param base where `value` sits in the source, prefixed to the paths of the schema's issues.
 * @throws {ConfigError} `where: path: message` for the first issue.
 */
export function validateSource<S extends z.ZodType>(
	source: ImportSource,
	schema: S,
	value: unknown = source.value,
	base: readonly PropertyKey[] = [],
): z.infer<S> {
	const result = schema.safeParse(value);
	if (result.success) {
		return result.data;
	}

	const [issue] = result.error.issues;
	const path = [...base, ...(issue?.path ?? [])];
	const label = path.length > 0 ? `${pathLabel(path)}: ` : '';
	throw new ConfigError(`${source.at(path)}: ${label}${issue?.message ?? 'invalid'}`);
}
