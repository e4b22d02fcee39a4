/**
 * Shared test helpers for the store: real temporary folders, bounded waits, and event builders.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {draft, type Draft} from '../../source/core/decide.js';
import {makeEvent, type JobEvent} from '../../source/core/events.js';
import {waitFor as sharedWaitFor} from '../helpers/wait-for.js';

/** A fresh empty folder under the system temp folder; removed by {@link removeTemporary}. */
export function makeTemporary(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-store-'));
}

/** Remove a folder made by {@link makeTemporary}. */
export function removeTemporary(folder: string): void {
	fs.rmSync(folder, {recursive: true, force: true});
}

/** The shared bounded wait (`test/helpers/wait-for.ts`), for boolean predicates, checking every 5 ms. */
export async function waitFor(predicate: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
	await sharedWaitFor(predicate, timeoutMs, () => `waiting for ${what}`, 5);
}

/** Wait `ms` milliseconds: only to shape input timing (e.g. two appends 20 ms apart), never as a check. */
export async function pause(ms: number): Promise<void> {
	await new Promise((resolve) => {
		setTimeout(resolve, ms);
	});
}

/** The draft that creates a job titled `title`. */
export function createDraft(title: string, blockedBy: string[] = []): Draft {
	return draft('job.created', {
		title,
		description: '',
		kind: 'agent',
		status: 'ready',
		priority: 'medium',
		agent: 'shell',
		command: 'true',
		blockedBy,
		acceptance: [],
	});
}

/** A message draft: cheap to make in bulk, and countable through `job.messages`. */
export function messageDraft(text: string): Draft {
	return draft('job.message', {from: 'test', text});
}

let counter = 0;

/** A stamped `job.message` event of `jobId`, with a unique id. */
export function messageEvent(jobId: string, text: string): JobEvent {
	counter++;
	const id = `TEST${String(counter).padStart(8, '0')}`;
	return makeEvent(
		'job.message',
		jobId,
		{from: 'test', text},
		{id, at: new Date().toISOString(), by: 'test'},
	);
}

/** One event as the JSON line a writer puts in a log (with its `\n`). */
export function line(event: unknown): string {
	return `${JSON.stringify(event)}\n`;
}

/**
 * Run `node -e script` with `args`, resolving with its exit code and stderr. The script runs as
 * CommonJS, so it needs nothing from this repository: it is "another process" in the plainest sense.
 */
export async function runNode(
	script: string,
	args: string[],
	nodeOptions: string[] = [],
): Promise<{code: number | null; stderr: string}> {
	const child = spawn(process.execPath, [...nodeOptions, '-e', script, '--', ...args], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code) => {
			resolve({code, stderr});
		});
	});
}

/**
 * A CommonJS script for {@link runNode}: appends `count` `job.message` events for `jobId` to `file`,
 * each one `writeSync` of one whole line on an `'a'` descriptor, pausing `gapMs` every 10 lines.
 * Arguments: file, jobId, count, tag, gapMs.
 */
export const appenderScript = `
const fs = require('node:fs');
const [file, jobId, count, tag, gapMs] = process.argv.slice(1);
const fd = fs.openSync(file, 'a');
let i = 0;
function batch() {
	for (let k = 0; k < 10 && i < Number(count); k++, i++) {
		const event = {id: tag + '-' + i, v: 1, type: 'job.message', jobId, at: new Date().toISOString(), by: tag, data: {from: tag, text: 'line ' + i}};
		fs.writeSync(fd, JSON.stringify(event) + '\\n');
	}
	if (i < Number(count)) {
		if (Number(gapMs) > 0) setTimeout(batch, Number(gapMs)); else batch();
	} else {
		fs.closeSync(fd);
	}
}
batch();
`;

const bundles = new Map<string, Promise<string>>();
const bundleFolders: string[] = [];

/** Remove every bundle made by {@link bundleFixture} in this test process (call from `afterAll`). */
export function removeBundles(): void {
	for (const folder of bundleFolders.splice(0)) {
		fs.rmSync(folder, {recursive: true, force: true});
	}

	bundles.clear();
}

/**
 * `test/store/fixtures/<name>.ts` bundled (with its imports from `source/` and `node_modules`) into
 * one plain ESM file under the temp folder, once per test process: it starts in ~0.1 s with plain
 * `node`, where `node --import tsx` takes ~0.4 s, which matters for tests that start hundreds of
 * processes. esbuild is what tsx itself runs on.
 *
 * @returns the absolute path of the bundle (removed by {@link removeBundles}).
 */
export async function bundleFixture(name: string): Promise<string> {
	let bundle = bundles.get(name);
	if (!bundle) {
		bundle = (async () => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-fixture-'));
			bundleFolders.push(folder);
			const outfile = path.join(folder, `${name}.mjs`);
			await build({
				entryPoints: [fileURLToPath(new URL(`fixtures/${name}.ts`, import.meta.url))],
				outfile,
				bundle: true,
				platform: 'node',
				format: 'esm',
				target: 'node20',
				// CommonJS dependencies (proper-lockfile) require Node's built-in modules.
				banner: {
					js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);",
				},
				logLevel: 'error',
			});
			return outfile;
		})();
		bundles.set(name, bundle);
	}

	return bundle;
}
