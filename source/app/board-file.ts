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
	type AuthorRequest,
	type AuthorSpec,
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
	/** An author job: what to write (as `book`'s options); presets are resolved on import. */
	author: z
		.strictObject({
			subject: z.string().min(1),
			template: z.string().optional(),
			length: z.string().optional(),
			span: z.string().optional(),
			overlays: z.array(z.string()).optional(),
			files: z.array(z.string()).optional(),
			note: z.string().optional(),
			plan: z.boolean().optional(),
			out: z.string().optional(),
			transport: z.string().optional(),
			model: z.string().optional(),
		})
		.optional(),
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

/** Turns an author job's request into the spec it records (presets, knobs, default transport). */
export type AuthorResolver = (request: AuthorRequest) => AuthorSpec;

/**
 * Append every job of a board file to the store, in file order.
 *
 * @param resolveAuthor resolves `author:` jobs; a board with one and no resolver is refused.
 * @returns the ids given to the keys.
 * @throws Error for an author job without a resolver, or one the resolver refuses (unknown preset).
 */
export function importBoard(
	store: JobStore,
	board: BoardFile,
	by: string,
	resolveAuthor?: AuthorResolver,
): Map<string, string> {
	const ids = new Map<string, string>();
	const specs = board.jobs.map((job) => {
		if (job.author && !resolveAuthor) {
			throw new Error(`job "${job.key}" is an author job, which this import cannot resolve`);
		}

		return job.author && resolveAuthor!(job.author);
	});
	for (const [index, job] of board.jobs.entries()) {
		const id = newJobId();
		const author = specs[index];
		const drafts = decideCreate(store.getSnapshot().board, {
			title: job.title,
			description: job.description,
			kind: author ? 'author' : 'agent',
			author,
			status: job.status,
			priority: job.priority,
			complexity: job.complexity,
			agent: author ? (author.transport ?? 'scripted') : job.agent,
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
