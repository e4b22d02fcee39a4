/**
 * Splitting a REPL line into argv the way a POSIX shell would (quotes, backslashes), with the
 * `shell-quote` library. Shell operators are refused rather than guessed at: the REPL runs one
 * command, not a pipeline, and `$VAR` is kept literally (an agent's shell may expand it later).
 */
import {parse} from 'shell-quote';
import {UsageError} from './types.js';

/**
 * Tokenize one REPL line.
 *
 * @returns argv without a leading `xsarena` (so lines copied from a shell work too).
 * @throws {UsageError} for shell operators (`;`, `|`, `&&`, `>` …) outside quotes.
 */
export function tokenizeLine(line: string): string[] {
	const tokens = parse(line, (name) => `$${name}`);
	const argv = tokens.map((token) => {
		if (typeof token === 'string') {
			return token;
		}

		if ('op' in token && token.op === 'glob') {
			return token.pattern;
		}

		if ('comment' in token) {
			return '';
		}

		throw new UsageError(
			`"${'op' in token ? token.op : '?'}" is a shell operator; quote it to pass it as text`,
		);
	});
	const words = argv.filter((word, index) => word !== '' || typeof tokens[index] === 'string');
	return words[0] === 'xsarena' ? words.slice(1) : words;
}
