import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compileAgentPattern, defaultConfig, loadConfig} from '../../source/config/config.js';
import {parseDuration} from '../../source/config/duration.js';
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

	it('fills the defaults of agents, hooks, notify and the scheduler', () => {
		const file = write('agents:\n  echo:\n    command: [echo, "{prompt}"]\n');
		const config = loadConfig(file);
		expect(config.agents['echo']).toEqual({
			command: ['echo', '{prompt}'],
			env: {},
			pty: true,
			isolation: 'shared',
			doneContract: 'summary',
		});
		expect(config.hooks).toEqual({});
		expect(config.notify).toEqual({bell: false, desktop: false, states: ['waiting', 'exited']});
		expect(config.scheduler).toEqual({
			concurrency: 2,
			graceMs: 5000,
			perAgent: {},
			quietHours: [],
			quietHoursRunning: 'finish',
			aging: 1_800_000,
		});
		expect(config.budget).toBeUndefined();
		expect(defaultConfig.agents['shell']).toMatchObject({isolation: 'shared', doneContract: 'summary'});
	});

	it('reads supervision, token, patterns and durations, exposing durations in ms', () => {
		const file = write(
			[
				'scheduler:',
				'  graceMs: 2s',
				'hooks:',
				'  onStateChange: [notify, "{state}"]',
				'notify:',
				'  bell: true',
				'  states: [waiting]',
				'agents:',
				'  claude:',
				'    command: [claude, "{prompt}"]',
				'    resume: [claude, --continue]',
				'    token: env:MY_KEY',
				'    tokenEnv: ANTHROPIC_API_KEY',
				"    busyPattern: 'esc to interrupt'",
				'    isolation: worktree',
				'    loop: {maxRestarts: 3}',
				'    timeout: 30m',
				'    idleTimeout: 90000',
				'    doneContract: criteria',
			].join('\n'),
		);
		const config = loadConfig(file);
		expect(config.scheduler.graceMs).toBe(2000);
		expect(config.hooks.onStateChange).toEqual(['notify', '{state}']);
		expect(config.notify).toEqual({bell: true, desktop: false, states: ['waiting']});
		const claude = config.agents['claude']!;
		expect(claude).toMatchObject({
			resume: ['claude', '--continue'],
			token: 'env:MY_KEY',
			tokenEnv: 'ANTHROPIC_API_KEY',
			isolation: 'worktree',
			loop: {maxRestarts: 3, backoffMs: 1000, until: 'done-file'},
			timeoutMs: 1_800_000,
			idleTimeoutMs: 90_000,
			doneContract: 'criteria',
		});
		expect(claude).not.toHaveProperty('timeout');
		expect(compileAgentPattern(claude.busyPattern!).test('… (ESC to interrupt)')).toBe(true);
	});

	it('refuses an invalid regular expression, naming the key and its line', () => {
		const file = write('agents:\n  a:\n    command: [a]\n    waitingPattern: "(unclosed"\n');
		const message = errorOf(() => loadConfig(file)).message;
		expect(message).toContain(`${file}:4:21: agents.a.waitingPattern: not a valid regular expression`);
	});

	it('refuses a bad duration with a clear message', () => {
		const file = write('agents:\n  a:\n    command: [a]\n    timeout: soon\n');
		expect(errorOf(() => loadConfig(file)).message).toContain(
			`${file}:4:14: agents.a.timeout: "soon" is not a duration`,
		);
		expect(errorOf(() => loadConfig(write('scheduler:\n  graceMs: -5\n'))).message).toContain('positive');
	});

	it('refuses a token without tokenEnv, and a malformed token source', () => {
		const missing = write('agents:\n  a:\n    command: [a]\n    token: env:KEY\n');
		expect(errorOf(() => loadConfig(missing)).message).toMatch(
			/:4:12: agents\.a\.token: tokenEnv is required/,
		);
		const malformed = write('agents:\n  a:\n    command: [a]\n    token: KEY\n    tokenEnv: X\n');
		expect(errorOf(() => loadConfig(malformed)).message).toContain('env:NAME or file:PATH');
	});

	it('loads the example config with the six agent presets, none requiring a token', () => {
		const example = fileURLToPath(new URL('../../.xsarena.example/config.yml', import.meta.url));
		const config = loadConfig(example);
		expect(Object.keys(config.agents).sort()).toEqual([
			'aider',
			'claude',
			'codex',
			'gemini',
			'opencode',
			'shell',
		]);
		expect(config.agents['shell']?.command).toEqual(['bash', '-c', '{command}']);
		for (const [name, agent] of Object.entries(config.agents)) {
			expect(agent.token, name).toBeUndefined();
			if (name !== 'shell') {
				expect(agent.tokenEnv, name).toMatch(/_API_KEY$/);
				expect(agent.resume, name).toBeDefined();
				expect(agent.busyPattern, name).toBeDefined();
				expect(agent.waitingPattern, name).toBeDefined();
			}
		}

		const claude = config.agents['claude']!;
		expect(compileAgentPattern(claude.busyPattern!).test('✻ Thinking… (12s · esc to interrupt)')).toBe(true);
		expect(
			compileAgentPattern(claude.waitingPattern!).test('Do you want to make this edit?\n❯ 1. Yes\n  2. No'),
		).toBe(true);
		expect(compileAgentPattern(claude.waitingPattern!).test('Do you want to hear a joke')).toBe(false);
		for (const text of [
			'Claude usage limit reached. Your limit will reset at 3pm (Europe/Paris).',
			"You've hit your session limit · resets 4:50pm (Asia/Shanghai)",
			'5-hour limit reached ∙ resets 3pm',
		]) {
			expect(compileAgentPattern(claude.usageLimitPattern!).test(text), text).toBe(true);
		}

		expect(
			compileAgentPattern(config.agents['codex']!.usageLimitPattern!).test(
				"■ You've hit your usage limit. Upgrade to Pro or try again at 2:51 PM.",
			),
		).toBe(true);
	});
});

describe('parseDuration', () => {
	it('takes ms and ms-style strings, refusing nonsense', () => {
		expect(parseDuration(1500)).toBe(1500);
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('30m')).toBe(1_800_000);
		expect(parseDuration('1.5h')).toBe(5_400_000);
		expect(parseDuration('250')).toBe(250);
		for (const bad of ['', 'soon', '-1s', 0, Number.NaN, '400d']) {
			expect(() => parseDuration(bad), String(bad)).toThrow(/duration/);
		}
	});
});

describe('scheduler and budget settings', () => {
	it('parses quiet hours, per-agent limits, aging and budgets', () => {
		const file = write(
			[
				'scheduler:',
				'  perAgent: {claude: 2}',
				'  quietHours: ["22:00-07:00", "sat,sun 00:00-24:00"]',
				'  aging: 10m',
				'budget: {usd: 5, warnAt: 0.9, perJob: {tokens: 100000}}',
				'',
			].join('\n'),
		);
		const config = loadConfig(file);
		expect(config.scheduler.perAgent).toEqual({claude: 2});
		expect(config.scheduler.quietHours.map((window) => [window.startMinute, window.endMinute])).toEqual([
			[1320, 420],
			[0, 1440],
		]);
		expect(config.scheduler.aging).toBe(600_000);
		expect(config.budget).toEqual({usd: 5, warnAt: 0.9, perJob: {tokens: 100_000}});
	});

	it('names the file, line and column of a bad quiet-hours window', () => {
		const file = write('scheduler:\n  quietHours: ["25:00-07:00"]\n');
		expect(() => loadConfig(file)).toThrow(/config\.yml:2:\d+.*hour 25/s);
	});
});
