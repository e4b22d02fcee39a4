/**
 * An xterm Unicode provider whose cell widths follow `string-width`, the measure Ink lays rows out with.
 *
 * xterm's built-in provider (Unicode 6) counts most emoji (`🙂`, `👍`) as one cell, while `string-width`,
 * Ink, and the Ink-based agents that write into our panes (Claude Code, Gemini CLI) count them as two.
 * When the emulator and the program disagree, the cursor drifts and rows come out the wrong width
 * (PITFALLS.md, "Two width tables meet in a pane").
 */
import type {IUnicodeVersionProvider} from '@xterm/headless';
import stringWidth from 'string-width';

/** Name under which the provider is registered with `terminal.unicode`. */
export const unicodeVersion = 'xsarena-string-width';

const variationSelector16 = 0xfe_0f;
const zeroWidthJoiner = 0x20_0d;
const zwjFlag = 1 << 21;
const codePointMask = zwjFlag - 1;
const unknownWidth = 0xff;

const emojiModifierBase = /^\p{Emoji_Modifier_Base}$/u;
const pictographic = /^\p{Extended_Pictographic}$/u;

// BMP widths in a flat table; astral ones in a map (few distinct ones appear in practice).
const bmpWidths = new Uint8Array(0x1_00_00).fill(unknownWidth);
const astralWidths = new Map<number, 0 | 1 | 2>();
const astralLimit = 10_000;

function clampWidth(width: number): 0 | 1 | 2 {
	return width <= 0 ? 0 : width >= 2 ? 2 : 1;
}

/** Cells a lone code point takes by `string-width` (0, 1 or 2), cached. */
export function codePointWidth(codePoint: number): 0 | 1 | 2 {
	if (codePoint < 0x20) {
		return 0;
	}

	if (codePoint < 0x7f) {
		return 1;
	}

	if (codePoint < 0x1_00_00) {
		const cached = bmpWidths[codePoint];
		if (cached !== undefined && cached !== unknownWidth) {
			return cached as 0 | 1 | 2;
		}

		const width = clampWidth(stringWidth(String.fromCodePoint(codePoint)));
		bmpWidths[codePoint] = width;
		return width;
	}

	const cached = astralWidths.get(codePoint);
	if (cached !== undefined) {
		return cached;
	}

	const width = clampWidth(stringWidth(String.fromCodePoint(codePoint)));
	if (astralWidths.size < astralLimit) {
		astralWidths.set(codePoint, width);
	}

	return width;
}

function is(pattern: RegExp, codePoint: number): boolean {
	return pattern.test(String.fromCodePoint(codePoint));
}

// Bit layout of xterm's `UnicodeCharProperties` (src/common/services/UnicodeService.ts, not exported):
// bit 0 joins the code point onto the preceding cell, bits 1-2 hold the width, bits 3+ are free state.
// We keep the cluster's base code point (21 bits) and a "just saw a ZWJ" flag there.
function pack(state: number, width: number, join: boolean): number {
	return ((state & 0xff_ff_ff) << 3) | ((width & 3) << 1) | (join ? 1 : 0);
}

/**
 * Widths for a joined cluster, following `string-width`'s rules: a zero-width code point (combining
 * mark, ZWJ, variation selector) joins the cell before it; VS16 widens a pictograph that `string-width`
 * then counts as an RGI emoji; a skin-tone modifier joins its base; after a ZWJ, a pictograph joins the
 * sequence (`👨‍👩‍👧` is one two-cell cluster).
 */
function charProperties(codePoint: number, preceding: number): number {
	const width = codePointWidth(codePoint);
	// Nothing below U+0300 joins anything: the hot path for ASCII and Latin text.
	if (preceding === 0 || codePoint < 0x3_00) {
		return pack(codePoint, width, false);
	}

	const precedingWidth = (preceding >> 1) & 3;
	const state = preceding >>> 3;
	const base = state & codePointMask;
	if (precedingWidth === 0 || base === 0) {
		return pack(codePoint, width, false);
	}

	if (width === 0) {
		let joined = precedingWidth;
		if (codePoint === variationSelector16 && precedingWidth === 1 && is(pictographic, base)) {
			joined = clampWidth(stringWidth(String.fromCodePoint(base, codePoint)));
		}

		return pack(base | (codePoint === zeroWidthJoiner ? zwjFlag : 0), Math.max(joined, precedingWidth), true);
	}

	const afterZwj = (state & zwjFlag) !== 0;
	const isModifier = codePoint >= 0x1_f3_fb && codePoint <= 0x1_f3_ff;
	if ((afterZwj && is(pictographic, codePoint)) || (isModifier && is(emojiModifierBase, base))) {
		return pack(base, 2, true);
	}

	return pack(codePoint, width, false);
}

/** The provider, ready for `terminal.unicode.register(...)`; stateless, so one instance serves all terminals. */
export const stringWidthProvider: IUnicodeVersionProvider = {
	version: unicodeVersion,
	wcwidth: codePointWidth,
	charProperties,
};
