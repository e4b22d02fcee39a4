import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {configSchema} from '../../source/config/config.js';
import {draft, type Job} from '../../source/core/index.js';
import {closeStores, ok, setup} from './helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => path.join(fixtures, name);

afterEach(async () => {
	await closeStores();
});

type Imported = {imported: number; format: string; jobs: Array<{id: string; key?: string; title: string}>};

function byTitle(jobs: Iterable<Job>): Map<string, Job> {
	return new Map([...jobs].map((job) => [job.title, job]));
}

/** A board with dependencies, moves, messages, cost and two runs (one restarted). */
async function busyBoard(context: ReturnType<typeof setup>) {
	const {cli, store} = context;
	const first = ok(await cli('add', 'Build it', '--command', 'make'));
	const second = ok(await cli('add', 'Test it', '--command', 'make test', '--depends-on', first));
	ok(await cli('add', 'An idea', '--status', 'inbox', '--description', 'maybe later'));
	store.append(
		first,
		[
			draft('job.claimed', {run: 1, by: 'engine:test', agent: 'shell'}),
			draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
			draft('run.started', {run: 1, pid: 4242, agent: 'shell', command: ['bash', '-lc', 'make']}),
			draft('run.output', {run: 1, bytes: 120}),
			draft('run.exited', {run: 1, code: 1, signal: null}),
			draft('run.restarted', {run: 1, reason: 'no DONE file', stalled: false}),
			draft('job.claimed', {run: 2, by: 'engine:test', agent: 'shell'}),
			draft('run.started', {run: 2, pid: 4243, agent: 'shell', command: ['bash', '-lc', 'make']}),
			draft('job.message', {from: 'agent', text: 'halfway there'}),
			draft('run.exited', {run: 2, code: 0, signal: null}),
			draft('job.cost', {tokens: 1500, usd: 0.25}),
			draft('job.status_changed', {from: 'in_flight', to: 'done'}),
		],
		'engine:test',
	);
	ok(await cli('post', second, 'waiting for the build', '--from', 'me'));
	ok(await cli('move', second, 'blocked', '--reason', 'needs a person'));
	return {first, second};
}

describe('import: tasks.yml', () => {
	it('imports tasks with fresh ids, dependencies as blockedBy, mapped statuses, priorities and cost', async () => {
		const {cli, store} = setup();
		const result = JSON.parse(ok(await cli('import', fixture('tasks.yml'), '--json'))) as Imported & {
			warnings: string[];
		};
		expect(result).toMatchObject({format: 'tasks', imported: 5});
		const jobs = byTitle(store.getSnapshot().board.jobs.values());
		const repo = jobs.get('Set up the repo')!;
		const parser = jobs.get('Write the parser')!;
		const docs = jobs.get('Document it')!;
		const review = jobs.get('Review everything')!;
		const ship = jobs.get('Ship it')!;
		expect(repo.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
		expect([repo.status, parser.status, docs.status, review.status, ship.status]).toEqual([
			'done',
			'ready',
			'inbox',
			'review',
			'ready',
		]);
		expect([repo.priority, parser.priority, review.priority, ship.priority]).toEqual([
			'medium',
			'urgent',
			'low',
			'high',
		]);
		expect(parser.blockedBy).toEqual([repo.id]);
		expect(docs.blockedBy).toEqual([parser.id, repo.id]);
		expect(review.blockedBy).toEqual([docs.id]);
		expect(repo.blocks).toEqual(expect.arrayContaining([parser.id, docs.id]));
		expect(parser.description).toBe('Parse the input format\n\nUse a hand-written recursive descent parser.');
		expect(parser.command).toBe('make parser');
		expect(parser.cost).toEqual({tokens: 1200, usd: 0.04});
		expect(review.cost).toEqual({tokens: 0, usd: 0.5});
		expect(store.readEvents(parser.id).map((event) => event.type)).toEqual(['job.created', 'job.cost']);
		expect(result.jobs.map((job) => job.key).sort()).toEqual(['1', '2', '4', '5', 'docs']);
		// "Ship it" is ready but has no command for the shell agent: imported, with a warning.
		expect(result.warnings).toEqual([expect.stringContaining('5')]);
	});

	it('prints the count and the new ids', async () => {
		const {cli, store} = setup();
		const text = ok(await cli('import', fixture('tasks.yml')));
		expect(text).toContain('imported 5 jobs');
		for (const id of store.getSnapshot().board.jobs.keys()) {
			expect(text).toContain(id);
		}
	});

	it('refuses a cycle, naming it and the file position, and imports nothing', async () => {
		const {cli, root} = setup();
		const file = fixture('tasks-cycle.yml');
		const outcome = await cli('import', file);
		expect(outcome.exitCode).toBe(2);
		expect(outcome.stderr).toContain(`${file}:1:3: dependency cycle: a → c → b → a`);
		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual([]);
	});

	it('refuses an unknown dependency at its line and column, and imports nothing', async () => {
		const {cli, root} = setup();
		const file = fixture('tasks-unknown.yml');
		const outcome = await cli('import', file);
		expect(outcome.exitCode).toBe(2);
		expect(outcome.stderr).toContain(`${file}:7:21: "2" depends on "7", which is not in ${file}`);
		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual([]);
	});

	it('refuses an unknown status or agent at its position, importing nothing', async () => {
		const {cli, root} = setup();
		const file = path.join(root, '..', 'bad.yaml');
		fs.writeFileSync(file, '- id: 1\n  title: ok\n  command: x\n- id: 2\n  title: two\n  status: someday\n');
		const status = await cli('import', file);
		expect(status.exitCode).toBe(2);
		expect(status.stderr).toContain(`${file}:6:11: [1].status: unknown status "someday"`);
		fs.writeFileSync(file, '- id: 1\n  title: ok\n  command: x\n- id: 2\n  title: two\n  agent: nobody\n');
		const agent = await cli('import', file);
		expect(agent.stderr).toContain(`${file}:4:3: unknown agent "nobody"`);
		fs.writeFileSync(file, '- id: 1\n  title: ok\n- id: 1\n  title: again\n');
		expect((await cli('import', file)).stderr).toContain(`${file}:3:3: id "1" is used twice`);
		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual([]);
	});

	it('reads a board.yml (a mapping with jobs:) through the board importer', async () => {
		const {cli, store, root} = setup();
		const file = path.join(root, '..', 'board.yml');
		fs.writeFileSync(
			file,
			'jobs:\n  - key: a\n    title: A\n    command: "true"\n  - key: b\n    title: B\n    command: "true"\n    dependsOn: [a]\n',
		);
		const result = JSON.parse(ok(await cli('import', file, '--json'))) as Imported;
		expect(result).toMatchObject({format: 'board', imported: 2});
		const jobs = byTitle(store.getSnapshot().board.jobs.values());
		expect(jobs.get('B')!.blockedBy).toEqual([jobs.get('A')!.id]);
	});

	it('refuses files it cannot read as a usage error', async () => {
		const {cli, root} = setup();
		expect((await cli('import', path.join(root, 'nope.yml'))).exitCode).toBe(2);
		const text = path.join(root, '..', 'notes.txt');
		fs.writeFileSync(text, 'hello');
		expect((await cli('import', text)).stderr).toContain('cannot import ".txt" files');
		const scalar = path.join(root, '..', 'scalar.yml');
		fs.writeFileSync(scalar, 'just text\n');
		expect((await cli('import', scalar)).stderr).toContain('not something to import');
	});
});

describe('import: TASKS.md', () => {
	it('imports checklist items; nested items are dependencies of their parent; [x] is done', async () => {
		const {cli, store} = setup();
		const result = JSON.parse(ok(await cli('import', fixture('TASKS.md'), '--json'))) as Imported;
		expect(result).toMatchObject({format: 'checklist', imported: 6});
		const jobs = byTitle(store.getSnapshot().board.jobs.values());
		expect([...jobs.keys()].sort()).toEqual([
			'Fix the flaky test',
			'Pick a name',
			'Plan 2.0',
			'Run the tests',
			'Ship the release',
			'Write the changelog',
		]);
		const ship = jobs.get('Ship the release')!;
		const tests = jobs.get('Run the tests')!;
		expect(ship.description).toBe('tag, build and upload');
		expect(ship.blockedBy).toEqual([jobs.get('Write the changelog')!.id, tests.id]);
		expect(tests.description).toBe('on every platform we support');
		expect(tests.blockedBy).toEqual([jobs.get('Fix the flaky test')!.id]);
		expect(jobs.get('Write the changelog')!.status).toBe('done');
		expect(jobs.get('Pick a name')!).toMatchObject({status: 'done', blockedBy: []});
		expect(jobs.get('Plan 2.0')!).toMatchObject({status: 'ready', blockedBy: []});
		expect(ship.status).toBe('ready');
	});

	it('--agent gives items an agent and a prompt from their title and description', async () => {
		const config = configSchema.parse({agents: {claude: {command: ['claude', '-p', '{prompt}']}}});
		const {cli, store} = setup({config});
		const result = JSON.parse(
			ok(await cli('import', fixture('TASKS.md'), '--agent', 'claude', '--json')),
		) as {
			warnings: string[];
		};
		expect(result.warnings).toEqual([]);
		const ship = byTitle(store.getSnapshot().board.jobs.values()).get('Ship the release')!;
		expect(ship).toMatchObject({agent: 'claude', prompt: 'Ship the release\n\ntag, build and upload'});
		expect((await cli('import', fixture('TASKS.md'), '--agent', 'nobody')).stderr).toContain(
			'unknown agent "nobody"',
		);
	});

	it('refuses an item without a title at its line', async () => {
		const {cli, root} = setup();
		const file = path.join(root, '..', 'TODO.md');
		fs.writeFileSync(file, '- [ ] one\n  - [ ]\n');
		const outcome = await cli('import', file);
		expect(outcome.stderr).toContain(`${file}:2:3: a checklist item needs a title`);
		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual([]);
	});
});

describe('export', () => {
	it('json export imported into an empty .xsarena/ gives the same board and the same events', async () => {
		const original = setup();
		await busyBoard(original);
		const file = path.join(original.root, '..', 'board.json');
		expect(ok(await original.cli('export', '--out', file))).toBe(file);
		const document = JSON.parse(fs.readFileSync(file, 'utf8')) as {
			version: number;
			jobs: Array<{id: string; title: string; status: string; events: unknown[]}>;
		};
		expect(document.version).toBe(1);
		expect(document.jobs).toHaveLength(3);
		expect(document.jobs[0]).toMatchObject({title: 'Build it', status: 'done'});

		const copy = setup();
		const result = JSON.parse(ok(await copy.cli('import', file, '--json'))) as Imported;
		expect(result).toMatchObject({format: 'export', imported: 3});
		// Compare against a fresh fold of the original folder too: both are replays of the same logs.
		const reread = original.other().getSnapshot().board;
		expect(copy.store.getSnapshot().board).toEqual(original.store.getSnapshot().board);
		expect(copy.store.getSnapshot().board).toEqual(reread);
		for (const id of original.store.getSnapshot().board.jobs.keys()) {
			expect(copy.store.readEvents(id)).toEqual(original.store.readEvents(id));
		}
	});

	it('yaml export round-trips too, and stdout is the default', async () => {
		const original = setup();
		await busyBoard(original);
		const text = ok(await original.cli('export', '--format', 'yaml'));
		expect(parse(text)).toMatchObject({version: 1});
		const file = path.join(original.root, '..', 'board.yaml');
		fs.writeFileSync(file, text);
		const copy = setup();
		ok(await copy.cli('import', file));
		expect(copy.store.getSnapshot().board).toEqual(original.store.getSnapshot().board);
		const json = JSON.parse(ok(await original.cli('export'))) as {jobs: unknown[]};
		expect(json.jobs).toHaveLength(3);
	});

	it('refuses to import an export into a board that has its jobs, unless --fresh-ids', async () => {
		const {cli, store, root} = setup();
		const {cli: otherCli, root: otherRoot} = setup();
		ok(await otherCli('add', 'Only job', '--command', 'true'));
		const file = path.join(otherRoot, '..', 'one.json');
		ok(await otherCli('export', '--out', file));
		ok(await cli('import', file));
		const before = fs.readdirSync(path.join(root, 'jobs'));
		const again = await cli('import', file);
		expect(again.exitCode).toBe(1);
		expect(again.stderr).toContain('the board already has 1 of the 1 exported jobs');
		expect(again.stderr).toContain('--fresh-ids');
		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual(before);
		ok(await cli('import', file, '--fresh-ids'));
		const jobs = [...store.getSnapshot().board.jobs.values()];
		expect(jobs.map((job) => job.title)).toEqual(['Only job', 'Only job']);
		expect(new Set(jobs.map((job) => job.id)).size).toBe(2);
	});

	it('fresh ids keep dependencies between the exported jobs', async () => {
		const original = setup();
		const {first, second} = await busyBoard(original);
		const file = path.join(original.root, '..', 'board.json');
		ok(await original.cli('export', '--out', file));
		ok(await original.cli('import', file, '--fresh-ids'));
		const copies = [...original.store.getSnapshot().board.jobs.values()].filter(
			(job) => job.id !== first && job.id !== second && job.title !== 'An idea',
		);
		const build = copies.find((job) => job.title === 'Build it')!;
		const test = copies.find((job) => job.title === 'Test it')!;
		expect(test.blockedBy).toEqual([build.id]);
		expect(build.runs).toHaveLength(2);
	});

	it('md export is a report: counts, jobs with runs and messages, and a timeline', async () => {
		const context = setup();
		const {first} = await busyBoard(context);
		const report = ok(await context.cli('export', '--format', 'md'));
		expect(report).toContain(
			'3 jobs: inbox 1 · planning 0 · ready 0 · in_flight 0 · review 0 · done 1 · blocked 1',
		);
		expect(report).toContain('## done (1)');
		expect(report).toContain(`- id: \`${first}\``);
		expect(report).toContain('- status: blocked (needs a person)');
		expect(report).toMatch(/- run 1: shell, started \S+, \d+ms, exit 1, 120 bytes; restarted: no DONE file/);
		expect(report).toContain('- cost: 1500 tokens, $0.25');
		expect(report).toContain('## Timeline');
		for (const line of [
			'**Build it**: claimed for run 1 by engine:test (shell)',
			'**Build it**: moved ready → in_flight',
			'**Build it**: run 1 exited with code 1',
			'**Build it**: restarting after run 1: no DONE file',
			'**Build it**: claimed for run 2 by engine:test',
			'**Build it**: message from agent: halfway there',
			'**Build it**: run 2 exited with code 0',
			'**Test it**: message from me: waiting for the build',
			'**Test it**: moved ready → blocked: needs a person',
		]) {
			expect(report).toContain(line);
		}

		const timeline = report.slice(report.indexOf('## Timeline'));
		expect(timeline.indexOf('claimed for run 1')).toBeLessThan(timeline.indexOf('claimed for run 2'));
		expect(timeline).not.toContain('wrote 120 bytes');
	});

	it('--out writes atomically (no temporary file left) and prints the path', async () => {
		const {cli, root} = setup();
		ok(await cli('add', 'One', '--command', 'true'));
		const dir = path.join(root, '..', 'out');
		fs.mkdirSync(dir);
		const file = path.join(dir, 'report.md');
		fs.writeFileSync(file, 'old');
		expect(ok(await cli('export', '--format', 'md', '--out', file))).toBe(file);
		expect(fs.readdirSync(dir)).toEqual(['report.md']);
		expect(fs.readFileSync(file, 'utf8')).toContain('# xsarena board');
		const missing = await cli('export', '--out', path.join(dir, 'no', 'such.json'));
		expect(missing.exitCode).toBe(1);
		expect(fs.readdirSync(dir)).toEqual(['report.md']);
	});
});
