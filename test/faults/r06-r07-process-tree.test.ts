/**
 * R6 (the kill half) and R7: an agent that ignores SIGTERM and whose children and grandchildren ignore
 * it too (`stubborn.sh`) is ended whole by `RunSession.kill`: SIGTERM, the grace, SIGKILL; no process of
 * its group and none of the pids it recorded is left, and the pty's descriptor is released.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import {afterEach, describe, expect, it} from 'vitest';
import {
	descriptorCounts,
	fixture,
	isLive,
	liveGroupMembers,
	processStat,
	Runs,
	testEnv,
	waitFor,
	within,
} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	await runs.cleanup();
});

/** Whether a TCP connection to 127.0.0.1:`port` is accepted. */
async function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => {
			resolve(false);
		});
	});
}

describe('killing a stubborn process tree (R6, R7)', () => {
	it('leaves no process of the group and none of its recorded descendants, and releases the pty', async () => {
		const grace = 300;
		const before = descriptorCounts();
		const pidsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-pids-')), 'pids');
		const run = runs.start(fixture('stubborn.sh'), [], {env: testEnv({PIDS_FILE: pidsFile})});
		const {session} = run;
		let output = '';
		session.onData((data) => {
			output += data;
		});
		await waitFor(
			() => output.includes('ready') && output.includes('server listening on'),
			10_000,
			'stubborn.sh to start its tree',
		);
		const port = Number(/server listening on (\d+)/u.exec(output)?.[1]);
		const pids = fs.readFileSync(pidsFile, 'utf8').trim().split('\n').map(Number);
		fs.rmSync(path.dirname(pidsFile), {recursive: true, force: true});

		// stubborn.sh, child bash, grandchild bash, two sleeps under them, the node server, its own sleep.
		expect(pids).toHaveLength(7);
		for (const pid of pids) {
			expect(isLive(pid), `pid ${pid} alive`).toBe(true);
			expect(processStat(pid)?.pgrp, `pid ${pid} in the run's group`).toBe(session.pid);
		}

		// The linger wrapper (the group leader) and the 7 recorded processes.
		const byNumber = (a: number, b: number) => a - b;
		expect(liveGroupMembers(session.pid).sort(byNumber)).toEqual([session.pid, ...pids].sort(byNumber));
		expect(await accepts(port)).toBe(true);
		const open = descriptorCounts();
		expect(open.pty).toBeGreaterThan(before.pty);

		const started = performance.now();
		const killing = session.kill(grace);
		// Poll independently of process-group.ts for the moment the last process is gone.
		const gone = () => liveGroupMembers(session.pid).length === 0 && pids.every((pid) => !isLive(pid));
		let goneAfter = Number.NaN;
		while (performance.now() - started < 5000) {
			if (gone()) {
				goneAfter = performance.now() - started;
				break;
			}

			await delay(5);
		}

		await within(killing, 5000, 'kill');
		const killReturnedAfter = performance.now() - started;
		console.log(
			`R7: stubborn.sh tree of ${pids.length + 1} processes, grace ${grace} ms: last process gone ` +
				`${goneAfter.toFixed(0)} ms after kill(); kill() resolved after ${killReturnedAfter.toFixed(0)} ms`,
		);

		// Nothing left; SIGTERM alone was not enough (every process ignores it), so SIGKILL after the grace did it.
		expect(gone()).toBe(true);
		expect(goneAfter).toBeGreaterThanOrEqual(grace - 10);
		expect(goneAfter).toBeLessThan(grace + 1500);
		expect(await accepts(port)).toBe(false);
		// The wrapper itself died by SIGKILL, so the exit carries the signal.
		await expect(within(session.exited, 5000, 'exit')).resolves.toEqual({code: null, signal: 'SIGKILL'});
		await waitFor(() => descriptorCounts().pty === before.pty, 3000, `pty descriptors back to ${before.pty}`);
		console.log(
			`R7: pty descriptors ${before.pty} before, ${open.pty} while running, ${descriptorCounts().pty} after`,
		);
	});

	it('ends a stubborn tree started without PIDS_FILE as well, with every group member gone', async () => {
		const {session} = runs.start(fixture('stubborn.sh'), []);
		let output = '';
		session.onData((data) => {
			output += data;
		});
		await waitFor(() => output.includes('server listening'), 10_000, 'the server');
		// Wrapper, stubborn.sh, child, grandchild, 3 sleeps, node: SIGTERM to the group changes nothing.
		await waitFor(() => liveGroupMembers(session.pid).length >= 8, 5000, 'the whole tree');
		process.kill(-session.pid, 'SIGTERM');
		await delay(200);
		expect(liveGroupMembers(session.pid).length).toBeGreaterThanOrEqual(8);
		await within(session.kill(200), 5000, 'kill');
		expect(liveGroupMembers(session.pid)).toEqual([]);
	});
});
