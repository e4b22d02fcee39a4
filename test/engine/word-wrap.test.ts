import {describe, expect, it} from 'vitest';
import {WordWrapper} from '../../source/engine/author/word-wrap.js';

/** Stream `pieces` through a wrapper of `width` and return the lines it made. */
function wrap(pieces: readonly string[], width: number): string[] {
	const wrapper = new WordWrapper(() => width);
	return (pieces.map((piece) => wrapper.push(piece)).join('') + wrapper.flush()).split('\n');
}

describe('WordWrapper', () => {
	it('moves a word that would cross the edge to the next line, dropping the spaces before it', () => {
		expect(wrap(['the quick brown fox jumps'], 10)).toEqual(['the quick', 'brown fox', 'jumps']);
	});

	it('gives the same lines however the stream is cut, even inside words', () => {
		const text = 'streaming tokens arrive in arbitrary pieces of text';
		const whole = wrap([text], 16);
		const pieces = text.match(/.{1,3}/gs)!;
		expect(wrap(pieces, 16)).toEqual(whole);
		expect(whole.every((line) => line.length <= 16)).toBe(true);
	});

	it('keeps newlines and starts counting again after them', () => {
		expect(wrap(['aaaa bbbb\ncc dd ee'], 9)).toEqual(['aaaa bbbb', 'cc dd ee']);
	});

	it('leaves a word longer than the line to the terminal, and counts where it ended', () => {
		expect(wrap(['abcdefghijkl xy'], 5)).toEqual(['abcdefghijkl xy']);
	});

	it('measures wide characters in cells', () => {
		expect(wrap(['漢字漢字 漢字'], 8)).toEqual(['漢字漢字', '漢字']);
	});

	it('reads the width at each word, so a resized pane wraps at its new width', () => {
		let width = 40;
		const wrapper = new WordWrapper(() => width);
		let out = wrapper.push('one two ');
		width = 6;
		out += wrapper.push('three four') + wrapper.flush();
		expect(out.split('\n')).toEqual(['one two', 'three', 'four']);
	});
});
