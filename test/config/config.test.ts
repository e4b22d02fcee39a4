import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig, loadConfig} from '../../source/config/config.js';
import {ConfigError, maxYamlBytes} from '../../source/config/yaml-file.js';

function write(text: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-config-'));
	const file = path.join(dir, 'config.yml');
	fs.writeFileSync(file, text);
	return file;
}

function errorOf(action: () => unknown): ConfigError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return error as ConfigError;
	}

	throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
	it('gives the defaults for a missing file, with the shell agent', () => {
		const config = loadConfig(path.join(os.tmpdir(), 'no-such-dir-xsarena', 'config.yml'));
		expect(config).toEqual(defaultConfig);
		expect(config.scheduler.concurrency).toBe(2);
		expect(config.agents['shell']?.command).toEqual(['bash', '-c', '{command}']);
	});

	it('reads settings and keeps the default agents beside configured ones', () => {
		const file = write('scheduler:\n  concurrency: 3\nagents:\n  echo:\n    command: [echo, "{prompt}"]\n');
		const config = loadConfig(file);
		expect(config.scheduler.concurrency).toBe(3);
		expect(config.agents['echo']).toMatchObject({command: ['echo', '{prompt}'], pty: true, env: {}});
		expect(config.agents['shell']).toBeDefined();
	});

	it('names file, line and column of a syntax error', () => {
		const file = write('scheduler:\n  concurrency: 2\nagents: [\n');
		expect(errorOf(() => loadConfig(file)).message).toMatch(new RegExp(`^${file}:\\d+:\\d+: `));
	});

	it('names the line of a value of the wrong type', () => {
		const file = write('ui:\n  scrollback: 10\nscheduler:\n  concurrency: many\n');
		const message = errorOf(() => loadConfig(file)).message;
		expect(message).toContain(`${file}:4:16: scheduler.concurrency:`);
	});

	it('refuses unknown keys, naming them', () => {
		const file = write('scheduler:\n  concurency: 2\n');
		expect(errorOf(() => loadConfig(file)).message).toMatch(/:2:3: scheduler: .*concurency/);
	});

	it('refuses an alias bomb and an oversized file', () => {
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
		for (let level = 1; level < 9; level++) {
			const previous = String.fromCodePoint(96 + level);
			const current = String.fromCodePoint(97 + level);
			bomb.push(`${current}: &${current} [${Array.from({length: 10}, () => `*${previous}`).join(', ')}]`);
		}

		expect(() => loadConfig(write(bomb.join('\n')))).toThrow(ConfigError);
		expect(errorOf(() => loadConfig(write(`# ${'x'.repeat(maxYamlBytes)}\n`))).message).toContain('limit');
	});
});
