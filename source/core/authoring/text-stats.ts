/**
 * `stats <id>`: numbers about a book's text. Words are those of `normalisedWords` (runs of letters and
 * digits; `don't` is one word, `well-known` two), counted after dropping link targets (`[text](url)`
 * counts `text` only), so the counts are close to, not equal to, a word processor's.
 */
import {englishFunctionWords} from './function-words.js';
import {normalisedWords, repetitionRate} from './repetition.js';
import {splitChapters} from './split-chapters.js';

/** Silent reading rate of adults for non-fiction, in words per minute (see {@link textStats}). */
export const readingWordsPerMinute = 238;

/** What `stats` prints. */
export type TextStats = {
	/** Characters (Unicode code points) of the Markdown as written. */
	readonly characters: number;
	/** Words of the text (see the module comment). */
	readonly words: number;
	/** Top-level `# ` headings outside code blocks. */
	readonly chapters: number;
	/** `words` / 238, in minutes, to one decimal. */
	readonly readingMinutes: number;
	/** Share of word 3-gram occurrences that repeat elsewhere in the text, 0–1 (see `repetitionRate`). */
	readonly repetitionRate: number;
	/** Content words / words, 0–1, with English function words as the non-content words. */
	readonly lexicalDensity: number;
};

/**
 * Statistics of a book's Markdown.
 *
 * Reading time uses 238 words per minute, the average silent reading rate of adults for non-fiction
 * in M. Brysbaert, "How many words do we read per minute? A review and meta-analysis of reading rate",
 * Journal of Memory and Language 109 (2019), 104047.
 *
 * Lexical density is the share of content (lexical) words among all words (J. Ure, "Lexical density
 * and register differentiation", 1971), approximated by treating every word not in a short list of
 * English function words as a content word: for other languages it comes out too high. Written prose
 * usually scores about 0.4–0.6.
 */
export function textStats(markdown: string): TextStats {
	const prose = markdown.replaceAll(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']');
	const words = normalisedWords(prose);
	const content = words.filter((word) => !englishFunctionWords.has(word)).length;
	return {
		characters: [...markdown].length,
		words: words.length,
		chapters: splitChapters(markdown).filter((part) => part.index > 0).length,
		readingMinutes: Math.round((words.length / readingWordsPerMinute) * 10) / 10,
		repetitionRate: repetitionRate(prose, 3),
		lexicalDensity: words.length === 0 ? 0 : content / words.length,
	};
}
