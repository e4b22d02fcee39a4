import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {probeWorkspace, workspaceChanged} from '../../source/engine/workspace-probe.js';

/** A folder with a few files, a sub-folder, and the folders a probe must not look into. */
function workspace(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-probe-'));
	fs.mkdirSync(path.join(dir, 'src', 'lib'), {recursive: true});
	fs.writeFileSync(path.join(dir, 'README.md'), '# hi\n');
	fs.writeFileSync(path.join(dir, 'src', 'main.ts'), 'export {};\n');
	fs.writeFileSync(path.join(dir, 'src', 'lib', 'util.ts'), 'export const a = 1;\n');
	for (const skipped of ['.git', 'node_modules/pkg', '.xsarena/jobs', 'src/node_modules']) {
		fs.mkdirSync(path.join(dir, skipped), {recursive: true});
		fs.writeFileSync(path.join(dir, skipped, 'file'), 'x');
	}

	return dir;
}

async function changedBy(dir: string, change: () => void): Promise<boolean> {
	const before = await probeWorkspace(dir);
	change();
	return workspaceChanged(before, await probeWorkspace(dir));
}

describe('probeWorkspace', () => {
	it('gives the same probe for an unchanged folder, counting only the files that matter', async () => {
		const dir = workspace();
		const first = await probeWorkspace(dir);
		const second = await probeWorkspace(dir);
		expect(first).toEqual(second);
		expect(first).toMatchObject({files: 3, truncated: false});
		expect(first.digest).toMatch(/^[\da-f]{40}$/);
		expect(workspaceChanged(first, second)).toBe(false);
	});

	it('sees a touched file (mtime only), an added, a removed and a resized file', async () => {
		const dir = workspace();
		const main = path.join(dir, 'src', 'main.ts');
		expect(
			await changedBy(dir, () => {
				const later = new Date(fs.statSync(main).mtimeMs + 5000);
				fs.utimesSync(main, later, later);
			}),
		).toBe(true);
		expect(await changedBy(dir, () => fs.writeFileSync(path.join(dir, 'src', 'lib', 'new.ts'), ''))).toBe(
			true,
		);
		expect(await changedBy(dir, () => fs.rmSync(path.join(dir, 'README.md')))).toBe(true);
		expect(
			await changedBy(dir, () => {
				// Same mtime, other size: only the size can tell.
				const {atime, mtime} = fs.statSync(main);
				fs.writeFileSync(main, 'export {}; // longer\n');
				fs.utimesSync(main, atime, mtime);
			}),
		).toBe(true);
		expect(await changedBy(dir, () => fs.renameSync(main, path.join(dir, 'src', 'moved.ts')))).toBe(true);
	});

	it('ignores .git, node_modules (at any depth), .xsarena, symlinks and the extra ignored names', async () => {
		const dir = workspace();
		fs.mkdirSync(path.join(dir, 'dist'));
		fs.mkdirSync(path.join(dir, 'build', 'cache'), {recursive: true});
		const ignore = ['dist', 'build/cache'];
		const before = await probeWorkspace(dir, {ignore});
		fs.writeFileSync(path.join(dir, '.git', 'index'), 'changed');
		fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'file'), 'changed and longer');
		fs.writeFileSync(path.join(dir, 'src', 'node_modules', 'other'), '');
		fs.writeFileSync(path.join(dir, '.xsarena', 'jobs', 'events.jsonl'), '{}\n');
		fs.writeFileSync(path.join(dir, 'dist', 'bundle.js'), '');
		fs.writeFileSync(path.join(dir, 'build', 'cache', 'blob'), '');
		fs.symlinkSync(path.join(dir, 'README.md'), path.join(dir, 'link.md'));
		const after = await probeWorkspace(dir, {ignore});
		expect(workspaceChanged(before, after)).toBe(false);
		fs.writeFileSync(path.join(dir, 'build', 'kept'), '');
		expect(workspaceChanged(before, await probeWorkspace(dir, {ignore}))).toBe(true);
	});

	it('stops at maxFiles and then always counts as changed', async () => {
		const dir = workspace();
		const probe = await probeWorkspace(dir, {maxFiles: 2});
		expect(probe.truncated).toBe(true);
		expect(probe.files).toBeLessThanOrEqual(2);
		expect(await probeWorkspace(dir, {maxFiles: 2})).toEqual(probe);
		expect(workspaceChanged(probe, probe)).toBe(true);
	});

	it('treats a missing folder as empty, so creating it is a change', async () => {
		const dir = path.join(workspace(), 'not-yet');
		const before = await probeWorkspace(dir);
		expect(before).toMatchObject({files: 0, truncated: false});
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'DONE'), '');
		expect(workspaceChanged(before, await probeWorkspace(dir))).toBe(true);
	});

	it('is cheap enough to take around every run: 5 000 files', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-probe-big-'));
		for (let folder = 0; folder < 50; folder++) {
			fs.mkdirSync(path.join(dir, `d${folder}`));
			for (let file = 0; file < 100; file++) {
				fs.writeFileSync(path.join(dir, `d${folder}`, `f${file}.txt`), 'x');
			}
		}

		const started = performance.now();
		const probe = await probeWorkspace(dir);
		const elapsed = performance.now() - started;
		console.log(`probeWorkspace: ${probe.files} files in ${elapsed.toFixed(1)} ms`);
		expect(probe.files).toBe(5000);
		expect(elapsed).toBeLessThan(5000);
	});
});
