import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {acquireEngineLock, readEngineLock} from '../../source/engine/engine-lock.js';

function lockFile(): string {
	return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-lock-')), 'engine.lock');
}

describe('engine lock', () => {
	it('is held by one engine at a time and free again after release', () => {
		const file = lockFile();
		const first = acquireEngineLock(file, 'a');
		expect(first).toBeDefined();
		expect(acquireEngineLock(file, 'b')).toBeUndefined();
		expect(readEngineLock(file)?.engine).toBe('a');
		first!.release();
		expect(readEngineLock(file)).toBeUndefined();
		expect(acquireEngineLock(file, 'b')?.info.engine).toBe('b');
	});

	it('takes over a lock whose owner is dead (kill -9 leaves the file behind)', () => {
		const file = lockFile();
		const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {encoding: 'utf8'});
		const deadPid = Number(child.stdout.trim());
		fs.writeFileSync(file, JSON.stringify({engine: 'ghost', pid: deadPid, host: os.hostname(), since: ''}));
		expect(readEngineLock(file)).toBeUndefined();
		expect(acquireEngineLock(file, 'new')?.info.engine).toBe('new');
	});

	it('treats a reused pid with another start time as dead', () => {
		const file = lockFile();
		fs.writeFileSync(
			file,
			JSON.stringify({engine: 'old', pid: process.pid, host: os.hostname(), start: '1', since: ''}),
		);
		expect(readEngineLock(file)).toBeUndefined();
	});
});
