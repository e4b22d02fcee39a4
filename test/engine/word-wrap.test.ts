/**
 * The streaming word wrapper, judged by what a terminal shows: its output is written to a real
 * headless terminal (xterm), whose text rows must hold whole words however the stream was cut.
 */
import {describe, expect, it} from 'vitest';
import {WordWrapper} from '../../source/engine/author/word-wrap.js';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';

/** Stream `pieces` through a wrapper into a terminal `width` cells wide; its non-empty rows. */
async function shown(pieces: readonly string[], width: number, widthAt?: (index: number) => number) {
	let index = 0;
	const wrapper = new WordWrapper(() => widthAt?.(index) ?? width);
	const screen = new TerminalScreen({cols: width, rows: 24, scrollback: 0});
	let out = '';
	for (; index < pieces.length; index++) {
		out += wrapper.push(pieces[index]!);
	}

	await new Promise<void>((resolve) => {
		screen.write(out.replaceAll('\n', '\r\n'), resolve);
	});
	const rows = screen.getText().map((row) => row.trimEnd());
	screen.dispose();
	return rows.filter((row) => row !== '');
}

describe('WordWrapper', () => {
	it('moves a word that would cross the edge to the next line', async () => {
		expect(await shown(['the quick brown fox jumps'], 10)).toEqual(['the quick', 'brown fox', 'jumps']);
	});

	it('shows the same lines however the stream is cut, even inside words', async () => {
		const text = 'streaming tokens arrive in arbitrary pieces of text and must never be cut in two';
		const whole = await shown([text], 16);
		expect(await shown(text.match(/.{1,3}/gs)!, 16)).toEqual(whole);
		expect(await shown(text.split(''), 16)).toEqual(whole);
		expect(whole.every((row) => row.length <= 16)).toBe(true);
		expect(whole.join(' ')).toBe(text);
	});

	it('shows a word as soon as its first piece arrives, not when the word ends', () => {
		const wrapper = new WordWrapper(() => 40);
		expect(wrapper.push('Hel')).toBe('Hel');
		expect(wrapper.push('lo ')).toBe('lo');
		expect(wrapper.push('wor')).toBe(' wor');
	});

	it('keeps newlines and counts from the start of each line', async () => {
		expect(await shown(['aaaa bbbb\ncc dd ee'], 9)).toEqual(['aaaa bbbb', 'cc dd ee']);
	});

	it('leaves a word longer than a line to the terminal', async () => {
		expect(await shown(['abcdefghijkl xy'], 5)).toEqual(['abcde', 'fghij', 'kl xy']);
	});

	it('measures wide characters in cells', async () => {
		expect(await shown(['漢字漢字 漢字'], 8)).toEqual(['漢字漢字', '漢字']);
	});

	it('reads the width at each word, so a resized pane wraps at its new width', () => {
		let width = 40;
		const wrapper = new WordWrapper(() => width);
		let out = wrapper.push('one two ');
		width = 6;
		out += wrapper.push('three four');
		expect(out.split('\n')).toEqual(['one two', 'three', 'four']);
	});
});
