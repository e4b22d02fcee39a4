import {afterEach, describe, expect, it} from 'vitest';
import type {AgentProcess} from '../../source/agents/agent-process.js';
import {isGroupAlive, killProcessGroup} from '../../source/agents/process-group.js';
import {spawnPty} from '../../source/agents/pty-process.js';
import {liveGroupMembers, ptySpec, waitFor, within} from './helpers.js';

const started: AgentProcess[] = [];

/** Starts `sh -c script` in a pty and waits until it printed `ready`. */
async function startReady(script: string): Promise<AgentProcess> {
	const agent = spawnPty(ptySpec('sh', ['-c', script]));
	started.push(agent);
	let output = '';
	agent.onData((data) => {
		output += data;
	});
	await waitFor(() => output.includes('ready'), 5000, 'ready');
	return agent;
}

afterEach(async () => {
	await Promise.all(started.splice(0).map(async (agent) => killProcessGroup(agent.pid, {graceMs: 300})));
});

describe('killProcessGroup', () => {
	it('kills an agent and the grandchildren it started (R7)', async () => {
		const agent = await startReady('sleep 1000 & sleep 1000 & (sleep 1000; echo never) & echo ready; wait');
		// Wrapper, agent shell, three sleeps and a subshell.
		expect(liveGroupMembers(agent.pid).length).toBeGreaterThanOrEqual(5);
		const started = Date.now();
		// A long grace, so finishing well within it shows SIGTERM alone ended the group.
		await within(killProcessGroup(agent.pid, {graceMs: 3000}), 5000, 'kill');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(isGroupAlive(agent.pid)).toBe(false);
		expect(liveGroupMembers(agent.pid)).toEqual([]);
	});

	it('escalates to SIGKILL after the grace period when SIGTERM is ignored (R6)', async () => {
		const agent = await startReady(
			`trap '' TERM; sleep 1000 & ${process.execPath} -e "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)" & echo ready; wait`,
		);
		await waitFor(() => liveGroupMembers(agent.pid).length >= 4, 5000, 'children');
		const started = Date.now();
		await within(killProcessGroup(agent.pid, {graceMs: 300}), 5000, 'kill');
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(liveGroupMembers(agent.pid)).toEqual([]);
	});

	it('reports the exit of a killed agent through the adapter', async () => {
		const agent = await startReady('echo ready; sleep 1000');
		const exit = new Promise((resolve) => {
			agent.onExit(resolve);
		});
		await killProcessGroup(agent.pid, {graceMs: 300});
		await expect(within(exit, 5000, 'exit')).resolves.toEqual({code: 143, signal: null});
	});

	it('does nothing for a group that is gone, and refuses ids that would hit other processes', async () => {
		const agent = await startReady('echo ready');
		await waitFor(() => !isGroupAlive(agent.pid), 5000, 'exit');
		await expect(killProcessGroup(agent.pid)).resolves.toBeUndefined();
		for (const bad of [0, 1, -4, 2.5, Number.NaN, process.pid]) {
			expect(() => isGroupAlive(bad)).toThrow(RangeError);
		}
	});
});
