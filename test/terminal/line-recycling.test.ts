import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {recycleLinesWithoutGarbage} from '../../source/terminal/line-recycling.js';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';
import {feed} from './screen-helpers.js';

const esc = '\u001B';
const combiningAcute = '\u0301';

/** xterm's internal line behind the public view of buffer line `y`. */
type Line = {
	_combined: Record<number, string>;
	_extendedAttrs: Record<number, unknown>;
	copyFrom(line: Line): void;
};

function internalLine(terminal: xterm.Terminal, y: number): Line {
	return (terminal.buffer.normal.getLine(y) as unknown as {_line: Line})._line;
}

async function write(terminal: xterm.Terminal, data: string): Promise<void> {
	await new Promise<void>((resolve) => {
		terminal.write(data, resolve);
	});
}

describe('recycleLinesWithoutGarbage', () => {
	it("finds and patches the xterm in use (false would mean xterm's lines changed shape)", () => {
		const terminal = new xterm.Terminal({cols: 10, rows: 2, allowProposedApi: true});
		expect(recycleLinesWithoutGarbage(terminal)).toBe(true);
		terminal.dispose();
	});

	it('copies combined characters and extended attributes into a fresh map of the target', async () => {
		const terminal = new xterm.Terminal({cols: 10, rows: 3, allowProposedApi: true});
		recycleLinesWithoutGarbage(terminal);
		// Line 0: a combined character and a curly red underline (an extended attribute); line 1 plain.
		await write(terminal, `e${combiningAcute}${esc}[4:3m${esc}[58;5;1mu${esc}[0m\r\nplain`);
		const rich = internalLine(terminal, 0);
		const plain = internalLine(terminal, 1);
		expect(Object.keys(rich._combined)).toHaveLength(1);
		expect(Object.keys(rich._extendedAttrs)).toHaveLength(1);

		plain.copyFrom(rich);
		expect(plain._combined).toEqual(rich._combined);
		expect(plain._combined).not.toBe(rich._combined);
		expect(plain._extendedAttrs).toEqual(rich._extendedAttrs);
		expect(plain._extendedAttrs).not.toBe(rich._extendedAttrs);
		expect(terminal.buffer.normal.getLine(1)?.translateToString(true)).toBe(`e${combiningAcute}u`);
		terminal.dispose();
	});

	it('keeps the target’s own empty maps when neither line has extras, and empties a rich target', async () => {
		const terminal = new xterm.Terminal({cols: 10, rows: 3, allowProposedApi: true});
		recycleLinesWithoutGarbage(terminal);
		await write(terminal, `one\r\ntwo\r\ne${combiningAcute}`);
		const [one, two, rich] = [0, 1, 2].map((y) => internalLine(terminal, y)) as [Line, Line, Line];
		const maps = [one._combined, one._extendedAttrs];
		one.copyFrom(two);
		expect([one._combined, one._extendedAttrs]).toEqual(maps);
		expect(one._combined).toBe(maps[0]);
		expect(one._extendedAttrs).toBe(maps[1]);

		rich.copyFrom(two);
		expect(rich._combined).toEqual({});
		expect(terminal.buffer.normal.getLine(2)?.translateToString(true)).toBe('two');
		terminal.dispose();
	});

	it('leaves a full scrollback reading exactly what was written, extras and all', async () => {
		const screen = new TerminalScreen({cols: 12, rows: 2, scrollback: 3});
		const lines = Array.from({length: 40}, (_, n) =>
			n % 3 === 0 ? `c${n} e${combiningAcute}` : n % 3 === 1 ? `${esc}[4:3mu${n}${esc}[0m` : `p${n}`,
		);
		await feed(screen, lines.join('\r\n'));
		const plain = lines.map((line) => line.replaceAll(`${esc}[4:3m`, '').replaceAll(`${esc}[0m`, ''));
		expect(screen.getText()).toEqual(plain.slice(-2));
		screen.scrollback.scroll('top');
		expect(screen.getText()).toEqual(plain.slice(-5, -3));
		screen.scrollback.scroll(1);
		expect(screen.getText()).toEqual(plain.slice(-4, -2));
		screen.dispose();
	});
});
