/**
 * The anchor: the tail of the text so far, sent with the request for the next chunk so the model picks
 * up where the book stopped (continuation mode `anchor`).
 *
 * The rule: take the last `maxChars` characters of the text (trailing whitespace dropped) and start at
 * the first boundary inside that window, so the anchor never starts mid-sentence:
 * 1. a sentence end: `.`, `!`, `?` or `…`, optionally followed by closing quotes, brackets or emphasis
 *    (`"'”’»)]*_`), then whitespace; or `。`, `！`, `？` (no space needed);
 * 2. a paragraph break (a blank line);
 * 3. failing both, a word boundary (whitespace);
 * 4. failing that too (one long word, or unspaced script without a full stop), the window itself.
 * The anchor is the longest tail that fits and starts at a boundary. A window that would start in the
 * middle of a surrogate pair starts one unit later, so the anchor is always well-formed UTF-16.
 *
 * Sentence ends are a heuristic: "Mr. Smith" ends a "sentence" after "Mr.". The model reads the anchor
 * as context, so an odd start costs little; a start mid-word would cost more.
 */

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** How far before the window a sentence end may begin, so a window starting right after one sees it. */
const lookBehind = 8;

/** Where the first match of `pattern` ending at or after `start` (and before the end) ends. */
function firstBoundary(text: string, pattern: RegExp, from: number, start: number): number | undefined {
	pattern.lastIndex = from;
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		const end = match.index + match[0].length;
		if (end >= start && end < text.length) {
			return end;
		}

		if (end >= text.length) {
			return undefined;
		}
	}

	return undefined;
}

/**
 * The anchor for the next chunk: at most `maxChars` characters from the end of `text`, starting at a
 * sentence boundary (see the module comment for the rule). `maxChars` of 0 (continuation `none`), a
 * negative number or NaN gives ''.
 *
 * `text` is the whole book so far, or a tail of it longer than `maxChars` (twice as long is plenty): a
 * text that fits whole is taken to start at a boundary and returned whole. A leading U+FFFD or lone low
 * surrogate (a character cut by a byte- or unit-offset read of the file) is dropped.
 */
export function anchorFrom(text: string, maxChars: number): string {
	if (!(maxChars >= 1)) {
		return '';
	}

	const whole = text.trimEnd().replace(/^[\uFFFD\uDC00-\uDFFF]+/, '');
	const limit = Math.floor(maxChars);
	if (whole.length <= limit) {
		return whole.trimStart();
	}

	let start = whole.length - limit;
	if (isLowSurrogate(whole.charCodeAt(start))) {
		start++;
	}

	const sentence = /[.!?…]["'”’»)\]*_]*\s+|[。！？]["'”’」』)]*\s*|\n[ \t\r]*\n\s*/gu;
	const at =
		firstBoundary(whole, sentence, Math.max(0, start - lookBehind), start) ??
		firstBoundary(whole, /\s+/gu, Math.max(0, start - 1), start) ??
		start;
	return whole.slice(at);
}
