/**
 * Reading YAML files people write by hand (`config.yml`, `board.yml`), with errors that name the file,
 * line and column, and limits against hostile input (FAULTS R13: 10 MB files, alias bombs).
 */
import fs from 'node:fs';
import {isNode, LineCounter, parseDocument, type Document} from 'yaml';
import type {z} from 'zod';

/** Largest YAML file read, in bytes. */
export const maxYamlBytes = 1024 * 1024;

/** A YAML file that could not be read, parsed or validated. `message` starts with `file:line:column`. */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';
}

type Position = {line: number; col: number};

function where(file: string, pos: Position | undefined): string {
	return pos ? `${file}:${pos.line}:${pos.col}` : file;
}

/** Find the position of the node at `path` (or its nearest existing parent) in the document. */
function positionOf(
	document: Document,
	lines: LineCounter,
	path: readonly PropertyKey[],
): Position | undefined {
	for (let length = path.length; length >= 0; length--) {
		const node = document.getIn(path.slice(0, length) as unknown[], true);
		if (isNode(node) && node.range) {
			return lines.linePos(node.range[0]);
		}
	}

	return undefined;
}

/**
 * Parse and validate a YAML file against a zod schema.
 *
 * @param file path of the file (shown in errors as given).
 * @param schema validates (and fills defaults of) the parsed value.
 * @param missing value to validate when the file does not exist; omit to make a missing file an error.
 * @throws {ConfigError} `file:line:column: message` for syntax errors, schema violations, files over
 * {@link maxYamlBytes}, and more than 100 alias expansions (a "billion laughs" document).
 */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S, missing?: unknown): z.infer<S> {
	let text: string;
	try {
		const size = fs.statSync(file).size;
		if (size > maxYamlBytes) {
			throw new ConfigError(`${file}: file is ${size} bytes, over the ${maxYamlBytes}-byte limit`);
		}

		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if (error instanceof ConfigError) {
			throw error;
		}

		if ((error as NodeJS.ErrnoException).code === 'ENOENT' && missing !== undefined) {
			return schema.parse(missing, once);
		}

		throw new ConfigError(`${file}: ${(error as Error).message}`);
	}

	return parseYamlText(text, file, schema);
}

/**
 * How a file read once is checked: without zod's compiled fast path, which costs more to build (a
 * `new Function` per object schema) than it saves on one value (B1: ~5 % of a cold start's CPU here).
 */
export const once = {jitless: true} as const;

/** Parse and validate YAML text; see {@link readYamlFile}. */
export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
	const lines = new LineCounter();
	const document = parseDocument(text, {lineCounter: lines, uniqueKeys: true});
	const [syntax] = document.errors;
	if (syntax) {
		throw new ConfigError(`${where(file, syntax.linePos?.[0])}: ${syntax.message.split('\n')[0]}`);
	}

	let value: unknown;
	try {
		value = document.toJS({maxAliasCount: 100}) ?? {};
	} catch (error) {
		throw new ConfigError(`${file}: ${(error as Error).message}`);
	}

	const result = schema.safeParse(value, once);
	if (!result.success) {
		const [issue] = result.error.issues;
		const path = issue?.path ?? [];
		const label = path.length > 0 ? `${path.join('.')}: ` : '';
		throw new ConfigError(
			`${where(file, positionOf(document, lines, path))}: ${label}${issue?.message ?? 'invalid'}`,
		);
	}

	return result.data;
}
