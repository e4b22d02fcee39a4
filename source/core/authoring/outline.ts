/**
 * The `--plan` outline: the model's answer to "outline the book in N sections", read into one section
 * per chunk.
 */

/** A numbered item: `1. T`, `1) T`, `1: T`, `**1. T**`, `## 1. T`, `Chapter 1: T`, `Part 2. T`. */
const numbered =
	/^([ \t]*)(?:#{1,6}[ \t]+)?[*_]{0,3}(?:(?:chapter|part|section)[ \t]+)?\d{1,4}[.):][ \t]+(.+)$/i;
/** A bullet item: `- T`, `* T`, `+ T`, `• T`. */
const bullet = /^([ \t]*)[-*+•][ \t]+(.+)$/;

type Item = {readonly indent: number; readonly text: string};

function items(lines: readonly string[], pattern: RegExp): Item[] {
	return lines.flatMap((line) => {
		const match = pattern.exec(line);
		// Emphasis markers are formatting; "* * *" (a rule) is no item.
		const text = (match?.[2] ?? '').replaceAll(/\*\*|__/g, '').trim();
		const indent = (match?.[1] ?? '').replaceAll('\t', '    ').length;
		return match && /[\p{L}\p{N}]/u.test(text) ? [{indent, text}] : [];
	});
}

/**
 * The top-level items of an outline: numbered lines if there are any (bullets under them are details),
 * else bullet lines; of those, only the least indented (nested items are details too). Each item is
 * its line after the number or bullet, without `**`/`__`, trimmed.
 */
export function outlineItems(text: string): string[] {
	const lines = text.split(/\r?\n/);
	const found = items(lines, numbered);
	const chosen = found.length > 0 ? found : items(lines, bullet);
	const top = Math.min(...chosen.map((item) => item.indent));
	return chosen.filter((item) => item.indent === top).map((item) => item.text);
}

/**
 * One section per chunk from the model's outline (see {@link outlineItems}), `chunks` entries long.
 * When the model gave another number of items, the plan is spread over the chunks rather than cut, so
 * the book still reaches its end: with more items than chunks, each chunk takes a run of consecutive
 * items joined by "; "; with fewer, an item spans consecutive chunks, each marked "(part p of q)".
 * Empty when the text has no list items at all (the model ignored the request: write without a plan).
 *
 * @throws RangeError when `chunks` is not a whole number ≥ 1.
 */
export function parseOutline(text: string, chunks: number): string[] {
	if (!Number.isInteger(chunks) || chunks < 1) {
		throw new RangeError(`chunks must be a whole number ≥ 1, not ${chunks}`);
	}

	const sections = outlineItems(text);
	const count = sections.length;
	if (count === 0) {
		return [];
	}

	const first = (chunk: number) => Math.floor((chunk * count) / chunks);
	if (count >= chunks) {
		return Array.from({length: chunks}, (_, chunk) =>
			sections.slice(first(chunk), first(chunk + 1)).join('; '),
		);
	}

	return Array.from({length: chunks}, (_, chunk) => {
		const item = first(chunk);
		// The chunks that share this item: from the first mapped to it to the last.
		const from = Math.ceil((item * chunks) / count);
		const to = Math.ceil(((item + 1) * chunks) / count);
		const section = sections[item]!;
		return to - from > 1 ? `${section} (part ${chunk - from + 1} of ${to - from})` : section;
	});
}
