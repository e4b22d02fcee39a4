/**
 * The repetition guard's measure: how much of a new chunk's wording the recent text already has.
 *
 * Texts are compared as sets of word n-grams ("shingles", 3 words by default), following A. Z. Broder,
 * "On the resemblance and containment of documents", Compression and Complexity of Sequences 1997,
 * with the Jaccard index of the two sets as their resemblance (P. Jaccard, "Étude comparative de la
 * distribution florale dans une portion des Alpes et des Jura", Bulletin de la Société Vaudoise des
 * Sciences Naturelles 37, 1901). Identical texts score 1, texts sharing no n-gram score 0.
 *
 * Everything here is linear in the length of the texts (one pass, hash sets), fine for a 300 k-character
 * book.
 */

/**
 * The words of `text`, normalised: NFC, lower case, runs of Unicode letters, combining marks and digits;
 * an apostrophe inside a word is dropped (`Don't` → `dont`), any other punctuation separates words.
 */
export function normalisedWords(text: string): string[] {
	return (
		text
			.normalize('NFC')
			.toLowerCase()
			.replaceAll(/(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])/gu, '')
			.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
	);
}

function assertN(n: number): void {
	if (!Number.isInteger(n) || n < 1) {
		throw new RangeError(`n-gram size must be a whole number of at least 1, not ${n}`);
	}
}

/**
 * The set of word n-grams of `text` (see {@link normalisedWords}), each as its words joined by one space.
 * A text of fewer than `n` words (but at least one) has one n-gram: all its words, so two identical
 * short texts still match. An empty text has none.
 *
 * @throws RangeError when `n` is not a whole number ≥ 1.
 */
export function wordNgrams(text: string, n: number): Set<string> {
	assertN(n);
	const words = normalisedWords(text);
	const grams = new Set<string>();
	if (words.length > 0 && words.length < n) {
		grams.add(words.join(' '));
	}

	for (let index = 0; index + n <= words.length; index++) {
		grams.add(words.slice(index, index + n).join(' '));
	}

	return grams;
}

function intersectionSize(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let shared = 0;
	for (const item of small) {
		if (large.has(item)) {
			shared++;
		}
	}

	return shared;
}

/**
 * Jaccard index |a ∩ b| / |a ∪ b|, from 0 (nothing shared) to 1 (the same set). Two empty sets give 0:
 * with nothing written there is nothing repeated.
 */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	const shared = intersectionSize(a, b);
	const union = a.size + b.size - shared;
	return union === 0 ? 0 : shared / union;
}

/**
 * Broder's containment |a ∩ b| / |a|: the share of `a`'s n-grams also in `b`, 0 when `a` is empty.
 * Unlike {@link jaccard} it does not fall when `b` is much longer than `a`.
 */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	return a.size === 0 ? 0 : intersectionSize(a, b) / a.size;
}

/**
 * Jaccard similarity of the word `n`-grams of a new chunk and the recent text, 0–1.
 *
 * Compare with recent text about as long as the chunk (the previous chunk, or a tail of the same
 * length): the index is at most |smaller| / |larger|, so a verbatim copy of one chunk scores only 0.5
 * against two chunks' worth of text.
 *
 * @throws RangeError when `n` is not a whole number ≥ 1.
 */
export function similarity(chunk: string, recent: string, n = 3): number {
	return jaccard(wordNgrams(chunk, n), wordNgrams(recent, n));
}

/**
 * Whether the chunk repeats the recent text: its {@link similarity} is above `threshold` (strictly, so a
 * threshold of 1 turns the guard off).
 */
export function isRepetition(chunk: string, recent: string, threshold: number, n = 3): boolean {
	return similarity(chunk, recent, n) > threshold;
}

/**
 * For `stats`: the share of the text's word `n`-gram occurrences whose n-gram occurs more than once,
 * 0–1. A text written twice over scores about 1; a text with no repeated phrase, 0; a text of fewer
 * than `n` words, 0.
 *
 * @throws RangeError when `n` is not a whole number ≥ 1.
 */
export function repetitionRate(text: string, n = 3): number {
	assertN(n);
	const words = normalisedWords(text);
	const counts = new Map<string, number>();
	for (let index = 0; index + n <= words.length; index++) {
		const gram = words.slice(index, index + n).join(' ');
		counts.set(gram, (counts.get(gram) ?? 0) + 1);
	}

	const total = Math.max(0, words.length - n + 1);
	let repeated = 0;
	for (const count of counts.values()) {
		repeated += count > 1 ? count : 0;
	}

	return total === 0 ? 0 : repeated / total;
}
