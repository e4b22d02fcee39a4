/**
 * The tasks format (`tasks.yml`, taskmaster style): a list of tasks that name each other by their own
 * `id` and list the ids they wait for in `dependencies`.
 *
 * ```yaml
 * - id: 1
 *   title: Set up the repo
 *   status: done
 * - id: 2
 *   title: Write the parser
 *   priority: high
 *   dependencies: [1]
 *   command: make parser
 *   cost: {tokens: 1200, usd: 0.04}
 * ```
 *
 * The list may also sit under a top-level `tasks:` key (taskmaster's `tasks.json`). Fields other than
 * those below (taskmaster's `testStrategy`, `subtasks`, …) are ignored; `details` is appended to the
 * description.
 */
import {z} from 'zod';
import type {JobStatus, Priority} from '../core/index.js';
import type {ImportSource} from './import-source.js';
import {validateSource} from './import-source.js';
import type {PlannedJob} from './import-plan.js';

/** Task statuses (lower case, `-` and `_` alike) → board columns. A run is never in flight on import. */
export const taskStatuses: Readonly<Record<string, JobStatus>> = {
	pending: 'ready',
	todo: 'ready',
	ready: 'ready',
	in_progress: 'ready',
	active: 'ready',
	in_flight: 'ready',
	done: 'done',
	completed: 'done',
	blocked: 'blocked',
	cancelled: 'blocked',
	canceled: 'blocked',
	review: 'review',
	deferred: 'inbox',
	backlog: 'inbox',
	inbox: 'inbox',
	planning: 'planning',
};

/** Task priorities (lower case) → job priorities. */
export const taskPriorities: Readonly<Record<string, Priority>> = {
	low: 'low',
	medium: 'medium',
	high: 'high',
	urgent: 'urgent',
	critical: 'urgent',
};

function mapped<T>(table: Readonly<Record<string, T>>, what: string) {
	return z.string().transform((value, context) => {
		const key = value.trim().toLowerCase().replaceAll('-', '_');
		if (Object.hasOwn(table, key)) {
			return table[key]!;
		}

		context.issues.push({
			code: 'custom',
			input: value,
			message: `unknown ${what} "${value}" (one of: ${Object.keys(table).join(', ')})`,
		});
		return z.NEVER;
	});
}

const taskId = z.union([z.string().trim().min(1).max(200), z.number()]).transform(String);

const costSchema = z.union([
	z
		.number()
		.nonnegative()
		.transform((usd) => ({tokens: 0, usd})),
	z
		.strictObject({
			tokens: z.number().int().nonnegative().default(0),
			usd: z.number().nonnegative().default(0),
		})
		.transform(({tokens, usd}) => ({tokens, usd})),
]);

const taskSchema = z.object({
	id: taskId,
	title: z.string().trim().min(1).max(500),
	description: z.string().default(''),
	details: z.string().optional(),
	priority: mapped(taskPriorities, 'priority').default('medium'),
	status: mapped(taskStatuses, 'status').default('ready'),
	dependencies: z.array(taskId).max(1000).default([]),
	command: z.string().min(1).optional(),
	prompt: z.string().min(1).optional(),
	agent: z.string().min(1).optional(),
	/** Spent already: `{tokens, usd}`, or a number of dollars. */
	cost: costSchema.optional(),
});

const tasksSchema = z.array(z.unknown()).max(10_000);

/** True when a parsed file looks like the tasks format: a list, or a mapping with a `tasks` list. */
export function isTasksDocument(value: unknown): boolean {
	return (
		Array.isArray(value) ||
		(typeof value === 'object' && value !== null && Array.isArray((value as {tasks?: unknown}).tasks))
	);
}

/**
 * Read the tasks of a parsed tasks file.
 *
 * @returns one planned job per task, in file order; the agent is `shell` unless the task names one.
 * @throws {ConfigError} `file:line:column: path: message` for a field that is missing or wrong (an
 * unknown status or priority, a bad cost). Ids, dependencies and cycles are checked by `prepareImport`.
 */
export function readTasks(source: ImportSource): PlannedJob[] {
	const base = Array.isArray(source.value) ? [] : ['tasks'];
	const list = validateSource(
		source,
		tasksSchema,
		Array.isArray(source.value) ? source.value : (source.value as {tasks: unknown}).tasks,
		base,
	);
	return list.map((item, index) => {
		const path = [...base, index];
		const task = validateSource(source, taskSchema, item, path);
		const description = [task.description, task.details ?? ''].filter(Boolean).join('\n\n');
		return {
			key: task.id,
			where: source.at(path),
			// A task with a command means the shell, whatever `--agent` says.
			named: task.agent !== undefined || task.command !== undefined,
			request: {
				title: task.title,
				description,
				kind: 'agent',
				status: task.status,
				priority: task.priority,
				agent: task.agent ?? 'shell',
				command: task.command,
				prompt: task.prompt,
				acceptance: [],
			},
			dependsOn: task.dependencies.map((key, position) => ({
				key,
				where: source.at([...path, 'dependencies', position]),
			})),
			cost: task.cost,
		};
	});
}
