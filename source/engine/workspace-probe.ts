/**
 * Did an iteration change anything? The Ralph loop restarts an agent until it writes an acceptable
 * `DONE` file; an agent that keeps running without touching its workspace is stuck, and after
 * `maxStalls` such iterations the job is blocked as `stalled` instead of burning more runs.
 *
 * A probe is a fingerprint of file names, sizes and modification times, not contents: reading every
 * file of a large project twice per iteration would cost seconds, while one `lstat` per file costs
 * tens of milliseconds for thousands of files, and an edit that keeps both size and mtime is rare.
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A folder's fingerprint. Compare two with {@link workspaceChanged}. */
export type WorkspaceProbe = {
	/** Files fingerprinted. */
	readonly files: number;
	/** sha1 (hex) of the sorted `path size mtimeMs` entries. */
	readonly digest: string;
	/** The walk stopped at `maxFiles` entries, so changes past that point are not seen. */
	readonly truncated: boolean;
};

/** Options of {@link probeWorkspace}. */
export type ProbeOptions = {
	/** Entries (files and folders) visited at most; default 20 000. */
	readonly maxFiles?: number;
	/**
	 * More names to skip, besides `.git`, `node_modules` and `.xsarena`: a bare name (`dist`) is skipped
	 * at any depth, a path with `/` (`build/cache`) only relative to the folder probed.
	 */
	readonly ignore?: readonly string[];
};

/** Skipped at any depth: version-control data, installed packages, and our own logs and worktrees. */
const skippedNames = ['.git', 'node_modules', '.xsarena'];

/**
 * File-system calls between two yields to the event loop. The walk uses synchronous calls in slices:
 * measured here (2 busy cores, 20 000 files) ~90–150 ms for the calls with ≤ ~7 ms per slice, against
 * 200–360 ms for batches of 64 async `lstat`s (each a round trip through libuv's thread pool).
 */
const callsPerSlice = 256;

/**
 * Fingerprint the files under `dir` (relative path, size in bytes, mtime in ms), walking at most
 * `maxFiles` entries and skipping symlinks and the ignored names. A missing `dir` is an empty folder
 * (the run may create it); an unreadable sub-folder is noted as such and not entered. The event loop
 * is never blocked for more than a slice of {@link callsPerSlice} calls.
 *
 * @throws Error from the file system when `dir` itself cannot be read (other than missing).
 */
export async function probeWorkspace(dir: string, options: ProbeOptions = {}): Promise<WorkspaceProbe> {
	const maxFiles = options.maxFiles ?? 20_000;
	const ignore = options.ignore ?? [];
	const ignoredNames = new Set([...skippedNames, ...ignore.filter((name) => !name.includes('/'))]);
	const ignoredPaths = new Set(ignore.filter((name) => name.includes('/')));
	const entries: string[] = [];
	let visited = 0;
	let unreadable = 0;
	let calls = 0;
	const slice = async () => {
		if (++calls % callsPerSlice === 0) {
			await new Promise((resolve) => {
				setImmediate(resolve);
			});
		}
	};

	// Depth-first in name order, so that a truncated walk always covers the same part of the tree.
	const pending: string[] = [''];
	while (pending.length > 0) {
		const relative = pending.pop()!;
		let children: fs.Dirent[];
		try {
			children = fs.readdirSync(path.join(dir, relative), {withFileTypes: true});
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			if (relative === '' && code !== 'ENOENT') {
				throw error;
			}

			if (relative !== '' && code !== 'ENOENT') {
				// In the digest, so that a folder becoming readable (or not) counts as a change.
				unreadable++;
				entries.push(`${relative}/\0${code ?? 'unreadable'}`);
			}

			continue;
		}

		await slice();
		children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const folders: string[] = [];
		for (const child of children) {
			const childPath = relative === '' ? child.name : `${relative}/${child.name}`;
			if (child.isSymbolicLink() || ignoredNames.has(child.name) || ignoredPaths.has(childPath)) {
				continue;
			}

			if (++visited > maxFiles) {
				return digest(entries, unreadable, true);
			}

			if (child.isDirectory()) {
				folders.push(childPath);
			} else if (child.isFile()) {
				// Deleted since readdir: left out, as if the walk had come a moment later.
				const stat = fs.lstatSync(path.join(dir, childPath), {throwIfNoEntry: false});
				if (stat) {
					entries.push(`${childPath}\0${stat.size}\0${stat.mtimeMs}`);
				}

				await slice();
			}
		}

		// Reversed so that pop() takes them in name order.
		pending.push(...folders.reverse());
	}

	return digest(entries, unreadable, false);
}

function digest(entries: string[], unreadable: number, truncated: boolean): WorkspaceProbe {
	entries.sort();
	const hash = createHash('sha1');
	for (const entry of entries) {
		hash.update(entry).update('\n');
	}

	return {files: entries.length - unreadable, digest: hash.digest('hex'), truncated};
}

/**
 * Whether anything changed between two probes of one folder. A truncated probe counts as changed:
 * it cannot see past its limit, and wrongly blocking a working agent as stalled costs more than
 * letting a stuck one use its remaining restarts.
 */
export function workspaceChanged(before: WorkspaceProbe, after: WorkspaceProbe): boolean {
	return (
		before.truncated || after.truncated || before.files !== after.files || before.digest !== after.digest
	);
}
