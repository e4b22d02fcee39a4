import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {closeStores, ok, setup} from './helpers.js';

afterEach(async () => {
	await closeStores();
});

describe('commands', () => {
	it('add prints a ULID, appends job.created, and the job lists as ready', async () => {
		const {cli, root} = setup();
		const id = ok(await cli('add', 'Build it', '--command', 'make', '--priority', 'high'));
		expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
		const lines = fs
			.readFileSync(path.join(root, 'jobs', id, 'events.jsonl'), 'utf8')
			.trim()
			.split('\n');
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0]!)).toMatchObject({type: 'job.created', jobId: id, v: 1, by: 'cli'});
		const listed = JSON.parse(ok(await cli('list', '--json'))) as Array<Record<string, unknown>>;
		expect(listed).toEqual([
			expect.objectContaining({id, title: 'Build it', status: 'ready', priority: 'high'}),
		]);
	});

	it('the REPL line and the CLI argv run the same command with the same result', async () => {
		const {cli, repl, store} = setup();
		ok(
			await cli(
				'add',
				'from a shell; with "quotes"',
				'--command',
				'echo $(x)',
				'--accept',
				'a',
				'--accept',
				'b',
			),
		);
		ok(await repl(`add 'from a shell; with "quotes"' --command 'echo $(x)' --accept a --accept b`));
		const [a, b] = [...store.getSnapshot().board.jobs.values()];
		const {id: _a, createdAt: _c1, updatedAt: _u1, lastEventId: _l1, ...fromCli} = a!;
		const {id: _b, createdAt: _c2, updatedAt: _u2, lastEventId: _l2, ...fromRepl} = b!;
		expect(fromRepl).toEqual(fromCli);
		expect(fromCli.command).toBe('echo $(x)');
		expect(fromCli.acceptance).toEqual(['a', 'b']);
	});

	it('refuses an empty title, a bad status and an unknown dependency, writing nothing', async () => {
		const {cli, root} = setup();
		const empty = await cli('add', '  ', '--command', 'x');
		expect(empty.exitCode).toBe(1);
		expect(empty.stderr).toContain('a job needs a title');
		const status = await cli('add', 'x', '--command', 'x', '--status', 'someday');
		expect(status.exitCode).toBe(2);
		expect(status.stderr).toMatch(/someday.*invalid|Allowed choices/i);
		const dependency = await cli('add', 'x', '--command', 'x', '--depends-on', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
		expect(dependency.exitCode).toBe(1);
		expect(dependency.stderr).toContain('no job with id');
		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual([]);
	});

	it('refuses a ready job whose agent cannot be filled (shell without --command)', async () => {
		const {cli} = setup();
		const outcome = await cli('add', 'no command');
		expect(outcome.exitCode).toBe(1);
		expect(outcome.stderr).toContain('{command}');
		ok(await cli('add', 'an idea', '--status', 'inbox'));
	});

	it('show, move and cancel of an unknown id say so and exit 1', async () => {
		const {cli} = setup();
		for (const argv of [
			['show', 'NOPE'],
			['move', 'NOPE', 'done'],
			['cancel', 'NOPE'],
		]) {
			const outcome = await cli(...argv);
			expect(outcome.exitCode).toBe(1);
			expect(outcome.stderr).toContain('no job with id "NOPE"');
		}
	});

	it('move changes the column (by id prefix) and show lists the events', async () => {
		const {cli} = setup();
		const id = ok(await cli('add', 'Review me', '--command', 'true'));
		expect(ok(await cli('move', id.slice(0, 20), 'review', '--reason', 'look'))).toBe(`${id} → review`);
		const shown = JSON.parse(ok(await cli('show', id, '--json'))) as {
			job: {status: string; reason: string};
			events: Array<{type: string}>;
		};
		expect(shown.job).toMatchObject({status: 'review', reason: 'look'});
		expect(shown.events.map((event) => event.type)).toEqual(['job.created', 'job.status_changed']);
		const again = await cli('move', id, 'review');
		expect(again.exitCode).toBe(1);
		expect(again.stderr).toContain('already review');
		expect((await cli('move', id, 'in_flight')).stderr).toContain('dispatch');
	});

	it('cancel of a job that is not running blocks it as cancelled', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'never mind', '--command', 'true'));
		ok(await cli('cancel', id));
		expect(store.getSnapshot().board.jobs.get(id)).toMatchObject({status: 'blocked', reason: 'cancelled'});
	});

	it('an unknown command or option exits 2 with a message; help and --version exit 0', async () => {
		const {cli, repl} = setup();
		const unknown = await cli('frobnicate');
		expect(unknown.exitCode).toBe(2);
		expect(unknown.stderr).toContain('unknown command "frobnicate"');
		const option = await repl('list --colour');
		expect(option.exitCode).toBe(2);
		expect(option.stderr).toContain("unknown option '--colour'");
		const help = await cli('help', 'add');
		expect(help.exitCode).toBe(0);
		expect(help.stdout).toContain('--priority');
		expect((await cli('--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		expect((await repl('help')).stdout).toContain('quit');
		expect((await cli('help')).stdout).not.toContain('quit');
	});

	it('status counts jobs per column and reports no engine', async () => {
		const {cli} = setup();
		ok(await cli('add', 'a', '--command', 'true'));
		ok(await cli('add', 'b', '--status', 'inbox'));
		const status = JSON.parse(ok(await cli('status', '--json'))) as {
			counts: Record<string, number>;
			limit: number;
		};
		expect(status.counts).toMatchObject({ready: 1, inbox: 1, done: 0});
		expect(status.limit).toBe(2);
		expect(ok(await cli('status'))).toContain('not running');
	});
});
