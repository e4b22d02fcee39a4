import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {directives, type DirectiveEntry} from '../../source/commands/directives.js';
import {UsageError, type CommandContext} from '../../source/commands/types.js';
import {defaultConfig} from '../../source/config/config.js';
import {DirectiveError} from '../../source/core/directives.js';
import {homePaths} from '../../source/store/paths.js';

/** A context whose project has `.xsarena/directives/<folder>/<name>.md` files with these texts. */
function project(files: Record<string, string> = {}) {
	const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-directives-cmd-'));
	const root = path.join(projectDir, '.xsarena');
	// The command reads only the folders: it needs no store, so none is opened.
	const context = {
		paths: homePaths(root),
		projectDir,
		config: defaultConfig,
		origin: 'cli',
	} as Omit<CommandContext, 'store'> as CommandContext;
	for (const [relative, text] of Object.entries(files)) {
		const file = path.join(root, 'directives', relative);
		fs.mkdirSync(path.dirname(file), {recursive: true});
		fs.writeFileSync(file, text);
	}

	const run = async (...args: string[]) => directives.run(context, args, {});
	return {context, run};
}

const myNoBs = '---\nname: no_bs\ndescription: Our house style.\n---\n## House style\n\nShort words.\n';

describe('directives ls', () => {
	it('lists the bundled directives grouped by kind, by default', async () => {
		const {run} = project();
		const result = await run();
		expect(result.exitCode).toBeUndefined();
		const sections = result.text.split('\n\n');
		expect(sections.map((section) => section.split('\n')[0])).toEqual([
			'base templates',
			'overlays',
			'role guides',
		]);
		expect(sections[0]).toMatch(/^ {2}book +A full-length book/m);
		expect(sections[1]).toMatch(/^ {2}no_bs +/m);
		expect(sections[2]).toMatch(/^ {2}continue +/m);
		expect(result.text).not.toContain('overrides');
		const {directives: entries} = result.data as {directives: DirectiveEntry[]};
		expect(entries.find((entry) => entry.name === 'book')).toMatchObject({
			kind: 'base',
			variables: ['subject', 'chunks', 'minChars'],
			overrides: [],
			digest: expect.stringMatching(/^[\da-f]{64}$/) as string,
		});
	});

	it("marks the project's own directives and the ones they override", async () => {
		const {run} = project({
			'overlays/no_bs.md': myNoBs,
			'overlays/mine.md': '---\nname: mine\ndescription: Mine.\n---\nBody.\n',
		});
		const {text} = await run('ls', 'overlays');
		expect(text.split('\n')[0]).toBe('overlays');
		expect(text).not.toContain('base templates');
		expect(text).toMatch(
			/^ {2}no_bs +Our house style\. {2}\(\.xsarena\/directives\/overlays\/no_bs\.md, overrides bundled\)$/m,
		);
		expect(text).toMatch(/^ {2}mine +Mine\. {2}\(\.xsarena\/directives\/overlays\/mine\.md\)$/m);
	});

	it('shows a broken file as a row with its error, and fails', async () => {
		const {run} = project({'base/book.md': '---\nname: book\ndescription: [broken\n---\nBody.\n'});
		const result = await run('ls');
		expect(result.exitCode).toBe(1);
		expect(result.text).toMatch(/^ {2}book +! .*book\.md:\d+:\d+: /m);
		expect(result.text).toMatch(/^ {2}explainer +A long-form explainer/m);
	});

	it('refuses an unknown kind', async () => {
		const {run} = project();
		await expect(run('ls', 'tones')).rejects.toThrow(UsageError);
	});
});

describe('directives show', () => {
	it('prints a summary, then the body', async () => {
		const {run} = project();
		const {text, data} = await run('show', 'book');
		const [summary = '', body] = text.split('\n\n');
		expect(summary.split('\n')[0]).toBe(
			'base/book: A full-length book on a subject, written chapter by chapter across many chunks.',
		);
		expect(summary).toMatch(/^ {2}variables {2}subject, chunks, minChars$/m);
		expect(summary).toMatch(/^ {2}sha256 {5}[\da-f]{64}$/m);
		expect(body).toContain('{{subject}}');
		expect(data).toMatchObject({kind: 'base', name: 'book', overrides: []});
	});

	it('shows an override with the file it hides, by kind/name', async () => {
		const {run} = project({'overlays/no_bs.md': myNoBs});
		const {text} = await run('show', 'overlays/no_bs');
		expect(text).toContain('  file       .xsarena/directives/overlays/no_bs.md');
		expect(text).toMatch(/^ {2}overrides {2}\/.*directives\/overlays\/no_bs\.md$/m);
		expect(text.endsWith('## House style\n\nShort words.')).toBe(true);
	});

	it('refuses a missing name, an unknown action, a path and an unknown name', async () => {
		const {run} = project();
		await expect(run('show')).rejects.toThrow(UsageError);
		await expect(run('frobnicate')).rejects.toThrow(/unknown action "frobnicate"/);
		await expect(run('show', '../../etc/passwd')).rejects.toThrow(DirectiveError);
		await expect(run('show', 'overlays/nope')).rejects.toThrow(
			/^unknown overlay "nope" \(available: .*no_bs/,
		);
	});
});
