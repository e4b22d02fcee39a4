import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {
	bundledDirectivesDir,
	defaultDirectiveRoots,
	loadDirectives,
	maxDirectiveBytes,
	resolveName,
} from '../../source/config/directives.js';
import {
	composeSystemPrompt,
	DirectiveError,
	directiveFolders,
	directiveKinds,
	renderTemplate,
	type DirectiveKind,
} from '../../source/core/index.js';

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-directives-'));
}

function directiveText(name: string, description = `About ${name}.`, body = `Body of ${name}.`): string {
	return `---\nname: ${name}\ndescription: ${description}\n---\n${body}\n`;
}

/** Write `<root>/<folder>/<name>.md`; returns its path. */
function put(root: string, kind: DirectiveKind, name: string, text = directiveText(name)): string {
	const file = path.join(root, directiveFolders[kind], `${name}.md`);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, text);
	return file;
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

describe('loadDirectives', () => {
	it('lets the first root win per kind and name, and says what it overrides', () => {
		const project = tempDir();
		const bundled = tempDir();
		put(bundled, 'base', 'book', directiveText('book', 'Bundled book.'));
		const bundledNarrative = put(bundled, 'overlay', 'narrative');
		const mine = put(project, 'overlay', 'narrative', directiveText('narrative', 'My narrative.'));
		put(project, 'overlay', 'mine');
		put(bundled, 'role', 'continue');
		const library = loadDirectives([project, path.join(project, 'no-such-root'), bundled]);

		expect(library.get('overlay', 'narrative')).toMatchObject({description: 'My narrative.', source: mine});
		expect(library.overrides('overlay', 'narrative')).toEqual([bundledNarrative]);
		expect(library.overrides('base', 'book')).toEqual([]);
		expect(library.file('overlay', 'mine')).toBe(path.join(project, 'overlays', 'mine.md'));
		expect(library.names('overlay')).toEqual(['mine', 'narrative']);
		expect(library.list().map((each) => `${each.kind}/${each.name}`)).toEqual([
			'base/book',
			'overlay/mine',
			'overlay/narrative',
			'role/continue',
		]);
	});

	it('skips missing roots and names what is available when a name is unknown', () => {
		const root = tempDir();
		put(root, 'overlay', 'no_bs');
		put(root, 'overlay', 'narrative');
		fs.writeFileSync(path.join(root, 'overlays', 'not a name.md'), directiveText('x'));
		fs.writeFileSync(path.join(root, 'overlays', 'notes.txt'), 'not a directive');
		const library = loadDirectives([path.join(root, 'missing'), root]);
		expect(errorOf(() => library.get('overlay', 'x')).message).toBe(
			'unknown overlay "x" (available: narrative, no_bs)',
		);
		expect(errorOf(() => library.get('base', 'book')).message).toMatch(
			/^unknown base template "book" \(available: none in /,
		);
		expect(loadDirectives([path.join(root, 'missing')]).list()).toEqual([]);
	});

	it('gives each directive the sha256 of its bytes', () => {
		const root = tempDir();
		const file = put(
			root,
			'base',
			'book',
			directiveText('book', 'Café.', 'Über {{subject}}.').replace('---\n', '---\nvariables: [subject]\n'),
		);
		const digest = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
		expect(loadDirectives([root]).get('base', 'book').digest).toBe(digest);
	});

	it('breaks only on the broken file, naming its line and column', () => {
		const root = tempDir();
		put(root, 'overlay', 'good');
		const bad = put(root, 'overlay', 'bad', '---\nname: bad\ndescription: [oops\n---\nbody\n');
		const library = loadDirectives([root]);
		expect(library.get('overlay', 'good').body).toBe('Body of good.');
		expect(errorOf(() => library.get('overlay', 'bad')).message).toMatch(new RegExp(`^${bad}:\\d+:\\d+: `));
		expect(() => library.list()).toThrow(DirectiveError);
	});

	it('refuses names that are paths, absolute or hold NUL (FAULTS S3)', () => {
		const root = tempDir();
		put(root, 'overlay', 'ok');
		fs.writeFileSync(path.join(root, 'secret.md'), directiveText('secret'));
		const library = loadDirectives([root]);
		for (const name of ['../secret', '../x', '/etc/passwd', 'a\u0000b', '..', 'a/b', '']) {
			expect(errorOf(() => library.get('overlay', name)).message, name).toMatch(/^invalid directive name /);
			expect(errorOf(() => resolveName(library, name)).message, name).toMatch(
				/^(invalid directive name|unknown directive kind) /,
			);
		}

		expect(errorOf(() => resolveName(library, 'overlays/../../secret')).message).toMatch(
			/^invalid directive name /,
		);
	});

	it('refuses a file or folder symlinked outside its root, and allows one inside', () => {
		const root = tempDir();
		const outside = tempDir();
		const target = put(outside, 'overlay', 'leak');
		put(root, 'overlay', 'real');
		fs.symlinkSync(target, path.join(root, 'overlays', 'leak.md'));
		fs.symlinkSync(path.join(root, 'overlays', 'real.md'), path.join(root, 'overlays', 'alias.md'));
		fs.symlinkSync(path.join(outside, 'overlays'), path.join(root, 'roles'));
		const library = loadDirectives([root]);

		expect(errorOf(() => library.get('overlay', 'leak')).message).toMatch(
			/leak\.md: refused: it resolves to .*, outside /,
		);
		expect(errorOf(() => library.get('role', 'leak')).message).toMatch(
			/refused: it resolves to .*, outside /,
		);
		// The alias is allowed (it stays inside the root) but its front matter names the real file.
		expect(errorOf(() => library.get('overlay', 'alias')).message).toContain(
			'does not match the file name "alias"',
		);
	});

	it('refuses files over the size limit and files that are not UTF-8', () => {
		const root = tempDir();
		put(root, 'base', 'huge', directiveText('huge', 'Huge.', 'x'.repeat(maxDirectiveBytes)));
		const latin = put(root, 'base', 'latin');
		fs.writeFileSync(latin, Buffer.concat([fs.readFileSync(latin), Buffer.from([0xff, 0xfe])]));
		const library = loadDirectives([root]);
		expect(errorOf(() => library.get('base', 'huge')).message).toMatch(/over the 262144-byte limit/);
		expect(errorOf(() => library.get('base', 'latin')).message).toMatch(/latin\.md: not valid UTF-8$/);
	});
});

describe('resolveName', () => {
	it('takes kind/name, or searches a bare name in base, then overlays, then roles', () => {
		const root = tempDir();
		put(root, 'base', 'plain');
		put(root, 'overlay', 'plain');
		put(root, 'role', 'continue');
		const library = loadDirectives([root]);
		expect(resolveName(library, 'plain')).toEqual({kind: 'base', name: 'plain'});
		expect(resolveName(library, 'overlays/plain')).toEqual({kind: 'overlay', name: 'plain'});
		expect(resolveName(library, 'continue')).toEqual({kind: 'role', name: 'continue'});
		expect(errorOf(() => resolveName(library, 'roles/plain')).message).toBe(
			'unknown role guide "plain" (available: continue)',
		);
		expect(errorOf(() => resolveName(library, 'nothing')).message).toMatch(/^unknown directive "nothing"/);
	});
});

describe('the bundled directives', () => {
	const dir = bundledDirectivesDir();
	const library = loadDirectives([dir]);
	const chunkVars = {subject: 'the history of timekeeping', chunks: 12, minChars: 4000};
	const roleVars: Record<string, Record<string, string | number>> = {
		'first-chunk': {subject: chunkVars.subject, chunks: 12, plan: 'Sundials — shadows as clocks'},
		continue: {
			anchor: '…and so the pendulum clock',
			direction: 'Chapter 3: marine chronometers',
			n: 3,
			chunks: 12,
		},
		extend: {tail: '…and so the pendulum clock', missing: 1200},
		'move-on': {anchor: '…and so the pendulum clock', direction: 'Chapter 3', n: 3, chunks: 12},
		outline: {subject: chunkVars.subject, chunks: 12},
	};

	it('is the package folder two levels above the loader, and the default roots end with it', () => {
		expect(dir).toBe(fileURLToPath(new URL('../../directives', import.meta.url)));
		expect(defaultDirectiveRoots('/p/.xsarena')).toEqual([path.join('/p/.xsarena', 'directives'), dir]);
	});

	it('has every file parse, with no .md file skipped for its name', () => {
		for (const kind of directiveKinds) {
			const files = fs
				.readdirSync(path.join(dir, directiveFolders[kind]))
				.filter((name) => name.endsWith('.md'));
			expect(library.names(kind).map((name) => `${name}.md`)).toEqual(files.sort());
		}

		expect(library.names('base')).toEqual(
			expect.arrayContaining(['book', 'explainer', 'study-guide', 'reference']),
		);
		expect(library.names('overlay')).toEqual(
			expect.arrayContaining(['narrative', 'no_bs', 'tone-formal', 'reading-beginner', 'examples-heavy']),
		);
		expect(library.names('role')).toEqual(Object.keys(roleVars).sort());
		for (const directive of library.list()) {
			expect(directive.digest).toMatch(/^[\da-f]{64}$/);
			for (const variable of [...directive.variables, ...directive.optional]) {
				expect(directive.body, `${directive.source} declares ${variable}`).toContain(`{{${variable}}}`);
			}
		}
	});

	it('renders every base with the default overlays, keeping the NEXT line and chapter heading rules', () => {
		for (const name of library.names('base')) {
			const prompt = composeSystemPrompt({
				base: library.get('base', name),
				overlays: [library.get('overlay', 'narrative'), library.get('overlay', 'no_bs')],
				files: [],
				vars: chunkVars,
			});
			expect(prompt, name).not.toMatch(/\{\{/);
			expect(prompt).toContain(chunkVars.subject);
			expect(prompt).toContain('NEXT: [what the next chunk should cover]');
			expect(prompt).toMatch(/top-level `# ` heading only/);
			expect(prompt.split('\n').length, name).toBeGreaterThanOrEqual(40);
		}

		for (const name of library.names('overlay')) {
			expect(renderTemplate(library.get('overlay', name), {})).toMatch(/^## /);
		}
	});

	it('renders every role with plausible variables, with and without the optional ones', () => {
		for (const name of library.names('role')) {
			const role = library.get('role', name);
			const all = roleVars[name] ?? {};
			const required = Object.fromEntries(role.variables.map((variable) => [variable, all[variable]]));
			for (const vars of [all, required]) {
				const text = renderTemplate(role, vars);
				expect(text, name).not.toMatch(/\{\{|\n\n\n/);
				if (name === 'outline') {
					expect(text).toContain('exactly 12 sections');
					expect(text).toContain('1. Title — one-sentence scope');
				} else {
					expect(text, name).toContain('NEXT: [what the next chunk should cover]');
				}
			}
		}

		const first = library.get('role', 'first-chunk');
		expect(renderTemplate(first, roleVars['first-chunk'] ?? {})).toContain(
			'first section of the outline: Sundials — shadows as clocks',
		);
		expect(renderTemplate(first, {subject: 's', plan: ''})).not.toContain('outline');
		expect(renderTemplate(library.get('role', 'continue'), roleVars['continue'] ?? {})).toContain(
			'<text_so_far>\n…and so the pendulum clock\n</text_so_far>\n\nCover next: Chapter 3: marine chronometers\n\nThis is chunk 3 of 12.',
		);
	});
});
