import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {
	costOf,
	defaultTransportName,
	resolveTransportToken,
	transportEntries,
	transportsSchema,
	type TransportsConfig,
} from '../../source/config/transports.js';
import {createTransports, type Transports} from '../../source/llm/transports.js';
import {startOpenAiServer, type OpenAiTestServer} from '../helpers/openai-server.js';

const example = {
	default: 'openrouter',
	openrouter: {
		type: 'openai',
		baseURL: 'https://openrouter.ai/api/v1',
		model: 'anthropic/claude-sonnet-4',
		token: 'env:OPENROUTER_API_KEY',
		timeout: '120s',
		maxRetries: 4,
		breaker: {failures: 5, reset: '30s'},
		price: {inputPerMTok: 3, outputPerMTok: 15},
	},
	scripted: {type: 'scripted', charsPerSecond: 1500},
};

function issues(input: unknown): string[] {
	const result = transportsSchema.safeParse(input);
	return result.success
		? []
		: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('transports config', () => {
	test('absent, it gives just scripted, which is the default', () => {
		const config = transportsSchema.parse(undefined);
		expect(Object.keys(config).sort()).toEqual(['default', 'scripted']);
		expect(config['scripted']).toEqual({
			name: 'scripted',
			type: 'scripted',
			charsPerSecond: 2000,
			seed: 'xsarena',
			shortEvery: 4,
			repeatEvery: 7,
			breaker: {failures: 5, resetMs: 30_000},
		});
		expect(config['default']).toBe(config['scripted']);
		expect(defaultTransportName(config)).toBe('scripted');
		expect(transportsSchema.parse({})).toEqual(config);
	});

	test('the documented example parses, durations in ms and defaults filled', () => {
		const config = transportsSchema.parse(example);
		expect(config['openrouter']).toEqual({
			name: 'openrouter',
			type: 'openai',
			baseURL: 'https://openrouter.ai/api/v1',
			model: 'anthropic/claude-sonnet-4',
			token: 'env:OPENROUTER_API_KEY',
			timeoutMs: 120_000,
			maxRetries: 4,
			maxRetryAfterMs: 60_000,
			streamUsage: true,
			headers: {},
			breaker: {failures: 5, resetMs: 30_000},
			price: {inputPerMTok: 3, outputPerMTok: 15},
		});
		expect(config['scripted']).toMatchObject({charsPerSecond: 1500, breaker: {failures: 5, resetMs: 30_000}});
		expect(defaultTransportName(config)).toBe('openrouter');
		expect(config['default']?.name).toBe('openrouter');
		expect(transportEntries(config).map((entry) => entry.name)).toEqual(['scripted', 'openrouter']);
	});

	test('refuses an unknown type, a default naming nothing, scripted as another type, bad values', () => {
		expect(issues({local: {type: 'anthropic', model: 'x'}})).toEqual([
			expect.stringMatching(/^local\.type: Invalid discriminator/),
		]);
		expect(issues({default: 'nowhere'})).toEqual(['default: no transport is named "nowhere"']);
		expect(issues({scripted: {...example.openrouter}})).toEqual([
			'scripted.type: the name scripted is kept for the offline transport (type: scripted)',
		]);
		expect(issues({local: {type: 'openai', baseURL: 'ftp://example.com', model: 'm'}})).toEqual([
			'local.baseURL: an http:// or https:// URL',
		]);
		expect(issues({local: {type: 'openai', baseURL: 'http://x/v1', model: 'm', token: 'sk-1234'}})).toEqual([
			'local.token: a token source is env:NAME or file:PATH',
		]);
		expect(
			issues({local: {type: 'openai', baseURL: 'http://x/v1', model: 'm', timeout: 'soon'}}),
		).toHaveLength(1);
		expect(issues({local: {type: 'scripted', extra: 1}})).toHaveLength(1);
		expect(issues({'bad name': {type: 'scripted'}})).toEqual([
			'bad name: transport names are letters, digits, - and _',
		]);
	});

	test('costOf: USD per million tokens', () => {
		expect(
			costOf({promptTokens: 1_000_000, completionTokens: 200_000}, {inputPerMTok: 3, outputPerMTok: 15}),
		).toBe(6);
		expect(costOf({promptTokens: 0, completionTokens: 0}, {inputPerMTok: 3, outputPerMTok: 15})).toBe(0);
	});
});

describe('resolveTransportToken', () => {
	let folder: string | undefined;
	afterEach(() => {
		if (folder) {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	});

	test('reads env: and file: sources, and names the source (never the secret) when it cannot', () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-token-'));
		fs.writeFileSync(path.join(folder, 'key'), 'sk-from-file\n');
		const options = {env: {KEY: 'sk-from-env', EMPTY: ''}, projectDir: folder};

		expect(resolveTransportToken('env:KEY', options, 'openrouter')).toBe('sk-from-env');
		expect(resolveTransportToken('file:key', options, 'openrouter')).toBe('sk-from-file');
		expect(() => resolveTransportToken('env:EMPTY', options, 'openrouter')).toThrow(
			'transport "openrouter": its token source env:EMPTY is not set',
		);
		expect(() => resolveTransportToken('file:missing', options, 'openrouter')).toThrow(/ENOENT/);
		expect(() => resolveTransportToken('sk-pasted-secret', options, 'openrouter')).toThrow(
			/^transport "openrouter": a token source is env:NAME or file:PATH$/,
		);
	});
});

describe('createTransports', () => {
	let server: OpenAiTestServer | undefined;
	let transports: Transports | undefined;
	afterEach(async () => {
		transports?.shutdown();
		await server?.close();
	});

	test('one breaker-wrapped instance per name; scripted always; unknown names refused', async () => {
		transports = createTransports(transportsSchema.parse({scripted: {type: 'scripted', charsPerSecond: 0}}), {
			env: {},
			projectDir: '.',
		});
		const scripted = transports.get('scripted');

		expect(transports.default).toBe('scripted');
		expect(transports.names).toEqual(['scripted']);
		expect(transports.get('scripted')).toBe(scripted);
		expect(transports.get('default')).toBe(scripted);
		expect(scripted.state).toBe('closed');
		expect(() => transports?.get('openrouter')).toThrow(
			'no transport is named "openrouter" (configured: scripted)',
		);
		const {text} = await scripted.complete({messages: [{role: 'user', content: 'Subject: owls'}]});
		expect(text).toContain('owls');
	});

	test('an openai transport gets its key from the environment', async () => {
		server = await startOpenAiServer();
		const config: TransportsConfig = transportsSchema.parse({
			default: 'local',
			local: {
				type: 'openai',
				baseURL: server.baseURL,
				model: 'local-model',
				token: 'env:LOCAL_KEY',
				maxRetries: 0,
			},
		});
		transports = createTransports(config, {env: {LOCAL_KEY: 'sk-local'}, projectDir: '.'});
		const completion = await transports
			.get(transports.default)
			.complete({messages: [{role: 'user', content: 'Hi'}]});

		expect(completion.text).toBe('Hello from the test server.');
		expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-local');
		expect(server.requests[0]?.body.model).toBe('local-model');
	});

	test('a token that cannot be read fails on first use of that transport only', () => {
		const config = transportsSchema.parse({
			remote: {type: 'openai', baseURL: 'http://127.0.0.1:9/v1', model: 'm', token: 'env:MISSING_KEY'},
		});
		transports = createTransports(config, {env: {}, projectDir: '.'});
		expect(transports.get('scripted').name).toBe('scripted');
		expect(() => transports?.get('remote')).toThrow(
			'transport "remote": its token source env:MISSING_KEY is not set',
		);
	});
});
