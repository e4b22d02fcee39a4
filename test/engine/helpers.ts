/**
 * The engine tests' board: a temporary `.xsarena/`, a store, an engine on it (closed after the test),
 * and ways to add jobs and read them back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {configSchema} from '../../source/config/config.js';
import {decideCreate, requireJob, type CreateRequest, type Job} from '../../source/core/index.js';
import {Engine, type EngineOptions} from '../../source/engine/engine.js';
import {homePaths} from '../../source/store/paths.js';
import {JobStore, newJobId, type JobStoreOptions} from '../../source/store/job-store.js';
import {createRequest} from '../core/given.js';

/** Cleanups of the boards made by {@link engineBoard}, newest first; run them in `afterEach`. */
export const cleanups: Array<() => Promise<void>> = [];

/** Run and forget every cleanup (for `afterEach`). */
export async function cleanUp(): Promise<void> {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
}

/** A fresh `.xsarena/` folder in a temporary project folder. */
export function temporaryHome(prefix = 'xsarena-engine-'): string {
	return path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), '.xsarena');
}

/** Append a new job (the core tests' plain defaults, `fields` over them) to `store`; returns its id. */
export function addJob(store: JobStore, fields: Partial<CreateRequest> = {}): string {
	const id = newJobId();
	store.append(id, decideCreate(store.getSnapshot().board, createRequest(fields)), 'test');
	return id;
}

/** What {@link engineBoard} sets up. */
export type BoardOptions = {
	/** `config.yml` settings (parsed with the real schema). */
	readonly config?: Record<string, unknown>;
	/** An existing home (a second engine on the same board). */
	readonly home?: string;
	readonly store?: JobStoreOptions;
	/** More engine options (grace defaults to 300 ms). */
	readonly engine?: Partial<EngineOptions>;
};

/** A store and an engine on a temporary (or given) home, closed after the test. */
export function engineBoard(options: BoardOptions = {}) {
	const home = options.home ?? temporaryHome();
	const store = JobStore.open(home, {watch: true, pollMs: 100, ...options.store});
	const engine = new Engine({
		store,
		config: configSchema.parse(options.config ?? {}),
		paths: homePaths(home),
		projectDir: path.dirname(home),
		graceMs: 300,
		...options.engine,
	});
	cleanups.push(
		async () => store.close(),
		async () => engine.stop(),
	);
	return {
		home,
		store,
		engine,
		add: (fields: Partial<CreateRequest> = {}) => addJob(store, fields),
		job: (id: string): Job => requireJob(store.getSnapshot().board, id),
		events: (id: string) => store.readEvents(id).map((event) => event.type),
	};
}
