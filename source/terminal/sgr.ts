/**
 * SGR (Select Graphic Rendition) codes for one emulator cell: colours and the text attributes a pane
 * shows. Codes follow ECMA-48 and the xterm 256-colour and truecolour extensions.
 */
import type {IBufferCell} from '@xterm/headless';

/** `ESC[0m`: back to the default style; every row ends with it so nothing bleeds into a pane border. */
export const sgrReset = '\u001B[0m';

/**
 * A cell's style packed into three numbers, compared to decide whether to emit a new SGR sequence.
 * `fg`/`bg` are `colorMode | color` as xterm stores them (mode in the high byte, palette index or
 * 0xRRGGBB in the low 24 bits), so equal keys mean equal colours.
 */
export type StyleKey = {fg: number; bg: number; flags: number};

/** The default style: default colours, no attributes. */
export function defaultStyleKey(): StyleKey {
	return {fg: 0, bg: 0, flags: 0};
}

const bold = 1;
const dim = 2;
const italic = 4;
const underline = 8;
const inverse = 16;
const invisible = 32;
const strikethrough = 64;

function flagsOf(cell: IBufferCell): number {
	return (
		(cell.isBold() ? bold : 0) |
		(cell.isDim() ? dim : 0) |
		(cell.isItalic() ? italic : 0) |
		(cell.isUnderline() ? underline : 0) |
		(cell.isInverse() ? inverse : 0) |
		(cell.isInvisible() ? invisible : 0) |
		(cell.isStrikethrough() ? strikethrough : 0)
	);
}

/** Reads `cell`'s style into `into` and reports whether it differs from what `into` held. */
export function readStyle(cell: IBufferCell, into: StyleKey): boolean {
	const fg = cell.isFgDefault() ? 0 : cell.getFgColorMode() | cell.getFgColor();
	const bg = cell.isBgDefault() ? 0 : cell.getBgColorMode() | cell.getBgColor();
	const flags = flagsOf(cell);
	if (fg === into.fg && bg === into.bg && flags === into.flags) {
		return false;
	}

	into.fg = fg;
	into.bg = bg;
	into.flags = flags;
	return true;
}

function colorCodes(cell: IBufferCell, foreground: boolean): string {
	const color = foreground ? cell.getFgColor() : cell.getBgColor();
	const isRgb = foreground ? cell.isFgRGB() : cell.isBgRGB();
	const base = foreground ? 30 : 40;
	if (isRgb) {
		return `;${base + 8};2;${(color >> 16) & 0xff};${(color >> 8) & 0xff};${color & 0xff}`;
	}

	if (color < 8) {
		return `;${base + color}`;
	}

	// 90-97 / 100-107: the bright half of the 16-colour palette.
	return color < 16 ? `;${base + 60 + color - 8}` : `;${base + 8};5;${color}`;
}

const flagCodes: ReadonlyArray<readonly [number, string]> = [
	[bold, ';1'],
	[dim, ';2'],
	[italic, ';3'],
	[underline, ';4'],
	[inverse, ';7'],
	[invisible, ';8'],
	[strikethrough, ';9'],
];

/**
 * The full SGR sequence for a cell's style, starting from a reset (`ESC[0;…m`), so it is correct
 * whatever style came before; `ESC[0m` for the default style.
 */
export function sgrFor(cell: IBufferCell, style: StyleKey): string {
	let codes = '0';
	for (const [flag, code] of flagCodes) {
		if ((style.flags & flag) !== 0) {
			codes += code;
		}
	}

	if (style.fg !== 0) {
		codes += colorCodes(cell, true);
	}

	if (style.bg !== 0) {
		codes += colorCodes(cell, false);
	}

	return `\u001B[${codes}m`;
}
