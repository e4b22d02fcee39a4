/**
 * Deterministic output of the kinds agents produce, shared by the workload programs (which print it)
 * and the in-process benchmarks (which feed it to an emulator): plain lines, SGR-heavy lines, and the
 * frames of a full-screen program.
 */

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Line `n` of plain text: a number and a rotating slice of letters, `width` columns wide. */
export function plainLine(n, width = 79) {
	const head = `${String(n).padStart(9, '0')} `;
	let body = '';
	for (let i = 0; body.length < width - head.length; i++) {
		body += alphabet[(n + i) % alphabet.length];
	}

	return `${head}${body}`;
}

/**
 * Line `n` of SGR-heavy text, as test runners, linters and AI CLIs print it: every word in its own
 * colour (256-colour, truecolor, bold, underline), reset after each. About 3–4× the bytes of its text.
 */
export function sgrLine(n, words = 10) {
	let line = '';
	for (let i = 0; i < words; i++) {
		const k = n * words + i;
		const style =
			k % 4 === 0
				? `38;5;${k % 256}`
				: k % 4 === 1
					? `38;2;${k % 256};${(k * 7) % 256};${(k * 13) % 256}`
					: k % 4 === 2
						? `1;3${k % 8}`
						: `4;48;5;${(k * 3) % 256}`;
		line += `\u001B[${style}m${alphabet.slice(k % 50, (k % 50) + 6)}\u001B[0m `;
	}

	return line;
}

/**
 * Frame `n` of a full-screen program (`cols`×`rows`, alternate screen): a title bar, rows addressed
 * with CUP, coloured cells, a status line; like htop or an AI CLI redrawing.
 */
export function tuiFrame(n, cols = 98, rows = 20) {
	let out = '\u001B[H';
	out += `\u001B[7m${` frame ${n} `.padEnd(cols, ' ')}\u001B[0m`;
	for (let y = 2; y < rows; y++) {
		const value = (n * 31 + y * 17) % 100;
		const bar = '█'.repeat(Math.floor((value / 100) * (cols - 30)));
		out += `\u001B[${y};1H\u001B[2K\u001B[3${y % 8}m${String(y).padStart(3)}\u001B[0m ${String(value).padStart(3)}% \u001B[32m${bar}\u001B[0m`;
	}

	out += `\u001B[${rows};1H\u001B[2K\u001B[1mq\u001B[0m quit  \u001B[1m↑↓\u001B[0m move  tick ${n}`;
	return out;
}

/** Enter the alternate screen and hide the cursor (what a full-screen program prints first). */
export const enterAltScreen = '\u001B[?1049h\u001B[?25l\u001B[2J';
