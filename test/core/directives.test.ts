import {describe, expect, it} from 'vitest';
import {
	composeSystemPrompt,
	DirectiveError,
	fenceFor,
	parseDirective,
	parseDirectiveSpec,
	renderTemplate,
	type Directive,
	type DirectiveKind,
} from '../../source/core/index.js';

function file(name: string, front: string, body: string): string {
	return `---\nname: ${name}\ndescription: About ${name}.\n${front}---\n${body}`;
}

function directive(kind: DirectiveKind, name: string, front: string, body: string): Directive {
	return parseDirective(kind, name, file(name, front, body), `${kind}/${name}.md`);
}

function errorOf(action: () => unknown): DirectiveError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(DirectiveError);
		return error as DirectiveError;
	}

	throw new Error('expected a DirectiveError');
}

const book = directive(
	'base',
	'book',
	'variables: [subject, chunks]\n',
	'Write about {{subject}} in {{ chunks }} parts.\n',
);

describe('parseDirective', () => {
	it('reads the front matter and the body', () => {
		const parsed = parseDirective(
			'role',
			'first-chunk',
			'\uFEFF---\r\nname: first-chunk\r\ndescription: Chunk one.\r\nvariables: [subject, plan]\r\noptional: [plan]\r\n---\r\n\r\nWrite {{subject}}.\r\n\r\n{{plan}}\r\n\r\n',
			'roles/first-chunk.md',
		);
		expect(parsed).toEqual({
			kind: 'role',
			name: 'first-chunk',
			description: 'Chunk one.',
			variables: ['subject'],
			optional: ['plan'],
			body: 'Write {{subject}}.\n\n{{plan}}',
			source: 'roles/first-chunk.md',
		});
	});

	it('refuses bad YAML with the line and column in the file', () => {
		const text = '---\nname: book\ndescription: [unclosed\n---\nbody\n';
		expect(errorOf(() => parseDirective('base', 'book', text, 'base/book.md')).message).toMatch(
			/^base\/book\.md:\d+:\d+: /,
		);
		const tab = '---\nname: book\ndescription: x\nvariables: [a]\n  bad: indent\n---\nbody\n';
		expect(errorOf(() => parseDirective('base', 'book', tab, 'base/book.md')).message).toMatch(
			/^base\/book\.md:5:\d+: /,
		);
	});

	it('refuses a front matter that does not fit the schema, at the offending key', () => {
		const missing = '---\nname: book\n---\nbody\n';
		expect(errorOf(() => parseDirective('base', 'book', missing, 'b.md')).message).toContain(
			'front matter: description',
		);
		const notList = '---\nname: book\ndescription: x\nvariables: subject\n---\nbody\n';
		expect(errorOf(() => parseDirective('base', 'book', notList, 'b.md')).message).toMatch(
			/^b\.md:4:\d+: front matter: variables: /,
		);
		const extra = '---\nname: book\ndescription: x\nvariable: [subject]\n---\nbody\n';
		expect(errorOf(() => parseDirective('base', 'book', extra, 'b.md')).message).toContain('variable');
		const badName = '---\nname: book\ndescription: x\nvariables: ["a b"]\n---\nbody\n';
		expect(errorOf(() => parseDirective('base', 'book', badName, 'b.md')).message).toContain(
			'not a variable name',
		);
	});

	it('refuses a name that differs from the file name', () => {
		const error = errorOf(() => parseDirective('base', 'book', file('novel', '', 'body'), 'base/book.md'));
		expect(error.message).toBe('base/book.md:2:7: name "novel" does not match the file name "book"');
	});

	it('refuses a missing or unclosed front matter and an empty body', () => {
		expect(errorOf(() => parseDirective('base', 'book', 'just text', 'b.md')).message).toBe(
			'b.md:1:1: missing front matter: the file must start with a "---" line',
		);
		expect(errorOf(() => parseDirective('base', 'book', '---\nname: book\n', 'b.md')).message).toContain(
			'not closed',
		);
		expect(
			errorOf(() => parseDirective('base', 'book', file('book', '', '\n  \n'), 'b.md')).message,
		).toContain('no body');
	});

	it('refuses an undeclared placeholder with its line and column', () => {
		const text = file('book', 'variables: [subject]\n', 'About {{subject}}.\n\nIn {{ chunks }} chunks.\n');
		expect(errorOf(() => parseDirective('base', 'book', text, 'base/book.md')).message).toBe(
			'base/book.md:8:4: placeholder {{chunks}} is not declared in the front matter (declared: subject)',
		);
	});
});

describe('renderTemplate', () => {
	it('fills placeholders, with spaces inside the braces, and does not expand values again', () => {
		expect(renderTemplate(book, {subject: 'tides {{chunks}}', chunks: 12})).toBe(
			'Write about tides {{chunks}} in 12 parts.',
		);
	});

	it('refuses a missing required variable before anything is rendered', () => {
		expect(errorOf(() => renderTemplate(book, {chunks: '3'})).message).toMatch(
			/^directive base\/book needs variable "subject"/,
		);
	});

	it('leaves out a line that uses a missing or empty optional variable, and the blank line it doubles', () => {
		const role = directive(
			'role',
			'first-chunk',
			'variables: [subject]\noptional: [plan]\n',
			'Write {{subject}}.\n\nCover in this chunk: {{plan}}\n\nBegin.\n',
		);
		expect(renderTemplate(role, {subject: 'tides'})).toBe('Write tides.\n\nBegin.');
		expect(renderTemplate(role, {subject: 'tides', plan: ''})).toBe('Write tides.\n\nBegin.');
		expect(renderTemplate(role, {subject: 'tides', plan: 'Moon — its pull'})).toBe(
			'Write tides.\n\nCover in this chunk: Moon — its pull\n\nBegin.',
		);
		const edges = directive(
			'role',
			'x',
			'variables: [what]\noptional: [who]\n',
			'{{who}}\n\n\nHello {{what}}!\n\n{{who}}',
		);
		expect(renderTemplate(edges, {what: ''})).toBe('Hello !');
		expect(renderTemplate(edges, {what: 'you', who: 'me'})).toBe('me\n\n\nHello you!\n\nme');
	});
});

describe('composeSystemPrompt', () => {
	const narrative = directive('overlay', 'narrative', '', '## Style: narrative\n\nTell it.');
	const terse = directive(
		'overlay',
		'terse',
		'variables: [subject]\n',
		'## Terse\n\nBe brief on {{subject}}.',
	);

	it('puts the base, the overlays in order, the files and the note, one blank line apart', () => {
		const prompt = composeSystemPrompt({
			base: book,
			overlays: [terse, narrative, terse],
			files: [{name: 'notes.md', content: 'Moon first.\n'}],
			note: '  Keep it short.  ',
			vars: {subject: 'tides', chunks: 3},
		});
		expect(prompt).toBe(
			[
				'Write about tides in 3 parts.',
				'## Terse\n\nBe brief on tides.',
				'## Style: narrative\n\nTell it.',
				'## Attached files\n\nThe author attached these files as source material. Draw on them where they are relevant; do not copy them wholesale.',
				'File: notes.md\n```\nMoon first.\n```',
				'## Note from the author\n\nKeep it short.',
			].join('\n\n'),
		);
	});

	it('fences a file with more backticks than any run inside it', () => {
		const content = 'Code:\n````ts\nconst a = `x`;\n````\n';
		const prompt = composeSystemPrompt({
			base: book,
			overlays: [],
			files: [{name: 'a\nb.md', content}],
			vars: {subject: 's', chunks: 1},
		});
		expect(prompt).toContain(`File: a b.md\n\`\`\`\`\`\n${content}\`\`\`\`\``);
		expect(fenceFor('none')).toBe('```');
		expect(fenceFor('a ``````` b')).toBe('````````');
	});

	it('is the base alone without overlays, files or note, and refuses kinds in the wrong place', () => {
		const vars = {subject: 's', chunks: 1};
		expect(composeSystemPrompt({base: book, overlays: [], files: [], note: ' ', vars})).toBe(
			'Write about s in 1 parts.',
		);
		expect(errorOf(() => composeSystemPrompt({base: narrative, overlays: [], files: [], vars})).message).toBe(
			'overlays/narrative is not a base template',
		);
		expect(errorOf(() => composeSystemPrompt({base: book, overlays: [book], files: [], vars})).message).toBe(
			'base/book is not an overlay',
		);
		expect(
			errorOf(() => composeSystemPrompt({base: book, overlays: [terse], files: [], vars: {chunks: 1}}))
				.message,
		).toMatch(/needs variable "subject"/);
	});
});

describe('parseDirectiveSpec', () => {
	it('accepts bare names and kind/name with the folder or the kind', () => {
		expect(parseDirectiveSpec('book')).toEqual({name: 'book'});
		expect(parseDirectiveSpec('overlays/no_bs')).toEqual({kind: 'overlay', name: 'no_bs'});
		expect(parseDirectiveSpec('role/continue')).toEqual({kind: 'role', name: 'continue'});
	});

	it('refuses path-like and unknown specs (FAULTS S3)', () => {
		for (const spec of ['../x', '/etc/passwd', 'a\u0000b', 'base/../x', 'base/', '.hidden', 'x'.repeat(65)]) {
			expect(errorOf(() => parseDirectiveSpec(spec)).message, spec).toMatch(
				/invalid directive name|unknown directive kind/,
			);
		}

		expect(errorOf(() => parseDirectiveSpec('a\u0000b')).message).toContain('"a\\u0000b"');
		expect(errorOf(() => parseDirectiveSpec('tones/x')).message).toContain('unknown directive kind "tones"');
	});
});
