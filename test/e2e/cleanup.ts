/** What an end-to-end test started and made, ended and removed after each test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {PtyApp} from './pty-app.js';

/**
 * Register an `afterEach` that kills the apps pushed to `apps` and removes the folders `tempDir`
 * made (named `<prefix>…` under the system's temporary folder).
 */
export function e2eCleanup(prefix: string): {apps: PtyApp[]; tempDir: () => string} {
	const apps: PtyApp[] = [];
	const dirs: string[] = [];
	afterEach(() => {
		for (const app of apps.splice(0)) {
			app.kill();
		}

		for (const dir of dirs.splice(0)) {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});
	return {
		apps,
		tempDir() {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
			dirs.push(dir);
			return dir;
		},
	};
}
