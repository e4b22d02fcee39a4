import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {AgentReport, DoctorReport} from '../../source/commands/doctor.js';
import {configSchema} from '../../source/config/config.js';
import {closeStores, ok, setup} from './helpers.js';

const secret = 'sk-doctor-secret-42';
const nodeDir = path.dirname(process.execPath);

beforeEach(() => {
	process.env['XSARENA_DOCTOR_TEST_TOKEN'] = secret;
});

afterEach(async () => {
	delete process.env['XSARENA_DOCTOR_TEST_TOKEN'];
	await closeStores();
});

function doctorSetup() {
	const config = configSchema.parse({
		agents: {
			node: {
				command: ['node', '-e', '{command}'],
				env: {PATH: nodeDir},
				token: 'env:XSARENA_DOCTOR_TEST_TOKEN',
				tokenEnv: 'SOME_API_KEY',
			},
			ghost: {command: ['xsarena-no-such-program-7f3a', '{prompt}']},
			locked: {command: ['node'], env: {PATH: nodeDir}, token: 'env:XSARENA_DOCTOR_UNSET', tokenEnv: 'K'},
		},
	});
	return setup({config});
}

function agentOf(report: DoctorReport, name: string): AgentReport {
	return report.agents.find((agent) => agent.name === name)!;
}

describe('doctor', () => {
	it('reports programs, versions and tokens; unused missing agents are only warnings', async () => {
		const {cli} = doctorSetup();
		const outcome = await cli('doctor', '--json');
		expect(outcome.stdout).not.toContain(secret);
		const report = JSON.parse(ok(outcome)) as DoctorReport;
		expect(report.ok).toBe(true);
		expect(agentOf(report, 'node')).toMatchObject({
			mark: 'ok',
			binary: 'node',
			path: expect.stringContaining(nodeDir) as string,
			version: process.version,
			token: 'set',
			tokenDetail: 'set (from env:XSARENA_DOCTOR_TEST_TOKEN)',
		});
		expect(agentOf(report, 'ghost')).toMatchObject({mark: 'warn', path: null, version: null, neededBy: []});
		expect(agentOf(report, 'locked')).toMatchObject({mark: 'warn', token: 'missing'});
		expect(agentOf(report, 'locked').tokenDetail).toBe(
			'missing: its token source env:XSARENA_DOCTOR_UNSET is not set',
		);
		expect(agentOf(report, 'shell')).toMatchObject({mark: 'ok', binary: 'bash'});
		expect(report.machine[0]).toMatchObject({name: 'node-pty', mark: 'ok'});
		expect(report.machine.find((check) => check.name === 'terminal')?.detail).toBeDefined();
	});

	it('fails (exit 1) when an unfinished job needs a missing program, and not once it is done', async () => {
		const {cli} = doctorSetup();
		const id = ok(await cli('add', 'haunt', '--agent', 'ghost', '--prompt', 'boo'));
		const failing = await cli('doctor');
		expect(failing.exitCode).toBe(1);
		expect(failing.stdout).toMatch(/^✗ ghost +xsarena-no-such-program-7f3a \(not found\)/m);
		expect(failing.stdout).toContain(`needed by 1 unfinished job: ${id}`);
		expect(failing.stdout).toMatch(/^✓ node +\S+node/m);
		expect(failing.stdout).toMatch(/^✓ node-pty/m);
		ok(await cli('move', id, 'done'));
		const passing = await cli('doctor');
		expect(passing.exitCode).toBe(0);
		expect(passing.stdout).toMatch(/^! ghost/m);
	});

	it('fails when a token an unfinished job needs does not resolve', async () => {
		const {cli} = doctorSetup();
		ok(await cli('add', 'locked out', '--agent', 'locked', '--status', 'inbox'));
		const outcome = await cli('doctor', '--json');
		expect(outcome.exitCode).toBe(1);
		const report = JSON.parse(outcome.stdout) as DoctorReport;
		expect(report.ok).toBe(false);
		expect(agentOf(report, 'locked').mark).toBe('fail');
	});
});

describe('doctor: transports', () => {
	function transportSetup() {
		const config = configSchema.parse({
			transports: {
				router: {
					type: 'openai',
					baseURL: 'https://router.example/v1',
					model: 'm',
					token: 'env:XSARENA_DOCTOR_TEST_TOKEN',
				},
				locked: {
					type: 'openai',
					baseURL: 'https://locked.example/v1',
					model: 'm',
					token: 'env:XSARENA_DOCTOR_UNSET',
				},
			},
		});
		return setup({config});
	}

	const transportOf = (report: DoctorReport, name: string) =>
		report.machine.find((check) => check.name === `transport ${name}`)!;

	it('says where each transport points and whether its key reads, never printing it', async () => {
		const {cli} = transportSetup();
		const outcome = await cli('doctor', '--json');
		expect(outcome.stdout).not.toContain(secret);
		const report = JSON.parse(ok(outcome)) as DoctorReport;
		expect(transportOf(report, 'scripted')).toMatchObject({mark: 'ok'});
		expect(transportOf(report, 'router')).toMatchObject({
			mark: 'ok',
			detail: expect.stringContaining('key set (from env:XSARENA_DOCTOR_TEST_TOKEN)') as string,
		});
		expect(transportOf(report, 'locked').mark).toBe('warn');
	});

	it('fails when an unfinished author job uses a transport whose key does not read', async () => {
		const {cli} = transportSetup();
		ok(await cli('book', 'tides', '--transport', 'locked'));
		const outcome = await cli('doctor', '--json');
		expect(outcome.exitCode).toBe(1);
		expect(transportOf(JSON.parse(outcome.stdout) as DoctorReport, 'locked')).toMatchObject({
			mark: 'fail',
			detail: expect.stringContaining('used by 1 unfinished job') as string,
		});
	});
});
