import {describe, expect, it} from 'vitest';
import {splitNextHint, visibleStreamText} from '../../../source/core/authoring/next-hint.js';

describe('splitNextHint', () => {
	it('takes the closing NEXT line as the hint and leaves the body without it', () => {
		expect(splitNextHint('The king rode out.\n\nHe did not return.\n\nNEXT: [the search party]\n')).toEqual({
			body: 'The king rode out.\n\nHe did not return.',
			next: 'the search party',
		});
	});

	it.each([
		['NEXT: the war', 'the war'],
		['next: the war', 'the war'],
		['Next:the war', 'the war'],
		['  NEXT : the war', 'the war'],
		['**NEXT:** the war', 'the war'],
		['**NEXT**: the war', 'the war'],
		['**NEXT: the war**', 'the war'],
		['_Next:_ [the war]', 'the war'],
		['__NEXT__: [the war].', 'the war'],
		['NEXT: [the war]', 'the war'],
		['NEXT: [the war', '[the war'],
		['NEXT: the [war] and peace', 'the [war] and peace'],
		['* NEXT: the war', 'the war'],
	])('reads %j as a hint', (line, next) => {
		expect(splitNextHint(`Body.\n\n${line}`)).toEqual({body: 'Body.', next});
	});

	it.each([
		'Next, she left the room.',
		'Nextly: a made-up word.',
		'What comes NEXT: nobody knows.',
		'> NEXT: quoted',
		'- NEXT: a list item',
		'NEXTSTEP: a company',
	])('keeps %j as prose', (line) => {
		expect(splitNextHint(`Body.\n${line}`)).toEqual({body: `Body.\n${line}`});
	});

	it('has no hint and an unchanged body when there is no NEXT line', () => {
		expect(splitNextHint('One.\n\nTwo.')).toEqual({body: 'One.\n\nTwo.'});
	});

	it.each([[''], ['\n\n'], ['NEXT: x'], ['NEXT: [x]\n\n']])('gives an empty body for %j', (text) => {
		expect(splitNextHint(text).body).toBe('');
	});

	it('removes a stray mid-body NEXT line without leaving a double blank line', () => {
		const text = 'One.\n\nNEXT: early guess\n\nTwo.\n\nNEXT: the real hint';
		expect(splitNextHint(text)).toEqual({body: 'One.\n\nTwo.', next: 'the real hint'});
	});

	it('joins nothing when a NEXT line sat inside a paragraph', () => {
		expect(splitNextHint('Line one\nNEXT: x\nline two').body).toBe('Line one\nline two');
	});

	it('keeps the blank line after a NEXT line that directly followed text', () => {
		expect(splitNextHint('One.\nNEXT: x\n\nTwo.').body).toBe('One.\n\nTwo.');
	});

	it('drops blank lines a leading NEXT line leaves at the start', () => {
		expect(splitNextHint('NEXT: x\n\nOne.')).toEqual({body: 'One.', next: 'x'});
	});

	it('keeps an earlier hint when the last NEXT line is empty', () => {
		expect(splitNextHint('One.\nNEXT: the river\n\nTwo.\n\nNEXT: []')).toEqual({
			body: 'One.\n\nTwo.',
			next: 'the river',
		});
		expect(splitNextHint('One.\n\nNEXT:')).toEqual({body: 'One.'});
	});

	it('takes the last of several closing NEXT lines', () => {
		expect(splitNextHint('One.\n\nNEXT: a\nNEXT: b\n')).toEqual({body: 'One.', next: 'b'});
	});

	it('turns CR LF into LF and trims trailing whitespace', () => {
		expect(splitNextHint('One.\r\n\r\nTwo.  \r\n\r\nNEXT: x\r\n')).toEqual({body: 'One.\n\nTwo.', next: 'x'});
	});

	it('keeps leading indentation and inner spacing of the body', () => {
		expect(splitNextHint('    code\n\n\n\nText.\n\nNEXT: x').body).toBe('    code\n\n\n\nText.');
	});

	it('keeps unicode text intact', () => {
		expect(splitNextHint('Ça va. 🎉 日本語。\n\n**NEXT:** [la suite — 続き]')).toEqual({
			body: 'Ça va. 🎉 日本語。',
			next: 'la suite — 続き',
		});
	});

	describe('code blocks', () => {
		it('keeps a NEXT line inside a fenced block (a book may show the protocol)', () => {
			const text = 'Write:\n\n```text\nNEXT: [what comes next]\n```\n\nDone.\n\nNEXT: chapter two';
			expect(splitNextHint(text)).toEqual({
				body: 'Write:\n\n```text\nNEXT: [what comes next]\n```\n\nDone.',
				next: 'chapter two',
			});
		});

		it('keeps it inside a tilde fence, closed only by a long enough fence of tildes', () => {
			const text = '~~~~\n```\nNEXT: a\n~~~\nNEXT: b\n~~~~\nNEXT: c';
			expect(splitNextHint(text)).toEqual({body: '~~~~\n```\nNEXT: a\n~~~\nNEXT: b\n~~~~', next: 'c'});
		});

		it('still reads the last line of an unclosed block as the hint', () => {
			expect(splitNextHint('```js\nconst a = 1;\nNEXT: the tests\n')).toEqual({
				body: '```js\nconst a = 1;',
				next: 'the tests',
			});
		});

		it('does not count "```a`b" as a fence', () => {
			expect(splitNextHint('```a`b\nNEXT: x\nText.')).toEqual({body: '```a`b\nText.', next: 'x'});
		});
	});
});

describe('visibleStreamText', () => {
	it('shows complete and incomplete prose lines', () => {
		expect(visibleStreamText('One.\nTwo and')).toBe('One.\nTwo and');
	});

	it.each(['N', 'Ne', 'NEX', 'NEXT', 'next ', '**NEXT', '**NEXT**', 'NEXT:', 'NEXT: [the', '  ', '**', ''])(
		'holds back a last line %j that may become a NEXT line',
		(last) => {
			expect(visibleStreamText(`One.\n${last}`)).toBe('One.\n');
		},
	);

	it.each(['No', 'Nextly', 'Next, she', 'Then'])('shows a last line %j that cannot', (last) => {
		expect(visibleStreamText(`One.\n${last}`)).toBe(`One.\n${last}`);
	});

	it('hides complete NEXT lines like the final split does', () => {
		expect(visibleStreamText('One.\n\nNEXT: x\n\nTwo')).toBe('One.\n\nTwo');
	});

	it('drops CR of CR LF line ends, also on the unfinished line', () => {
		expect(visibleStreamText('One.\r\nTwo\r')).toBe('One.\nTwo');
	});

	it('grows monotonically as a chunk streams in, token by token', () => {
		const full = 'Title\n\nOne. Two.\nNext, he\n\n```\nNEXT: shown\n```\n\n**NEXT:** [the end]\n';
		let previous = '';
		for (let end = 0; end <= full.length; end++) {
			const visible = visibleStreamText(full.slice(0, end));
			expect(visible.startsWith(previous), `at ${end}: ${JSON.stringify(visible)}`).toBe(true);
			expect(visible).not.toContain('the end');
			previous = visible;
		}

		expect(previous.trimEnd()).toBe(splitNextHint(full).body);
	});
});
