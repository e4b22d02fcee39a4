import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {importBoard, readBoardFile} from '../../source/app/board-file.js';
import {ConfigError} from '../../source/config/yaml-file.js';
import {requireJob} from '../../source/core/index.js';
import {closeStores, ok, setup} from './helpers.js';

afterEach(async () => {
	await closeStores();
});

describe('add: supervision options', () => {
	it('puts isolation, loop, timeouts (in ms) and the done contract on job.created', async () => {
		const {cli, store} = setup();
		const id = ok(
			await cli(
				'add',
				'loop it',
				'--command',
				'make',
				'--isolation',
				'worktree',
				'--loop',
				'3',
				'--timeout',
				'30m',
				'--idle-timeout',
				'90s',
				'--done-contract',
				'criteria',
			),
		);
		const [created] = store.readEvents(id);
		expect(created?.data).toMatchObject({
			isolation: 'worktree',
			loop: {until: 'done-file', maxRestarts: 3, backoffMs: 1000, backoffMaxMs: 60_000, maxStalls: 2},
			timeoutMs: 1_800_000,
			idleTimeoutMs: 90_000,
			doneContract: 'criteria',
		});
		expect(requireJob(store.getSnapshot().board, id)).toMatchObject({
			isolation: 'worktree',
			timeoutMs: 1_800_000,
			loop: expect.objectContaining({maxRestarts: 3}) as unknown,
		});
	});

	it('leaves them out when not given, so the agent config decides', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'plain', '--command', 'true'));
		const data = store.readEvents(id)[0]?.data as Record<string, unknown>;
		for (const key of ['isolation', 'loop', 'timeoutMs', 'idleTimeoutMs', 'doneContract']) {
			expect(data, key).not.toHaveProperty(key);
		}
	});

	it('refuses bad values with usage errors, writing nothing', async () => {
		const {cli, root} = setup();
		const cases: Array<[string[], RegExp]> = [
			[['--timeout', 'soon'], /--timeout: "soon" is not a duration/],
			[['--idle-timeout', '0'], /--idle-timeout: .*positive/],
			[['--loop', 'many'], /--loop: "many" is not a number of restarts/],
			[['--loop', '5000'], /--loop/],
			[['--isolation', 'box'], /Allowed choices are shared, workspace, worktree/],
			[['--done-contract', 'vibes'], /Allowed choices are exists, summary, criteria/],
		];
		for (const [options, message] of cases) {
			const outcome = await cli('add', 'x', '--command', 'x', ...options);
			expect(outcome.exitCode, options.join(' ')).toBe(2);
			expect(outcome.stderr).toMatch(message);
		}

		expect(fs.readdirSync(path.join(root, 'jobs'))).toEqual([]);
	});
});

describe('board.yml: supervision fields', () => {
	it('imports isolation, loop, timeout and idleTimeout durations, and doneContract', () => {
		const {root, store} = setup();
		const file = path.join(root, 'board.yml');
		fs.writeFileSync(
			file,
			[
				'jobs:',
				'  - key: a',
				'    title: Looped',
				'    command: make',
				'    isolation: workspace',
				'    loop: {maxRestarts: 2, backoffMs: 10}',
				'    timeout: 2h',
				'    idleTimeout: 60000',
				'    doneContract: exists',
			].join('\n'),
		);
		const ids = importBoard(store, readBoardFile(file), 'cli');
		expect(requireJob(store.getSnapshot().board, ids.get('a')!)).toMatchObject({
			isolation: 'workspace',
			loop: {maxRestarts: 2, backoffMs: 10, backoffMaxMs: 60_000},
			timeoutMs: 7_200_000,
			idleTimeoutMs: 60_000,
			doneContract: 'exists',
		});
	});

	it('refuses a bad duration with file:line:column', () => {
		const {root} = setup();
		const file = path.join(root, 'board.yml');
		fs.writeFileSync(file, 'jobs:\n  - key: a\n    title: A\n    timeout: later\n');
		expect(() => readBoardFile(file)).toThrow(ConfigError);
		expect(() => readBoardFile(file)).toThrow(`${file}:4:14: jobs.0.timeout: "later" is not a duration`);
	});
});
