import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultConfig, loadConfig} from '../../source/config/config.js';
import {ConfigError} from '../../source/config/yaml-file.js';

function write(text: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-theme-'));
	const file = path.join(dir, 'config.yml');
	fs.writeFileSync(file, text);
	return file;
}

describe('theme in config.yml', () => {
	it('defaults to auto', () => {
		expect(defaultConfig.theme).toBe('auto');
	});

	it.each(['auto', 'dark', 'light'] as const)('accepts %s', (value) => {
		expect(loadConfig(write(`ui:\n  scrollback: 100\ntheme: ${value}\n`)).theme).toBe(value);
	});

	it('refuses another value with file:line:column and the allowed values', () => {
		const file = write('ui:\n  scrollback: 100\ntheme: sepia\n');
		let error: unknown;
		try {
			loadConfig(file);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(ConfigError);
		expect((error as Error).message).toBe(
			`${file}:3:8: theme: Invalid option: expected one of "auto"|"dark"|"light"`,
		);
	});

	it('refuses a theme of the wrong type at its place', () => {
		expect(() => loadConfig(write('theme:\n  name: dark\n'))).toThrow(/config\.yml:2:3: theme: /);
	});
});
