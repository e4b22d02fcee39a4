/**
 * `board.yml`: a board written by hand (the bundled demo, or any board a person imports). Jobs name
 * each other by `key`; on import each gets a fresh ULID and `dependsOn` keys become `blockedBy` ids.
 */
import {z} from 'zod';
import {
	complexities,
	decideCreate,
	doneContracts,
	isolations,
	jobStatuses,
	loopSchema,
	priorities,
} from '../core/index.js';
import {durationSchema} from '../config/duration.js';
import {readYamlFile} from '../config/yaml-file.js';
import {newJobId, type JobStore} from '../store/job-store.js';

const jobSchema = z.strictObject({
	key: z.string().regex(/^[\w-]+$/),
	title: z.string().min(1),
	description: z.string().default(''),
	command: z.string().optional(),
	agent: z.string().default('shell'),
	prompt: z.string().optional(),
	priority: z.enum(priorities).default('medium'),
	complexity: z.enum(complexities).optional(),
	status: z.enum(jobStatuses).default('ready'),
	dependsOn: z.array(z.string()).default([]),
	accept: z.array(z.string()).default([]),
	/** Supervision; what a job leaves out comes from its agent's config. */
	isolation: z.enum(isolations).optional(),
	loop: loopSchema.optional(),
	/** Wall-clock limit of one run: ms or a duration string (`30m`). */
	timeout: durationSchema.optional(),
	/** Longest a run may go without output: ms or a duration string. */
	idleTimeout: durationSchema.optional(),
	doneContract: z.enum(doneContracts).optional(),
});

const boardSchema = z.strictObject({jobs: z.array(jobSchema).max(10_000)});

/** A parsed `board.yml`. */
export type BoardFile = z.infer<typeof boardSchema>;

/**
 * Read a board file.
 *
 * @throws {ConfigError} with `file:line:column` for bad YAML, bad fields, or a `dependsOn` naming a key
 * that is not defined earlier in the file.
 */
export function readBoardFile(file: string): BoardFile {
	const board = readYamlFile(file, boardSchema);
	const keys = new Set<string>();
	for (const job of board.jobs) {
		for (const key of job.dependsOn) {
			if (!keys.has(key)) {
				throw new Error(`${file}: job "${job.key}" depends on "${key}", which is not defined before it`);
			}
		}

		keys.add(job.key);
	}

	return board;
}

/**
 * Append every job of a board file to the store, in file order.
 *
 * @returns the ids given to the keys.
 */
export function importBoard(store: JobStore, board: BoardFile, by: string): Map<string, string> {
	const ids = new Map<string, string>();
	for (const job of board.jobs) {
		const id = newJobId();
		const drafts = decideCreate(store.getSnapshot().board, {
			title: job.title,
			description: job.description,
			kind: 'agent',
			status: job.status,
			priority: job.priority,
			complexity: job.complexity,
			agent: job.agent,
			command: job.command,
			prompt: job.prompt,
			blockedBy: job.dependsOn.map((key) => ids.get(key)!),
			acceptance: job.accept,
			isolation: job.isolation,
			loop: job.loop,
			timeoutMs: job.timeout,
			idleTimeoutMs: job.idleTimeout,
			doneContract: job.doneContract,
		});
		store.append(id, drafts, by);
		ids.set(job.key, id);
	}

	return ids;
}
