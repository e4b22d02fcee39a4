import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {isGroupAlive} from '../../source/agents/process-group.js';
import {RunSession, type RunSessionOptions} from '../../source/agents/run-session.js';
import {openDescriptors, temporaryFolder, testEnv, waitFor, within} from './helpers.js';

const sessions: RunSession[] = [];
const folders: string[] = [];

function start(file: string, args: readonly string[], extra: Partial<RunSessionOptions> = {}): RunSession {
	const folder = temporaryFolder();
	folders.push(folder);
	const session = new RunSession({
		file,
		args,
		cwd: folder,
		env: testEnv(),
		cols: 40,
		rows: 8,
		outputLog: path.join(folder, 'runs', '1', 'output.log'),
		...extra,
	});
	sessions.push(session);
	return session;
}

function logOf(session: RunSession): Buffer {
	const folder = folders[sessions.indexOf(session)] ?? '';
	return fs.readFileSync(path.join(folder, 'runs', '1', 'output.log'));
}

afterEach(async () => {
	for (const session of sessions.splice(0)) {
		await session.kill(300);
		await within(session.exited, 5000, 'exit');
		session.screen.dispose();
	}

	for (const folder of folders.splice(0)) {
		fs.rmSync(folder, {recursive: true, force: true});
	}
});

describe('RunSession', () => {
	it('writes output to output.log byte for byte and to the screen', async () => {
		const session = start('printf', ['héllo\\033[31m red\\033[0m\\n漢字 🙂\\n']);
		const chunks: string[] = [];
		session.onData((data) => chunks.push(data));
		await expect(within(session.exited, 5000, 'exit')).resolves.toEqual({code: 0, signal: null});
		const expected = 'héllo\u001B[31m red\u001B[0m\r\n漢字 🙂\r\n';
		expect(logOf(session).equals(Buffer.from(expected))).toBe(true);
		expect(chunks.join('')).toBe(expected);
		expect(session.bytes).toBe(Buffer.byteLength(expected));
		await waitFor(() => session.screen.pendingBytes === 0, 2000, 'parse');
		expect(session.screen.getText().slice(0, 2)).toEqual(['héllo red', '漢字 🙂']);
		expect(session.screen.getRows()[0]).toContain('\u001B[0;31m red');
	});

	it('appends to an existing log and reports non-zero exits', async () => {
		const first = start(process.execPath, ['-e', 'process.stdout.write("second"); process.exit(7)']);
		const exits: unknown[] = [];
		first.onExit((exit) => exits.push(exit));
		await expect(within(first.exited, 10_000, 'exit')).resolves.toEqual({code: 7, signal: null});
		expect(exits).toEqual([{code: 7, signal: null}]);
		const folder = folders.at(-1) ?? '';
		const outputLog = path.join(folder, 'runs', '1', 'output.log');
		const second = new RunSession({
			file: 'printf',
			args: ['third'],
			cwd: folder,
			env: testEnv(),
			cols: 40,
			rows: 8,
			outputLog,
		});
		sessions.push(second);
		await within(second.exited, 5000, 'exit');
		expect(fs.readFileSync(outputLog, 'utf8')).toBe('secondthird');
	});

	it('masks secrets in the log and on the screen (S1)', async () => {
		const secret = 'sk-test-1234567890';
		const session = start('sh', ['-c', 'echo "token=$TOKEN pin=$PIN"'], {
			env: testEnv({TOKEN: secret, PIN: 'abc'}),
			mask: [secret, 'abc'],
		});
		await within(session.exited, 5000, 'exit');
		const log = logOf(session).toString('utf8');
		expect(log).toBe('token=**** pin=abc\r\n');
		await waitFor(() => session.screen.pendingBytes === 0, 2000, 'parse');
		expect(session.screen.getText()[0]).toBe('token=**** pin=abc');
	});

	it('takes keyboard input, resizes pty and screen, and kills the group', async () => {
		const session = start('sh', ['-c', 'echo ready; read line; stty size; echo "got:$line"; sleep 1000']);
		const output: string[] = [];
		session.onData((data) => output.push(data));
		await waitFor(() => output.join('').includes('ready'), 5000, 'ready');
		session.resize(50, 12);
		expect([session.screen.cols, session.screen.rows]).toEqual([50, 12]);
		session.write('hi there\r');
		await waitFor(() => output.join('').includes('got:hi there'), 5000, 'echo');
		expect(output.join('')).toContain('12 50');
		await session.kill(300);
		expect(isGroupAlive(session.pid)).toBe(false);
		await expect(within(session.exited, 5000, 'exit')).resolves.toEqual({code: 143, signal: null});
	});

	it('pauses the pty under a flood and still loses nothing (R8, R9)', async () => {
		// 48 MB in one line with no newline: nothing of ours may accumulate it. The event loop interleaves
		// pty reads with xterm's parse slices, so here the backlog peaks well under the default 1 MiB
		// watermark (measured 45-90 KB); small watermarks make the pause path run many times.
		const size = 48 * 1024 * 1024;
		const session = start('sh', ['-c', `head -c ${size} /dev/zero | tr '\\0' x`], {
			cols: 80,
			rows: 24,
			highWaterMark: 64 * 1024,
			lowWaterMark: 16 * 1024,
		});
		let peak = 0;
		session.onBytes(() => {
			peak = Math.max(peak, session.screen.pendingBytes);
		});
		await expect(within(session.exited, 20_000, 'flood')).resolves.toEqual({code: 0, signal: null});
		expect(session.pauses).toBeGreaterThan(0);
		expect(session.bytes).toBe(size);
		expect(logOf(session).length).toBe(size);
		// The high watermark plus at most a few pty reads.
		expect(peak).toBeLessThan(512 * 1024);
		await waitFor(() => session.screen.pendingBytes === 0, 10_000, 'parse');
		const text = session.screen.getText();
		expect(text.slice(0, -1).every((line) => line === 'x'.repeat(80))).toBe(true);
		expect(text.at(-1)).toBe('x'.repeat(size % 80));
	});

	it('never throws on binary output (R10)', async () => {
		const session = start('head', ['-c', '200000', '/dev/urandom']);
		await expect(within(session.exited, 5000, 'exit')).resolves.toEqual({code: 0, signal: null});
		await waitFor(() => session.screen.pendingBytes === 0, 5000, 'parse');
		expect(session.screen.getRows()).toHaveLength(8);
		expect(logOf(session).length).toBe(session.bytes);
	});

	it('throws, leaving nothing open, when the log cannot be created', () => {
		const folder = temporaryFolder();
		folders.push(folder);
		fs.writeFileSync(path.join(folder, 'file'), '');
		const before = openDescriptors();
		expect(
			() =>
				new RunSession({
					file: 'true',
					args: [],
					cwd: folder,
					env: testEnv(),
					cols: 40,
					rows: 8,
					outputLog: path.join(folder, 'file', 'output.log'),
				}),
		).toThrow();
		expect(openDescriptors()).toBe(before);
	});

	it('returns to its descriptor baseline after 50 runs (R21)', async () => {
		const baseline = openDescriptors();
		for (let batch = 0; batch < 5; batch++) {
			const batchSessions = Array.from({length: 10}, () => start('true', []));
			await within(Promise.all(batchSessions.map(async (session) => session.exited)), 10_000, 'batch');
		}

		await waitFor(() => openDescriptors() <= baseline, 5000, `descriptors back to ${baseline}`);
	});
});
