import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {configSchema} from '../../source/config/config.js';
import {draft, makeEvent, type Draft} from '../../source/core/index.js';
import {EventLog} from '../../source/store/event-log.js';
import {created} from '../core/given.js';
import {newJobId} from '../../source/store/job-store.js';
import {closeStores, ok, setup} from './helpers.js';

afterEach(async () => {
	await closeStores();
});

const day = 24 * 3_600_000;

type Context = ReturnType<typeof setup>;

/** Append events stamped `ago` ms in the past (the store stamps "now"), as an engine long ago did. */
function appendAt(context: Context, jobId: string, drafts: readonly Draft[], ago: number): void {
	const at = new Date(Date.now() - ago).toISOString();
	const events = drafts.map((item) =>
		makeEvent(item.type, jobId, item.data, {id: newJobId(), at, by: 'engine:old'}),
	);
	fs.mkdirSync(context.store.paths.jobDir(jobId), {recursive: true});
	new EventLog(context.store.paths.eventsFile(jobId), {jobId}).append(events);
}

/** A job with runs whose ends lie `ends` ms in the past (`undefined`: still running), each with an output log. */
function jobWithRuns(
	context: Context,
	title: string,
	ends: ReadonlyArray<{ago: number | undefined; interrupted?: boolean; mtimeAgo?: number}>,
): string {
	const id = newJobId();
	appendAt(context, id, [created({title})], 60 * day);
	for (const [index, end] of ends.entries()) {
		const run = index + 1;
		appendAt(context, id, [draft('job.claimed', {run, by: 'engine:old', agent: 'shell'})], 50 * day);
		if (end.ago !== undefined) {
			appendAt(
				context,
				id,
				[
					end.interrupted
						? draft('run.interrupted', {run, reason: 'engine died'})
						: draft('run.exited', {run, code: 0, signal: null}),
				],
				end.ago,
			);
		}

		const log = context.store.paths.outputLog(id, run);
		fs.mkdirSync(path.dirname(log), {recursive: true});
		fs.writeFileSync(log, 'x'.repeat(100 * run));
		fs.writeFileSync(context.store.paths.runYaml(id, run), 'pid: 1\n');
		const mtime = new Date(Date.now() - (end.mtimeAgo ?? end.ago ?? 0));
		fs.utimesSync(log, mtime, mtime);
	}

	return id;
}

function board(context: Context) {
	const old = jobWithRuns(context, 'old', [{ago: 40 * day}, {ago: day}]);
	const running = jobWithRuns(context, 'running', [{ago: undefined, mtimeAgo: 40 * day}]);
	const interrupted = jobWithRuns(context, 'interrupted', [{ago: 35 * day, interrupted: true}]);
	// The log changed after the run's recorded end (a process that outlived its engine): kept.
	const touched = jobWithRuns(context, 'touched', [{ago: 40 * day, mtimeAgo: 0}]);
	context.store.refresh();
	return {old, running, interrupted, touched};
}

describe('gc', () => {
	it('removes only the output logs of runs that finished before the cutoff', async () => {
		const context = setup();
		const {old, running, interrupted, touched} = board(context);
		const {outputLog} = context.store.paths;
		const result = JSON.parse(ok(await context.cli('gc', '--json'))) as {
			removed: Array<{jobId: string; run: number; bytes: number}>;
			bytes: number;
			dryRun: boolean;
		};
		expect(result.dryRun).toBe(false);
		expect(result.removed.map(({jobId, run}) => [jobId, run])).toEqual([
			[old, 1],
			[interrupted, 1],
		]);
		expect(result.bytes).toBe(200);
		expect(fs.existsSync(outputLog(old, 1))).toBe(false);
		expect(fs.existsSync(outputLog(interrupted, 1))).toBe(false);
		for (const [id, run] of [
			[old, 2],
			[running, 1],
			[touched, 1],
		] as const) {
			expect(fs.existsSync(outputLog(id, run)), `${id} run ${run}`).toBe(true);
		}

		// Events, run.yaml and the board are untouched.
		for (const id of [old, interrupted]) {
			expect(fs.existsSync(context.store.paths.eventsFile(id))).toBe(true);
			expect(fs.existsSync(context.store.paths.runYaml(id, 1))).toBe(true);
		}

		expect(context.store.readEvents(old)).toHaveLength(5);
	});

	it('prints what it removed and the bytes freed', async () => {
		const context = setup();
		const {old} = board(context);
		const text = ok(await context.cli('gc'));
		expect(text).toContain('removed 2 output logs, 200 B freed');
		expect(text).toContain(context.store.paths.outputLog(old, 1));
		expect(ok(await context.cli('gc'))).toContain('nothing to remove');
	});

	it('--dry-run says what it would remove and removes nothing', async () => {
		const context = setup();
		const {old, interrupted} = board(context);
		const text = ok(await context.cli('gc', '--dry-run'));
		expect(text).toContain('would remove 2 output logs');
		expect(fs.existsSync(context.store.paths.outputLog(old, 1))).toBe(true);
		expect(fs.existsSync(context.store.paths.outputLog(interrupted, 1))).toBe(true);
	});

	it('--older-than moves the cutoff; store.retention in config is the default', async () => {
		const context = setup();
		const {old} = board(context);
		const result = JSON.parse(ok(await context.cli('gc', '--older-than', '12h', '--dry-run', '--json'))) as {
			removed: Array<{jobId: string; run: number}>;
		};
		expect(result.removed.map(({jobId, run}) => `${jobId === old ? 'old' : 'other'}:${run}`)).toEqual([
			'old:1',
			'old:2',
			'other:1',
		]);
		const none = JSON.parse(ok(await context.cli('gc', '--older-than', '90d', '--json'))) as {
			removed: unknown[];
		};
		expect(none.removed).toEqual([]);

		const config = configSchema.parse({});
		const retained = setup({
			config: {...config, store: {...config.store, retention: '2h'} as typeof config.store},
		});
		board(retained);
		expect(ok(await retained.cli('gc', '--dry-run'))).toContain('would remove 3 output logs');
	});

	it('refuses a duration it cannot read', async () => {
		const {cli} = setup();
		const outcome = await cli('gc', '--older-than', 'soon');
		expect(outcome.exitCode).toBe(2);
		expect(outcome.stderr).toContain('"soon" is not a positive duration');
	});
});
