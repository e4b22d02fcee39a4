import {afterEach, describe, expect, it} from 'vitest';
import type {AgentProcess} from '../../source/agents/agent-process.js';
import {isGroupAlive, killProcessGroup} from '../../source/agents/process-group.js';
import {spawnPty} from '../../source/agents/pty-process.js';
import {collect, ptySpec, waitFor, within} from './helpers.js';

const started: AgentProcess[] = [];

function spawn(file: string, args: readonly string[], extra = {}): AgentProcess {
	const agent = spawnPty(ptySpec(file, args, extra));
	started.push(agent);
	return agent;
}

afterEach(async () => {
	await Promise.all(started.splice(0).map(async (agent) => killProcessGroup(agent.pid, {graceMs: 300})));
});

describe('spawnPty', () => {
	it('runs a program and reports its output and exit code', async () => {
		const result = await within(collect(spawn('printf', ['hello %s\\n', 'world'])), 5000, 'printf');
		expect(result).toEqual({output: 'hello world\r\n', code: 0, signal: null});
	});

	it('reports non-zero exit codes, and 127 for a missing program', async () => {
		const [three, missing] = await within(
			Promise.all([collect(spawn('sh', ['-c', 'exit 3'])), collect(spawn('no-such-program-xsarena', []))]),
			5000,
			'exits',
		);
		expect(three.code).toBe(3);
		expect(missing.code).toBe(127);
		expect(missing.output).toContain('not found');
	});

	it('passes every argument through unchanged, never through a shell (S2)', async () => {
		const hostile = [
			"it's",
			'say "hi"',
			'$(whoami)',
			'`id`',
			'a; rm -rf /tmp/nothing',
			'line one\nline two',
			'--flag=value',
			'-e',
			'$HOME ${PATH} * ?',
			'',
			'  spaced  ',
		];
		const script = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';
		const result = await within(
			collect(spawn(process.execPath, ['-e', script, '--', ...hostile])),
			10_000,
			'node',
		);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.output)).toEqual(hostile);
	});

	it('delivers all of 256 KiB written just before exit, in 20 of 20 runs (node-pty#72, R12)', async () => {
		const size = 256 * 1024;
		const runOnce = async () => {
			const agent = spawn('sh', ['-c', `head -c ${size} /dev/zero | tr '\\0' a`]);
			let received = 0;
			agent.onData((data) => {
				received += data.length;
			});
			const exit = await new Promise((resolve) => {
				agent.onExit(resolve);
			});
			return {received, exit};
		};

		const results = [];
		for (let batch = 0; batch < 5; batch++) {
			// Four at a time: the loaded case, and it keeps the test short.
			results.push(
				...(await within(Promise.all([runOnce(), runOnce(), runOnce(), runOnce()]), 10_000, 'batch')),
			);
		}

		expect(results.filter(({received}) => received !== size)).toEqual([]);
		expect(results.every(({exit}) => (exit as {code: number}).code === 0)).toBe(true);
	});

	it('propagates resize and input to the program', async () => {
		const agent = spawn('sh', ['-c', 'echo ready; read line; stty size; echo "got:$line"']);
		const done = collect(agent);
		let output = '';
		agent.onData((data) => {
			output += data;
		});
		await waitFor(() => output.includes('ready'), 5000, 'ready');
		agent.resize(100, 30);
		agent.write('hello\r');
		const result = await within(done, 5000, 'sh');
		expect(result.output).toContain('30 100');
		expect(result.output).toContain('got:hello');
	});

	it('delivers Ctrl-C to the program, and the wrapper outlives it', async () => {
		const script = [
			"process.on('SIGINT', () => console.log('interrupted'))",
			"process.stdin.on('data', (data) => { if (String(data).includes('q')) process.exit(5) })",
			"console.log('ready')",
		].join(';');
		const agent = spawn(process.execPath, ['-e', script]);
		const done = collect(agent);
		let output = '';
		agent.onData((data) => {
			output += data;
		});
		await waitFor(() => output.includes('ready'), 10_000, 'ready');
		agent.write('\u0003');
		await waitFor(() => output.includes('interrupted'), 5000, 'SIGINT handled');
		agent.write('q\r');
		await expect(within(done, 5000, 'exit')).resolves.toMatchObject({code: 5, signal: null});
	});

	it('reports the signal when the wrapper is killed, and 128+N when only the program was', async () => {
		const killed = spawn('sleep', ['1000']);
		const term = spawn('sleep', ['1000']);
		const results = Promise.all([collect(killed), collect(term)]);
		await waitFor(() => isGroupAlive(killed.pid) && isGroupAlive(term.pid), 5000, 'start');
		// Let the wrapper start its child before signalling the group.
		await new Promise((resolve) => {
			setTimeout(resolve, 100);
		});
		killed.kill('SIGKILL');
		term.kill();
		const [first, second] = await within(results, 5000, 'exits');
		expect(first).toMatchObject({code: null, signal: 'SIGKILL'});
		expect(second).toMatchObject({code: 143, signal: null});
	});
});
