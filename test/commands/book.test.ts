/**
 * The author-job commands from a shell and the REPL: `book` resolves presets and knobs and refuses bad
 * requests before anything is written; `knobs`/`set` persist; `next`, `pause`, `resume` steer; `split`
 * and `stats` read a written book.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {draft, requireJob} from '../../source/core/index.js';
import {closeStores, ok, setup} from './helpers.js';

afterEach(closeStores);

describe('book', () => {
	it('adds an author job with the presets and knobs resolved, and the default transport', async () => {
		const {cli, store} = setup();
		ok(await cli('set', 'anchorChars', '800'));
		const id = ok(await cli('book', 'the', 'history', 'of', 'tides', '--length', 'max', '--span', 'medium'));
		const job = requireJob(store.getSnapshot().board, id);
		expect(job).toMatchObject({
			kind: 'author',
			agent: 'scripted',
			status: 'ready',
			title: 'the history of tides',
		});
		expect(job.author!.spec).toMatchObject({
			subject: 'the history of tides',
			template: 'book',
			chunks: 12,
			minChars: 6800,
			passes: 5,
			overlays: ['narrative', 'no_bs'],
			anchorChars: 800,
			transport: 'scripted',
		});
	});

	it('refuses an unknown overlay, template, preset or transport, writing nothing', async () => {
		const {cli, store} = setup();
		for (const [flag, value, message] of [
			['--overlay', 'no-such', /unknown overlay "no-such"/],
			['--template', 'novella', /unknown base template "novella"|unknown base "novella"/],
			['--length', 'epic', /unknown length "epic"/],
			['--transport', 'gpt', /unknown transport "gpt"/],
		] as const) {
			const outcome = await cli('book', 'tides', flag, value);
			expect(outcome.exitCode, `${flag} ${value}`).not.toBe(0);
			expect(outcome.stderr).toMatch(message);
		}

		expect(store.getSnapshot().board.jobs.size).toBe(0);
	});

	it('refuses an --out outside the project and a --file that is not there (FAULTS S3)', async () => {
		const {cli, store} = setup();
		for (const out of ['../escape.md', '/etc/passwd', 'a\u0000b.md']) {
			const outcome = await cli('book', 'tides', '--out', out);
			expect(outcome.exitCode, out).toBe(2);
			expect(outcome.stderr).toMatch(/--out/);
		}

		const missing = await cli('book', 'tides', '--file', 'nowhere.md');
		expect(missing.stderr).toMatch(/--file: nowhere.md does not exist/);
		expect(store.getSnapshot().board.jobs.size).toBe(0);
	});

	it('refuses a symlink as --out', async () => {
		const {cli, root} = setup();
		const project = path.dirname(root);
		fs.symlinkSync('/tmp', path.join(project, 'link.md'));
		const outcome = await cli('book', 'tides', '--out', 'link.md');
		expect(outcome.stderr).toMatch(/symbolic link/);
	});
});

describe('knobs and set', () => {
	it('lists where each value comes from, persists a change, and "default" unsets it', async () => {
		const {cli, repl, root} = setup();
		expect(ok(await cli('knobs'))).toMatch(/anchorChars\s+1200\s+\(config\)/);
		ok(await repl('set overlays no_bs,tone-formal'));
		expect(JSON.parse(fs.readFileSync(path.join(root, 'session_state.json'), 'utf8'))).toEqual({
			version: 1,
			knobs: {overlays: ['no_bs', 'tone-formal']},
		});
		expect(ok(await cli('knobs'))).toMatch(/overlays\s+no_bs, tone-formal\s+\(session\)/);
		ok(await cli('set', 'overlays', 'default'));
		expect(ok(await cli('knobs'))).toMatch(/overlays\s+narrative, no_bs\s+\(config\)/);
	});

	it('refuses an unknown knob and a bad value with a usage error', async () => {
		const {cli} = setup();
		expect(await cli('set', 'speed', '3')).toMatchObject({
			exitCode: 2,
			stderr: expect.stringMatching(/unknown knob "speed"/),
		});
		expect(await cli('set', 'repetitionThreshold', '1.5')).toMatchObject({exitCode: 2});
	});

	it('reports a corrupt session state instead of resetting it', async () => {
		const {cli, root} = setup();
		fs.mkdirSync(root, {recursive: true});
		fs.writeFileSync(path.join(root, 'session_state.json'), '{"version": 1, "knobs": ');
		const outcome = await cli('knobs');
		expect(outcome.exitCode).not.toBe(0);
		expect(outcome.stderr).toMatch(/session_state.json: not valid JSON/);
	});
});

describe('next, pause and resume', () => {
	it('queues a hint, pauses a waiting job and resumes it', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('book', 'tides'));
		expect(ok(await cli('next', id, 'start', 'with', 'the', 'moon'))).toMatch(/hint queued/);
		expect(requireJob(store.getSnapshot().board, id).author!.hints).toMatchObject([
			{text: 'start with the moon'},
		]);
		expect(ok(await cli('pause', id))).toMatch(/blocked \(paused\)/);
		expect(ok(await cli('resume', id))).toMatch(/ready at chunk 1 of 40/);
	});

	it('refuses a hint for an agent job', async () => {
		const {cli} = setup();
		const id = ok(await cli('add', 'x', '--command', 'true'));
		expect((await cli('next', id, 'hint')).stderr).toMatch(/not an author job/);
	});
});

describe('split and stats', () => {
	/** An author job whose book (`text`) is written and recorded as `chunks` chunks. */
	async function writtenBook(text: string) {
		const board = setup();
		const id = ok(await board.cli('book', 'tides', '--span', 'medium'));
		const file = path.join(board.root, 'jobs', id, 'out.md');
		fs.writeFileSync(file, text);
		board.store.append(
			id,
			[draft('chunk.completed', {n: 1, chars: text.length, tokens: 10, endOffset: Buffer.byteLength(text)})],
			'test',
		);
		return {...board, id};
	}

	it('splits a book into one file per top-level chapter, front matter first', async () => {
		const {cli, id, root} = await writtenBook(
			'Preface words.\n\n# One\n\nfirst\n\n```\n# not a chapter\n```\n\n# Two\n\nsecond\n',
		);
		const out = ok(await cli('split', id));
		expect(out).toMatch(/3 chapters/);
		const dir = path.join(root, 'jobs', id, 'out-chapters');
		const files = fs.readdirSync(dir).sort();
		expect(files).toHaveLength(3);
		expect(fs.readFileSync(path.join(dir, files[1]!), 'utf8')).toMatch(
			/^# One\n\nfirst\n\n```\n# not a chapter\n```/,
		);
		expect(fs.readFileSync(path.join(dir, files[2]!), 'utf8')).toMatch(/^# Two/);
	});

	it('refuses a --out folder outside the project', async () => {
		const {cli, id} = await writtenBook('# One\n\ntext\n');
		expect(await cli('split', id, '--out', '../outside')).toMatchObject({exitCode: 2});
	});

	it('prints the figures of the text as far as its chunks are recorded', async () => {
		const {cli, id, root} = await writtenBook('# One\n\nThe tide comes in. The tide goes out.\n');
		fs.appendFileSync(path.join(root, 'jobs', id, 'out.md'), 'unrecorded words '.repeat(50));
		const outcome = await cli('stats', id, '--json');
		const figures = JSON.parse(outcome.stdout);
		expect(figures).toMatchObject({chunks: 1, words: 9, chapters: 1});
	});

	it('says so for a job that has written nothing, or is not an author job', async () => {
		const {cli} = setup();
		const id = ok(await cli('book', 'tides'));
		expect((await cli('stats', id)).stderr).toMatch(/has not written a chunk yet/);
		const agent = ok(await cli('add', 'x', '--command', 'true'));
		expect((await cli('split', agent)).stderr).toMatch(/not an author job/);
	});
});
