/**
 * What a job produced: the files its runs left in `.xsarena/jobs/<id>/artifacts/`, for the job's
 * detail view and the closing note.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type {HomePaths} from '../store/paths.js';

/** Options of {@link listArtifacts}. */
export type ListArtifactsOptions = {
	/** Paths returned at most; default 1000. */
	readonly max?: number;
};

/**
 * Entries visited at most, whatever `max` is: an agent that writes a million files into its artifacts
 * folder must not stall the engine that lists them.
 */
const walkLimit = 100_000;

/**
 * The files under a job's artifacts folder, as `/`-separated paths relative to the job's folder
 * (`artifacts/report.md`, `artifacts/charts/a.png`), sorted by code unit, at most `max`. Symlinks are
 * listed but not followed; empty folders are not listed. `[]` when the folder is missing.
 *
 * @throws Error when `jobId` is invalid (from `paths`), or when the artifacts folder exists but cannot
 * be read; unreadable sub-folders are skipped.
 */
export async function listArtifacts(
	paths: HomePaths,
	jobId: string,
	options: ListArtifactsOptions = {},
): Promise<string[]> {
	const max = Math.max(0, options.max ?? 1000);
	const root = paths.artifacts(jobId);
	const prefix = path.basename(root);
	const found: string[] = [];
	const pending: string[] = [''];
	let visited = 0;
	while (pending.length > 0 && visited < walkLimit) {
		const relative = pending.pop()!;
		let children;
		try {
			children = await fs.readdir(path.join(root, relative), {withFileTypes: true});
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			if (relative === '' && code !== 'ENOENT' && code !== 'ENOTDIR') {
				throw error;
			}

			continue;
		}

		for (const child of children) {
			if (++visited > walkLimit) {
				break;
			}

			const childPath = `${relative}/${child.name}`;
			if (child.isDirectory()) {
				pending.push(childPath);
			} else {
				found.push(`${prefix}${childPath}`);
			}
		}
	}

	// Sorted as whole paths, not folder by folder: `a-b.md` comes before `a/x.md` (`-` < `/`).
	found.sort();
	return found.slice(0, max);
}
