import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import type {TerminalScreen} from '../../source/terminal/terminal-screen.js';

/** Writes `data` and resolves once xterm has parsed it. */
export async function feed(screen: TerminalScreen, data: string | Uint8Array): Promise<void> {
	await new Promise<void>((resolve) => {
		screen.write(data, resolve);
	});
}

/** Visible width of a row string as Ink measures it. */
export function visibleWidth(row: string): number {
	return stringWidth(stripVTControlCharacters(row));
}

/** A row with our SGR sequences removed, to check that nothing else of control nature is left. */
export function withoutSgr(row: string): string {
	// `\p{Cc}` stands for ESC here: the rows hold no other control character before `[`.
	return row.replaceAll(/\p{Cc}\[[\d;]*m/gu, '');
}
