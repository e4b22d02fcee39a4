/**
 * Reading a secret from a token source as config writes it: `env:NAME` (an environment variable) or
 * `file:PATH` (a file's first and only line; relative to the project folder, `~` expanded). Shared by
 * agents' and transports' tokens. Errors name the owner and the source, never the secret.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Largest token file read, in bytes: a token is a line, not a document. */
export const maxTokenFileBytes = 64 * 1024;

/** A token source as config accepts it. */
export const tokenSourcePattern = /^(env:[A-Za-z_]\w*|file:.+)$/;

/** Where a token source is read: the environment and the project folder (for `file:` paths). */
export type TokenSourceOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** The folder holding `.xsarena/`; relative `file:` paths start here. */
	readonly projectDir: string;
};

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
	if (file === '~' || file.startsWith('~/')) {
		return path.join(env['HOME'] ?? os.homedir(), file.slice(1));
	}

	return file;
}

/**
 * The token a source holds.
 *
 * @param source `env:NAME` or `file:PATH`.
 * @param owner who the token is for, for errors (`transport "openrouter"`).
 * @throws Error naming the owner and the source when the variable is unset or empty, the file is
 * missing, unreadable, over 64 KiB or empty, or the source has neither form.
 */
export function readTokenSource(source: string, options: TokenSourceOptions, owner: string): string {
	if (source.startsWith('env:')) {
		const value = options.env[source.slice('env:'.length)];
		if (!value) {
			throw new Error(`${owner}: its token source ${source} is not set`);
		}

		return value;
	}

	if (!source.startsWith('file:')) {
		// The value is not echoed: it may be the secret itself, written where its source belongs.
		throw new Error(`${owner}: a token source is env:NAME or file:PATH`);
	}

	const file = path.resolve(options.projectDir, expandHome(source.slice('file:'.length), options.env));
	let text: string;
	try {
		const size = fs.statSync(file).size;
		if (size > maxTokenFileBytes) {
			throw new Error(`it is ${size} bytes, too large for a token`);
		}

		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code ? `${code} (${file})` : (error as Error).message;
		throw new Error(`${owner}: cannot read its token from ${source}: ${reason}`, {cause: error});
	}

	// Editors and `echo` end files with a newline that is not part of the token.
	const token = text.trimEnd();
	if (token === '') {
		throw new Error(`${owner}: its token file ${source} is empty`);
	}

	return token;
}
