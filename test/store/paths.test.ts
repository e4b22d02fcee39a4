import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {assertJobId, homePaths, isJobId} from '../../source/store/paths.js';

describe('homePaths', () => {
	test('lays out a job folder as DESIGN.md says', () => {
		const paths = homePaths('/tmp/x/.xsarena');
		const job = '/tmp/x/.xsarena/jobs/01JABCDEF';
		expect(paths).toMatchObject({
			root: '/tmp/x/.xsarena',
			jobsDir: '/tmp/x/.xsarena/jobs',
			configFile: '/tmp/x/.xsarena/config.yml',
			engineLock: '/tmp/x/.xsarena/engine.lock',
		});
		expect(paths.jobDir('01JABCDEF')).toBe(job);
		expect(paths.eventsFile('01JABCDEF')).toBe(`${job}/events.jsonl`);
		expect(paths.snapshotFile('01JABCDEF')).toBe(`${job}/job.json`);
		expect(paths.outputLog('01JABCDEF', 2)).toBe(`${job}/runs/2/output.log`);
		expect(paths.runYaml('01JABCDEF', 2)).toBe(`${job}/runs/2/run.yaml`);
		expect(paths.workspace('01JABCDEF')).toBe(`${job}/workspace`);
		expect(paths.artifacts('01JABCDEF')).toBe(`${job}/artifacts`);
	});

	test('resolves a relative root', () => {
		expect(homePaths('.xsarena').root).toBe(path.resolve('.xsarena'));
	});

	test.each(['', '..', '.', '../x', 'a/b', 'a\\b', 'a\0b', '/etc', 'x'.repeat(65), 'é', 'a b'])(
		'refuses the job id %j',
		(id) => {
			expect(isJobId(id)).toBe(false);
			expect(() => {
				assertJobId(id);
			}).toThrow(/invalid job id/);
			expect(() => homePaths('/r').eventsFile(id)).toThrow(/invalid job id/);
		},
	);

	test('accepts ULIDs and short names', () => {
		expect(isJobId('01JC8Z3V9QH2W4X6Y8Z0A1B2C3')).toBe(true);
		expect(isJobId('fix-login_2')).toBe(true);
	});

	test('refuses run numbers below 1', () => {
		expect(() => homePaths('/r').outputLog('J1', 0)).toThrow(/invalid run number/);
		expect(() => homePaths('/r').runDir('J1', 1.5)).toThrow(/invalid run number/);
	});
});
