import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {decideClaim, requireJob, type JobMessage} from '../../source/core/index.js';
import type {JobStore} from '../../source/store/job-store.js';
import {waitFor} from '../helpers/wait-for.js';
import {closeStores, ok, setup} from './helpers.js';

// `post` reads these to tell an agent's post from a person's; the tests may themselves run in an agent.
const agentVariables = ['XSARENA_JOB_ID', 'XSARENA_AGENT'] as const;
let saved: Array<string | undefined> = [];

beforeEach(() => {
	saved = agentVariables.map((name) => process.env[name]);
	for (const name of agentVariables) {
		delete process.env[name];
	}
});

afterEach(async () => {
	for (const [index, name] of agentVariables.entries()) {
		if (saved[index] === undefined) {
			delete process.env[name];
		} else {
			process.env[name] = saved[index];
		}
	}

	await closeStores();
});

/** What an engine appends when it starts a job: a claim (run n, running) and the move to in_flight. */
function claim(store: JobStore, id: string): void {
	const board = store.getSnapshot().board;
	store.append(id, decideClaim(board, requireJob(board, id), 'engine:test', 'shell'), 'engine:test');
}

describe('send', () => {
	it('appends job.input for the running run and says how much it sent', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'agent', '--command', 'cat'));
		claim(store, id);
		expect(ok(await cli('send', id, 'hello', 'world!', '--enter'))).toBe(
			`sent 12 chars and Enter to run 1 of ${id}`,
		);
		expect(ok(await cli('send', id.slice(0, 12), '--enter'))).toBe(`sent Enter to run 1 of ${id}`);
		const inputs = store.readEvents(id).filter((event) => event.type === 'job.input');
		expect(inputs.map((event) => event.data)).toEqual([
			{run: 1, text: 'hello world!', enter: true},
			{run: 1, text: '', enter: true},
		]);
		expect(requireJob(store.getSnapshot().board, id).input).toHaveLength(2);
	});

	it('refuses a job with no run going on, and nothing to send, writing nothing', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'idle', '--command', 'true'));
		const idle = await cli('send', id, 'hi');
		expect(idle.exitCode).toBe(1);
		expect(idle.stderr).toContain('has no run going on');
		claim(store, id);
		const empty = await cli('send', id);
		expect(empty.exitCode).toBe(1);
		expect(empty.stderr).toContain('nothing to send');
		expect(store.readEvents(id).some((event) => event.type === 'job.input')).toBe(false);
		expect((await cli('send', 'NOPE', 'x')).stderr).toContain('no job with id "NOPE"');
	});

	it('reaches another process: its store sees the input after a refresh', async () => {
		const {cli, store, other} = setup();
		const id = ok(await cli('add', 'agent', '--command', 'cat'));
		claim(store, id);
		const engine = other();
		ok(await cli('send', id, 'y', '--enter'));
		engine.refresh();
		expect(requireJob(engine.getSnapshot().board, id).input).toEqual([
			expect.objectContaining({run: 1, text: 'y', enter: true}),
		]);
	});
});

describe('post', () => {
	it('appends job.message from cli or repl and prints the event id', async () => {
		const {cli, repl, store} = setup();
		const id = ok(await cli('add', 'bus', '--status', 'inbox'));
		const first = ok(await cli('post', id, 'please', 'review'));
		const second = ok(await repl(`post ${id} 'from the dashboard'`));
		expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
		expect(requireJob(store.getSnapshot().board, id).messages).toEqual([
			expect.objectContaining({id: first, from: 'cli', text: 'please review'}),
			expect.objectContaining({id: second, from: 'repl', text: 'from the dashboard'}),
		]);
	});

	it('is from the agent when an agent posts from its run, and --from wins', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'bus', '--status', 'inbox'));
		process.env['XSARENA_JOB_ID'] = id;
		process.env['XSARENA_AGENT'] = 'claude';
		ok(await cli('post', id, 'done with part 1'));
		ok(await cli('post', id, 'hi', '--from', 'alice'));
		expect(requireJob(store.getSnapshot().board, id).messages.map((message) => message.from)).toEqual([
			'claude',
			'alice',
		]);
		const blank = await cli('post', id, ' ');
		expect(blank.exitCode).toBe(1);
		expect(blank.stderr).toContain('a message needs text');
	});
});

describe('messages', () => {
	it('lists messages, --since filters by id, --json gives the data', async () => {
		const {cli} = setup();
		const id = ok(await cli('add', 'bus', '--status', 'inbox'));
		expect(ok(await cli('messages', id))).toBe('no messages');
		const a = ok(await cli('post', id, 'first'));
		ok(await cli('post', id, 'second', '--from', 'bob'));
		const text = ok(await cli('messages', id));
		expect(text.split('\n')).toEqual([
			expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}cli: first$/),
			expect.stringMatching(/ {2}bob: second$/),
		]);
		const since = JSON.parse(ok(await cli('messages', id, '--since', a, '--json'))) as {
			messages: JobMessage[];
		};
		expect(since.messages.map((message) => message.text)).toEqual(['second']);
	});

	it('--follow streams a message posted by another process after it started, until aborted', async () => {
		const chunks: string[] = [];
		const controller = new AbortController();
		const {cli, other} = setup({write: (text) => chunks.push(text), signal: controller.signal});
		const id = ok(await cli('add', 'bus', '--status', 'inbox'));
		ok(await cli('post', id, 'before'));
		const following = cli('messages', id, '--follow');
		await waitFor(() => chunks.join('').includes('cli: before'));
		const agent = other();
		agent.append(id, [{type: 'job.message', data: {from: 'codex', text: 'after'}}], 'codex');
		await waitFor(
			() => chunks.join('').includes('codex: after'),
			5000,
			() => chunks.join(''),
		);
		controller.abort();
		const outcome = await following;
		expect(outcome.exitCode).toBe(0);
		expect(chunks.join('').trim().split('\n')).toHaveLength(2);
	});

	it('--follow refuses where nothing can stream (the REPL)', async () => {
		const {cli, repl} = setup();
		const id = ok(await cli('add', 'bus', '--status', 'inbox'));
		const outcome = await repl(`messages ${id} --follow`);
		expect(outcome.exitCode).toBe(2);
		expect(outcome.stderr).toContain('--follow');
	});
});
