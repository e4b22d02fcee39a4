import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
	agentEnv,
	agentTokenSource,
	agentTokenVariable,
	resolveAgentToken,
} from '../../source/config/agent-token.js';
import {configSchema, type AgentConfig} from '../../source/config/config.js';

const secret = 'sk-test-0123456789';

function agent(fields: Record<string, unknown>): AgentConfig {
	return configSchema.parse({agents: {a: {command: ['a'], ...fields}}}).agents['a']!;
}

function project(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-token-'));
}

function messageOf(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		return (error as Error).message;
	}

	throw new Error('expected an error');
}

describe('resolveAgentToken', () => {
	it('names the override variable after the agent, upper-cased with - as _', () => {
		expect(agentTokenVariable('claude')).toBe('XSARENA_AGENT_CLAUDE_TOKEN');
		expect(agentTokenVariable('my-agent')).toBe('XSARENA_AGENT_MY_AGENT_TOKEN');
	});

	it('gives nothing for an agent without a token source', () => {
		expect(resolveAgentToken('a', agent({}), {env: {}, projectDir: project()})).toBeUndefined();
		expect(agentEnv('a', agent({env: {X: '1'}}), {env: {}, projectDir: project()})).toEqual({
			env: {X: '1'},
			secrets: [],
		});
	});

	it('reads env:NAME, and refuses an unset variable without showing any secret', () => {
		const configured = agent({token: 'env:MY_KEY', tokenEnv: 'ANTHROPIC_API_KEY'});
		expect(resolveAgentToken('a', configured, {env: {MY_KEY: secret}, projectDir: project()})).toBe(secret);
		const message = messageOf(() => resolveAgentToken('a', configured, {env: {}, projectDir: project()}));
		expect(message).toBe('agent "a": its token source env:MY_KEY is not set');
	});

	it('reads file:PATH relative to the project and under ~, trimming the final newline', () => {
		const dir = project();
		fs.writeFileSync(path.join(dir, 'token.txt'), `${secret}\n`);
		const relative = agent({token: 'file:token.txt', tokenEnv: 'K'});
		expect(resolveAgentToken('a', relative, {env: {}, projectDir: dir})).toBe(secret);
		const home = project();
		fs.mkdirSync(path.join(home, '.tokens'));
		fs.writeFileSync(path.join(home, '.tokens', 'a'), `${secret}\r\n`);
		const inHome = agent({token: 'file:~/.tokens/a', tokenEnv: 'K'});
		expect(resolveAgentToken('a', inHome, {env: {HOME: home}, projectDir: dir})).toBe(secret);
	});

	it('refuses a missing or empty token file, naming the agent and the source', () => {
		const dir = project();
		const missing = agent({token: 'file:nope.txt', tokenEnv: 'K'});
		expect(messageOf(() => resolveAgentToken('a', missing, {env: {}, projectDir: dir}))).toMatch(
			/^agent "a": cannot read its token from file:nope\.txt: ENOENT/,
		);
		fs.writeFileSync(path.join(dir, 'empty'), '\n');
		const empty = agent({token: 'file:empty', tokenEnv: 'K'});
		expect(messageOf(() => resolveAgentToken('a', empty, {env: {}, projectDir: dir}))).toBe(
			'agent "a": its token file file:empty is empty',
		);
	});

	it('lets XSARENA_AGENT_<NAME>_TOKEN win over the configured source', () => {
		const configured = agent({token: 'env:UNSET', tokenEnv: 'K'});
		const env = {XSARENA_AGENT_A_TOKEN: secret};
		expect(resolveAgentToken('a', configured, {env, projectDir: project()})).toBe(secret);
		expect(agentTokenSource('a', configured, env)).toBe('XSARENA_AGENT_A_TOKEN');
		expect(agentTokenSource('a', configured, {})).toBe('env:UNSET');
	});
});

describe('agentEnv', () => {
	it('adds the token as tokenEnv beside agent.env and lists it as a secret', () => {
		const configured = agent({token: 'env:MY_KEY', tokenEnv: 'ANTHROPIC_API_KEY', env: {MODEL: 'x'}});
		expect(agentEnv('a', configured, {env: {MY_KEY: secret}, projectDir: project()})).toEqual({
			env: {MODEL: 'x', ANTHROPIC_API_KEY: secret},
			secrets: [secret],
		});
	});

	it('refuses an override token for an agent with no tokenEnv to pass it as', () => {
		const message = messageOf(() =>
			agentEnv('a', agent({}), {env: {XSARENA_AGENT_A_TOKEN: secret}, projectDir: project()}),
		);
		expect(message).toContain('XSARENA_AGENT_A_TOKEN is set but the agent has no tokenEnv');
		expect(message).not.toContain(secret);
	});
});
