import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isGroupAlive} from '../../source/agents/process-group.js';
import {type HookSettings, type StateChange, StateNotifier} from '../../source/engine/hooks.js';
import {waitFor} from '../helpers/wait-for.js';

function folder(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-hooks-'));
}

const quiet = {bell: false, desktop: false, states: []} as const;

function change(overrides: Partial<StateChange> = {}): StateChange {
	return {jobId: 'J1', title: 'Fix the build', run: 1, from: 'busy', to: 'waiting', ...overrides};
}

/** A notifier whose errors are collected. */
function notifier(
	settings: HookSettings,
	cwd: string,
	options: Partial<ConstructorParameters<typeof StateNotifier>[1]> = {},
) {
	const errors: string[] = [];
	const instance = new StateNotifier(settings, {
		cwd,
		onError(error) {
			errors.push(error.message);
		},
		...options,
	});
	return {instance, errors};
}

describe('StateNotifier: the hook command', () => {
	it('passes the change in the environment (argv form), with the base environment', async () => {
		const cwd = folder();
		const script = `require('fs').writeFileSync('env.json', JSON.stringify(process.env))`;
		const {instance, errors} = notifier(
			{onStateChange: [process.execPath, '-e', script], notify: quiet},
			cwd,
			{
				env: {...process.env, XSARENA_TEST_BASE: 'kept'},
			},
		);
		instance.notify(change({jobId: 'J7', title: 'Ship it', run: 3, from: 'idle', to: 'busy'}));
		await instance.idle();
		const env = JSON.parse(fs.readFileSync(path.join(cwd, 'env.json'), 'utf8')) as Record<string, string>;
		expect(env).toMatchObject({
			XSARENA_OLD_STATE: 'idle',
			XSARENA_NEW_STATE: 'busy',
			XSARENA_JOB_ID: 'J7',
			XSARENA_JOB_TITLE: 'Ship it',
			XSARENA_RUN: '3',
			XSARENA_TEST_BASE: 'kept',
		});
		expect(errors).toEqual([]);
	});

	it('passes a hostile title literally: it is data in the environment, never shell code', async () => {
		const cwd = folder();
		const title = `it's "quoted" $(touch pwned) \`touch pwned2\`; touch pwned3 && echo $HOME`;
		const {instance, errors} = notifier(
			{onStateChange: 'printf "%s" "$XSARENA_JOB_TITLE" > title.txt', notify: quiet},
			cwd,
		);
		instance.notify(change({title}));
		await instance.idle();
		expect(fs.readFileSync(path.join(cwd, 'title.txt'), 'utf8')).toBe(title);
		expect(fs.readdirSync(cwd).sort()).toEqual(['title.txt']);
		expect(errors).toEqual([]);
	});

	it('kills a hook (and its whole process group) that outlives timeoutMs', async () => {
		const cwd = folder();
		const {instance, errors} = notifier(
			{onStateChange: 'echo $$ > pid; sleep 1000 & sleep 1000', notify: quiet},
			cwd,
			{timeoutMs: 300},
		);
		const started = Date.now();
		instance.notify(change());
		await instance.idle();
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(300);
		expect(elapsed).toBeLessThan(3000);
		expect(errors).toEqual([expect.stringMatching(/state-change hook failed: timed out after 300 ms/)]);
		const pid = Number(fs.readFileSync(path.join(cwd, 'pid'), 'utf8'));
		expect(isGroupAlive(pid)).toBe(false);
	});

	it('reports a failing hook with its exit status and first line of stderr', async () => {
		const {instance, errors} = notifier({onStateChange: 'echo boom >&2; exit 3', notify: quiet}, folder());
		instance.notify(change());
		await instance.idle();
		expect(errors).toEqual(['state-change hook failed: exited with 3: boom']);
	});

	it('reports a hook program that does not exist', async () => {
		const {instance, errors} = notifier({onStateChange: ['/nonexistent/hook'], notify: quiet}, folder());
		instance.notify(change());
		await instance.idle();
		expect(errors).toEqual([expect.stringMatching(/state-change hook failed: .*ENOENT/)]);
	});

	it('runs one job’s hooks in order, different jobs’ in parallel, at most maxRunning at once', async () => {
		const cwd = folder();
		const hook =
			'echo "start $XSARENA_JOB_ID $XSARENA_NEW_STATE" >> log; sleep 0.2; echo "end $XSARENA_JOB_ID" >> log';
		const {instance, errors} = notifier({onStateChange: hook, notify: quiet}, cwd, {maxRunning: 3});
		for (const jobId of ['A', 'B', 'C', 'D']) {
			instance.notify(change({jobId, to: 'busy'}));
			instance.notify(change({jobId, to: 'idle'}));
		}

		await instance.idle();
		const lines = fs.readFileSync(path.join(cwd, 'log'), 'utf8').trim().split('\n');
		let running = 0;
		let most = 0;
		for (const line of lines) {
			running += line.startsWith('start') ? 1 : -1;
			most = Math.max(most, running);
		}

		expect(most).toBe(3);
		for (const jobId of ['A', 'B', 'C', 'D']) {
			const mine = lines.filter((line) => line.includes(` ${jobId}`));
			expect(mine).toEqual([`start ${jobId} busy`, `end ${jobId}`, `start ${jobId} idle`, `end ${jobId}`]);
		}

		expect(errors).toEqual([]);
	});

	it('drops the oldest queued changes past maxQueued, with one counted warning', async () => {
		const cwd = folder();
		const {instance, errors} = notifier(
			{onStateChange: 'echo "$XSARENA_RUN" >> log; sleep 0.1', notify: quiet},
			cwd,
			{maxRunning: 1, maxQueued: 2},
		);
		for (let run = 1; run <= 5; run++) {
			instance.notify(change({run}));
		}

		await instance.idle();
		expect(fs.readFileSync(path.join(cwd, 'log'), 'utf8')).toBe('1\n4\n5\n');
		expect(instance.dropped).toBe(2);
		expect(errors).toEqual(['hook queue full: dropped the 2 oldest state changes (2 in all)']);
	});

	it('close() kills running hooks and ignores later changes', async () => {
		const cwd = folder();
		const {instance} = notifier({onStateChange: 'echo $$ >> pids; sleep 1000', notify: quiet}, cwd);
		instance.notify(change({jobId: 'A'}));
		instance.notify(change({jobId: 'B'}));
		await waitFor(
			() =>
				fs.existsSync(path.join(cwd, 'pids')) &&
				fs.readFileSync(path.join(cwd, 'pids'), 'utf8').split('\n').length === 3,
		);
		await instance.close();
		instance.notify(change({jobId: 'C'}));
		await instance.idle();
		const pids = fs.readFileSync(path.join(cwd, 'pids'), 'utf8').trim().split('\n').map(Number);
		expect(pids).toHaveLength(2);
		expect(pids.some((pid) => isGroupAlive(pid))).toBe(false);
	});

	it('measures the latency from notify() to the hook’s side effect', async () => {
		const cwd = folder();
		const {instance, errors} = notifier({onStateChange: ': > "done-$XSARENA_RUN"', notify: quiet}, cwd);
		const samples: number[] = [];
		for (let run = 1; run <= 10; run++) {
			const started = performance.now();
			instance.notify(change({run}));
			await waitFor(
				() => fs.existsSync(path.join(cwd, `done-${run}`)),
				5000,
				() => `hook of run ${run}`,
				1,
			);
			samples.push(performance.now() - started);
			await instance.idle();
		}

		samples.sort((a, b) => a - b);
		const median = samples[Math.floor(samples.length / 2)]!;
		const worst = samples.at(-1)!;
		console.log(
			`hook latency (notify() → sh -c side effect), 10 runs: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`,
		);
		expect(worst).toBeLessThan(5000);
		expect(errors).toEqual([]);
	});
});

describe('StateNotifier: bell and desktop', () => {
	it('rings the bell only for the configured states, and never throws from notify()', () => {
		let rings = 0;
		const {instance, errors} = notifier(
			{notify: {bell: true, desktop: false, states: ['waiting', 'exited']}},
			folder(),
			{
				ringBell() {
					rings++;
					if (rings === 3) {
						throw new Error('no terminal');
					}
				},
			},
		);
		instance.notify(change({from: 'starting', to: 'busy'}));
		instance.notify(change({from: 'busy', to: 'waiting'}));
		instance.notify(change({from: 'waiting', to: 'idle'}));
		instance.notify(change({from: 'idle', to: 'exited'}));
		expect(rings).toBe(2);
		expect(() => {
			instance.notify(change({to: 'waiting'}));
		}).not.toThrow();
		expect(errors).toEqual(['bell failed: no terminal']);
	});

	it('runs notify-send for the configured states when it is on PATH', async () => {
		const bin = folder();
		const out = path.join(bin, 'calls');
		fs.writeFileSync(path.join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s|%s\\n' "$1" "$2" >> '${out}'\n`, {
			mode: 0o755,
		});
		const {instance, errors} = notifier(
			{notify: {bell: false, desktop: true, states: ['waiting']}},
			folder(),
			{
				env: {...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`},
			},
		);
		instance.notify(change({title: 'Fix "it"', from: 'starting', to: 'busy'}));
		instance.notify(change({title: 'Fix "it"', from: 'busy', to: 'waiting'}));
		await instance.idle();
		expect(fs.readFileSync(out, 'utf8')).toBe('xsarena: Fix "it"|busy → waiting\n');
		expect(errors).toEqual([]);
	});

	it('skips the desktop notification quietly when notify-send is not on PATH, looking it up once', async () => {
		const lookups: string[] = [];
		const {instance, errors} = notifier(
			{notify: {bell: false, desktop: true, states: ['waiting']}},
			folder(),
			{
				env: {...process.env, PATH: folder()},
				async lookPath(program) {
					lookups.push(program);
					return undefined;
				},
			},
		);
		instance.notify(change({jobId: 'A'}));
		instance.notify(change({jobId: 'B'}));
		await instance.idle();
		expect(lookups).toEqual(['notify-send']);
		expect(errors).toEqual([]);

		// And with the real lookup on a PATH without it.
		const real = notifier({notify: {bell: false, desktop: true, states: ['waiting']}}, folder(), {
			env: {...process.env, PATH: folder()},
		});
		real.instance.notify(change());
		await real.instance.idle();
		expect(real.errors).toEqual([]);
	});
});
