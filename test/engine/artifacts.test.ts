import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {listArtifacts} from '../../source/engine/artifacts.js';
import {homePaths} from '../../source/store/paths.js';

function home() {
	return homePaths(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-artifacts-')));
}

function write(file: string, content = ''): void {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, content);
}

describe('listArtifacts', () => {
	it('lists files at any depth relative to the job folder, sorted, without empty folders', async () => {
		const paths = home();
		const root = paths.artifacts('J1');
		write(path.join(root, 'report.md'), '# done');
		write(path.join(root, 'charts', 'b.png'));
		write(path.join(root, 'charts', 'a.png'));
		write(path.join(root, 'a-b.txt'));
		fs.mkdirSync(path.join(root, 'empty'));
		fs.symlinkSync(path.join(root, 'charts'), path.join(root, 'link-to-charts'));
		// Files of the job outside artifacts/ are not artifacts.
		write(path.join(paths.workspace('J1'), 'scratch.txt'));
		expect(await listArtifacts(paths, 'J1')).toEqual([
			'artifacts/a-b.txt',
			'artifacts/charts/a.png',
			'artifacts/charts/b.png',
			'artifacts/link-to-charts',
			'artifacts/report.md',
		]);
	});

	it('returns [] when the job has no artifacts folder (or no folder at all)', async () => {
		const paths = home();
		expect(await listArtifacts(paths, 'J2')).toEqual([]);
		fs.mkdirSync(paths.jobDir('J2'), {recursive: true});
		expect(await listArtifacts(paths, 'J2')).toEqual([]);
	});

	it('returns at most max paths, the first in order', async () => {
		const paths = home();
		for (let index = 0; index < 30; index++) {
			write(path.join(paths.artifacts('J3'), `file-${String(index).padStart(2, '0')}.txt`));
		}

		expect(await listArtifacts(paths, 'J3', {max: 3})).toEqual([
			'artifacts/file-00.txt',
			'artifacts/file-01.txt',
			'artifacts/file-02.txt',
		]);
		expect(await listArtifacts(paths, 'J3')).toHaveLength(30);
	});

	it('refuses an invalid job id', async () => {
		await expect(listArtifacts(home(), '../etc')).rejects.toThrow(/invalid job id/);
	});
});
