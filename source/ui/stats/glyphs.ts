/**
 * Sparklines and horizontal bars drawn with block characters: pure string functions, one cell per
 * value or per unit of length, so the stats view only lays strings out.
 */

/** The eight heights of a sparkline cell, lowest first (U+2581–U+2588). */
export const sparkBlocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A bar's partial last cell, by eighths: index 1 is one eighth (U+258F) … 7 seven eighths (U+2589). */
export const barEighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/**
 * One cell per value, its height proportional to the value against `max` (default: the largest
 * value). Zero (and anything negative) is a blank, so "no output" reads as a gap rather than as a
 * little output; any positive value gets at least the lowest block.
 */
export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
	return values
		.map((value) => {
			if (!(value > 0) || !(max > 0)) {
				return ' ';
			}

			const level = Math.min(sparkBlocks.length, Math.max(1, Math.ceil((value / max) * sparkBlocks.length)));
			return sparkBlocks[level - 1]!;
		})
		.join('');
}

/**
 * A bar for `value` out of `max` in at most `width` cells, to an eighth of a cell, not padded. Any
 * positive value shows at least an eighth, so a small but real amount is never invisible.
 */
export function bar(value: number, max: number, width: number): string {
	if (!(value > 0) || !(max > 0) || width <= 0) {
		return '';
	}

	const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
	const full = Math.floor(eighths / 8);
	return '█'.repeat(full) + barEighths[eighths % 8]!;
}

/** `bar` padded with blanks to exactly `width` cells. */
export function paddedBar(value: number, max: number, width: number): string {
	const drawn = bar(value, max, width);
	return drawn + ' '.repeat(Math.max(0, width - [...drawn].length));
}
