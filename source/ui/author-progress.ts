/**
 * How far an author job got, as the card and the pane title show it: a bar of chunks, and the
 * figures behind it. Pure strings, so the rules are tested without rendering.
 */
import type {AuthorProgress} from '../core/index.js';

/** `▰▰▰▱▱` for `fraction` (0–1) in `cells` cells; a started job shows at least one filled cell. */
export function progressBar(fraction: number, cells: number): string {
	const clamped = Math.min(1, Math.max(0, fraction));
	const filled = Math.min(cells, Math.max(clamped > 0 ? 1 : 0, Math.floor(clamped * cells)));
	return '▰'.repeat(filled) + '▱'.repeat(Math.max(0, cells - filled));
}

/** `12.4k` for 12 400; plain below 1 000. */
export function compactNumber(value: number): string {
	if (value < 1000) {
		return String(Math.round(value));
	}

	return value < 1_000_000 ? `${(value / 1000).toFixed(1)}k` : `${(value / 1_000_000).toFixed(1)}M`;
}

/** The card's part: `▰▰▱▱▱ 3/12`. */
export function cardProgress(author: AuthorProgress): string {
	const {chunks, spec} = author;
	return `${progressBar(chunks / spec.chunks, 5)} ${chunks}/${spec.chunks}`;
}

/**
 * The pane title's parts: `▰▰▱▱▱▱▱▱ chunk 3/12`, `14.2k/50.4k chars`, `9.8k tok` (`~` when the
 * endpoint gave no usage), and the cost when there is one.
 */
export function paneProgress(author: AuthorProgress, usd: number): string[] {
	const {chunks, chars, tokens, spec} = author;
	const target = spec.chunks * spec.minChars;
	const parts = [
		`${progressBar(chunks / spec.chunks, 8)} chunk ${chunks}/${spec.chunks}`,
		`${compactNumber(chars)}/${compactNumber(target)} chars`,
		`${author.estimated ? '~' : ''}${compactNumber(tokens)} tok`,
	];
	if (usd > 0) {
		parts.push(`$${usd.toFixed(usd < 1 ? 3 : 2)}`);
	}

	return parts;
}
