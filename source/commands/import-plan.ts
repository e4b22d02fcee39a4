/**
 * Turning jobs read from a file (a tasks list or a Markdown checklist) into events, all checked before
 * the first one is written: duplicate ids, unknown dependencies, cycles, unknown agents and every
 * event's schema. A file with any of these imports nothing.
 */
import type {Config} from '../config/config.js';
import {ConfigError} from '../config/yaml-file.js';
import {
	decideCreate,
	draft,
	fillTemplate,
	foldEvents,
	makeEvent,
	type Board,
	type CreateRequest,
	type Draft,
	type JobStatus,
} from '../core/index.js';
import {newJobId, type JobStore} from '../store/job-store.js';
import {serialiseEvent} from '../store/parse-line.js';

/** A dependency as the file names it. */
export type PlannedDependency = {
	/** The file's own id of the job depended on. */
	readonly key: string;
	/** Where the file names it (`file:line:column`). */
	readonly where: string;
};

/** One job to create, as read from a file. */
export type PlannedJob = {
	/** The file's own id for the job (a task id; `line 12` for a checklist item). */
	readonly key: string;
	/** Where the job is defined (`file:line:column`). */
	readonly where: string;
	/** The file decides the job's agent (names one, or gives a command); else `import --agent` may. */
	readonly named: boolean;
	/** The job as `add` would create it, without its dependencies (those are keys, below). */
	readonly request: Omit<CreateRequest, 'blockedBy'>;
	/** Jobs that must be done first. */
	readonly dependsOn: readonly PlannedDependency[];
	/** Spent already: becomes a `job.cost` event. Tokens are whole, dollars any non-negative amount. */
	readonly cost?: {readonly tokens: number; readonly usd: number};
};

/** A job ready to be written: its new id and its drafts. */
export type PreparedJob = {
	readonly id: string;
	readonly key: string;
	readonly title: string;
	readonly status: JobStatus;
	readonly drafts: readonly Draft[];
};

/** What {@link prepareImport} decided. */
export type PreparedImport = {
	/** Jobs in writing order: every job after the jobs it depends on. */
	readonly jobs: readonly PreparedJob[];
	/** Things the person should know that do not stop the import (e.g. ready jobs that cannot run). */
	readonly warnings: readonly string[];
};

/** Keys in dependency order (dependencies first, otherwise file order). @throws {ConfigError} on a cycle. */
function dependencyOrder(
	planned: readonly PlannedJob[],
	byKey: ReadonlyMap<string, PlannedJob>,
): PlannedJob[] {
	const done = new Set<string>();
	const order: PlannedJob[] = [];
	const visit = (job: PlannedJob, path: readonly string[]) => {
		if (done.has(job.key)) {
			return;
		}

		const start = path.indexOf(job.key);
		if (start !== -1) {
			const cycle = [...path.slice(start), job.key];
			throw new ConfigError(`${job.where}: dependency cycle: ${cycle.join(' → ')}`);
		}

		for (const dependency of job.dependsOn) {
			visit(byKey.get(dependency.key)!, [...path, job.key]);
		}

		done.add(job.key);
		order.push(job);
	};

	for (const job of planned) {
		visit(job, []);
	}

	return order;
}

function checkKeys(file: string, planned: readonly PlannedJob[]): Map<string, PlannedJob> {
	const byKey = new Map<string, PlannedJob>();
	for (const job of planned) {
		const first = byKey.get(job.key);
		if (first) {
			throw new ConfigError(`${job.where}: id "${job.key}" is used twice (first at ${first.where})`);
		}

		byKey.set(job.key, job);
	}

	for (const job of planned) {
		for (const dependency of job.dependsOn) {
			if (!byKey.has(dependency.key)) {
				throw new ConfigError(
					`${dependency.where}: "${job.key}" depends on "${dependency.key}", which is not in ${file}`,
				);
			}
		}
	}

	return byKey;
}

/**
 * Check every planned job and build its events, writing nothing.
 *
 * @param board the board the jobs join (dependencies may only name jobs of the file).
 * @param agents configured agents: a job naming another one is refused.
 * @throws {ConfigError} `where: message` for a duplicate id, an unknown dependency, a cycle (named
 * `a → b → a`), an unknown agent, or a job the domain or the event schema refuses (empty title, …).
 */
export function prepareImport(
	board: Board,
	file: string,
	planned: readonly PlannedJob[],
	agents: Config['agents'],
): PreparedImport {
	const byKey = checkKeys(file, planned);
	const order = dependencyOrder(planned, byKey);
	const ids = new Map(order.map((job) => [job.key, newJobId()]));
	const at = new Date().toISOString();
	let virtual = board;
	const jobs: PreparedJob[] = [];
	const unrunnable: string[] = [];
	for (const job of order) {
		const id = ids.get(job.key)!;
		const agent = agents[job.request.agent];
		if (!agent) {
			throw new ConfigError(
				`${job.where}: unknown agent "${job.request.agent}" (configured: ${Object.keys(agents).join(', ')})`,
			);
		}

		let drafts: Draft[];
		try {
			const request = {
				...job.request,
				blockedBy: job.dependsOn.map((dependency) => ids.get(dependency.key)!),
			};
			drafts = decideCreate(virtual, request);
			if (job.cost) {
				drafts.push(draft('job.cost', {tokens: job.cost.tokens, usd: job.cost.usd}));
			}

			const events = drafts.map((item) =>
				makeEvent(item.type, id, item.data, {id: newJobId(), at, by: 'import'}),
			);
			for (const event of events) {
				// Throws as the store would when appending (schema, the 1 MiB line limit), but before any write.
				serialiseEvent(event, id);
			}

			virtual = foldEvents(virtual, events);
		} catch (error) {
			throw new ConfigError(`${job.where}: "${job.key}": ${(error as Error).message}`);
		}

		if (job.request.status === 'ready') {
			try {
				const {command, prompt, title} = job.request;
				fillTemplate(
					agent.command,
					{command, prompt: prompt ?? job.request.description, title, jobId: id, workspace: ''},
					job.request.agent,
				);
			} catch {
				unrunnable.push(job.key);
			}
		}

		jobs.push({id, key: job.key, title: job.request.title.trim(), status: job.request.status, drafts});
	}

	const warnings =
		unrunnable.length === 0
			? []
			: [
					`${unrunnable.length} ready job(s) cannot run as imported (their agent needs a command or prompt they lack): ${unrunnable.join(', ')}; give them a command or move them to inbox`,
				];
	return {jobs, warnings};
}

/**
 * Append the prepared jobs to the store, dependencies first, each job's events in one write.
 *
 * @throws the store's errors (I/O); jobs written before the failure stay.
 */
export function writeImport(store: JobStore, prepared: PreparedImport, by: string): void {
	for (const job of prepared.jobs) {
		store.append(job.id, job.drafts, by);
	}
}
