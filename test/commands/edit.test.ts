import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {formatEditTemplate, parseEditTemplate, TemplateError} from '../../source/commands/edit-template.js';
import {createTextEditor, editorCommand} from '../../source/commands/external-editor.js';
import {closeStores, ok, setup} from './helpers.js';

afterEach(async () => {
	await closeStores();
});

/** An `$EDITOR` script: runs `sed -i` with `expression` on the file it is given. */
function sedEditor(expression: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-fake-editor-'));
	const script = path.join(folder, 'editor.sh');
	fs.writeFileSync(script, `#!/bin/sh\nsed -i -e '${expression}' "$1"\n`, {mode: 0o755});
	return script;
}

const job = {
	id: '01JD8QAAAAAAAAAAAAAAAAAAAA',
	title: 'Fix login',
	description: 'The form rejects valid passwords.\n\n# Notes\nSafari only.',
	priority: 'high' as const,
	acceptance: ['users can log in', 'a wrong password\nshows an error'],
};

describe('the edit template', () => {
	it('round-trips a job, Markdown headings and multi-line criteria included', () => {
		const text = formatEditTemplate(job);
		expect(text).toContain('# Editing job 01JD8QAAAAAAAAAAAAAAAAAAAA.');
		expect(text).toContain('title: Fix login\npriority: high\n');
		expect(parseEditTemplate(text)).toEqual({
			kind: 'fields',
			fields: {title: job.title, description: job.description, priority: 'high', acceptance: job.acceptance},
		});
		expect(parseEditTemplate(formatEditTemplate({...job, description: '', acceptance: []}))).toMatchObject({
			fields: {description: '', acceptance: []},
		});
	});

	it('is empty when only comments and blanks are left', () => {
		expect(parseEditTemplate('# nothing\n\n   \n')).toEqual({kind: 'empty'});
		expect(parseEditTemplate('')).toEqual({kind: 'empty'});
	});

	it('names the line that is wrong', () => {
		const text = formatEditTemplate(job);
		const error = (edited: string) => {
			try {
				parseEditTemplate(edited);
			} catch (caught) {
				expect(caught).toBeInstanceOf(TemplateError);
				return (caught as Error).message;
			}

			return 'no error';
		};

		expect(error(text.replace('priority: high', 'priority: soon'))).toBe(
			'line 5: priority "soon" is not one of low, medium, high, urgent',
		);
		expect(error(text.replace('priority: high', 'owner: me'))).toBe(
			'line 5: unknown field "owner" (fields: title, priority)',
		);
		expect(error(text.replace('title: Fix login', 'title:'))).toBe(
			'line 4: the job needs a title ("title: …")',
		);
		expect(error(text.replace('- users can log in', 'users can log in'))).toMatch(
			/^line 14: a criterion starts with "- ", got "users can log in"/,
		);
		expect(error(text.replace('--- description ---\n', ''))).toMatch(
			/the line "--- description ---" is missing/,
		);
	});
});

describe('edit', () => {
	it('appends one job.updated with only the fields that changed', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'Fix login', '--command', 'true', '--accept', 'old'));
		const before = store.readEvents(id).length;
		expect(
			ok(
				await cli(
					'edit',
					id,
					'--title',
					' Fix login on Safari ',
					'--priority',
					'urgent',
					'--criterion',
					'a',
					'--criterion',
					'b',
				),
			),
		).toBe(`${id}: title, priority, criteria updated`);
		const events = store.readEvents(id);
		expect(events).toHaveLength(before + 1);
		expect(events.at(-1)).toMatchObject({
			type: 'job.updated',
			data: {title: 'Fix login on Safari', priority: 'urgent', acceptance: ['a', 'b']},
		});
		expect(store.getSnapshot().board.jobs.get(id)).toMatchObject({
			title: 'Fix login on Safari',
			acceptance: ['a', 'b'],
		});

		// The same values again change nothing and append nothing.
		expect(ok(await cli('edit', id, '--priority', 'urgent'))).toBe(`${id}: nothing changed`);
		expect(ok(await cli('edit', id, '--clear-criteria', '--json'))).toContain('"acceptance"');
		expect(store.readEvents(id)).toHaveLength(before + 2);
	});

	it('refuses an empty title, a bad priority, no fields, and --from-file with fields', async () => {
		const {cli, repl} = setup();
		const id = ok(await cli('add', 'Fix login', '--command', 'true'));
		expect(await cli('edit', id, '--title', '  ')).toMatchObject({
			exitCode: 1,
			stderr: 'error: a job needs a title\n',
		});
		expect((await cli('edit', id, '--priority', 'soon')).exitCode).toBe(2);
		const none = await repl(`edit ${id}`);
		expect(none.exitCode).toBe(2);
		expect(none.stderr).toContain('nothing to change');
		expect((await cli('edit', id, '--title', 'x', '--from-file', 'f.md')).stderr).toContain('give it alone');
		expect((await cli('edit', 'NOPE', '--title', 'x')).exitCode).toBe(1);
	});

	it('applies a template file, and names its path and line when it is malformed', async () => {
		const {cli, store, root} = setup();
		const id = ok(await cli('add', 'Fix login', '--command', 'true'));
		const file = path.join(root, '..', 'edit.md');
		const template = formatEditTemplate(store.getSnapshot().board.jobs.get(id)!);
		fs.writeFileSync(
			file,
			template.replace('--- acceptance criteria ---\n', '--- acceptance criteria ---\n- it works\n'),
		);
		expect(ok(await cli('edit', id, '--from-file', file))).toBe(`${id}: criteria updated`);

		fs.writeFileSync(file, template.replace('priority: medium', 'priority: meh'));
		const bad = await cli('edit', id, '--from-file', file);
		expect(bad.exitCode).toBe(2);
		expect(bad.stderr).toBe(
			`error: ${file}: line 5: priority "meh" is not one of low, medium, high, urgent\n`,
		);
		fs.writeFileSync(file, '# all gone\n');
		expect(await cli('edit', id, '--from-file', file)).toMatchObject({
			exitCode: 1,
			stdout: 'edit aborted: the file is empty\n',
		});
	});
});

describe('edit in $EDITOR', () => {
	it('opens the template in the editor, applies what it saved and removes the file', async () => {
		const env = {
			...process.env,
			VISUAL: '',
			EDITOR: sedEditor('s/^title: .*/title: Fix login (edited)/; s/^The old text$/The new text/'),
		};
		const editor = createTextEditor({env});
		let made = '';
		const {cli, store} = setup({
			editor: {
				...editor,
				edit: async (text, name) => {
					const edited = await editor.edit(text, name);
					made = edited.file;
					return edited;
				},
			},
		});
		const id = ok(await cli('add', 'Fix login', '--command', 'true', '--description', 'The old text'));
		expect(ok(await cli('edit', id))).toBe(`${id}: title, description updated`);
		expect(store.getSnapshot().board.jobs.get(id)).toMatchObject({
			title: 'Fix login (edited)',
			description: 'The new text',
		});
		expect(fs.existsSync(made)).toBe(false);
	});

	it('aborts on an unchanged or emptied file, and keeps a malformed one', async () => {
		const unchanged = setup({editor: createTextEditor({env: {...process.env, VISUAL: 'true'}})});
		const id = ok(await unchanged.cli('add', 'Fix login', '--command', 'true'));
		expect(ok(await unchanged.cli('edit', id))).toBe(`${id}: nothing changed`);

		const emptied = setup({editor: createTextEditor({env: {...process.env, VISUAL: sedEditor('d')}})});
		const second = ok(await emptied.cli('add', 'Fix login', '--command', 'true'));
		expect(await emptied.cli('edit', second)).toMatchObject({
			exitCode: 1,
			stdout: 'edit aborted: the file is empty\n',
		});

		const broken = setup({
			editor: createTextEditor({env: {...process.env, VISUAL: sedEditor('s/^priority: .*/priority: asap/')}}),
		});
		const third = ok(await broken.cli('add', 'Fix login', '--command', 'true'));
		const outcome = await broken.cli('edit', third);
		expect(outcome.exitCode).toBe(2);
		const kept = /--from-file (\S+)/.exec(outcome.stderr)?.[1];
		expect(outcome.stderr).toMatch(/line 5: priority "asap" is not one of/);
		expect(fs.readFileSync(kept!, 'utf8')).toContain('priority: asap');
		expect(broken.store.getSnapshot().board.jobs.get(third)?.priority).toBe('medium');

		const failing = setup({editor: createTextEditor({env: {...process.env, VISUAL: 'false'}})});
		const fourth = ok(await failing.cli('add', 'Fix login', '--command', 'true'));
		expect((await failing.cli('edit', fourth)).stderr).toMatch(
			/the editor "false" exited with 1; nothing applied \(text kept in /,
		);
	});

	it('takes $VISUAL, then $EDITOR, then vi', () => {
		expect(editorCommand({VISUAL: 'code --wait', EDITOR: 'nano'})).toBe('code --wait');
		expect(editorCommand({VISUAL: ' ', EDITOR: 'nano'})).toBe('nano');
		expect(editorCommand({})).toBe('vi');
	});
});
