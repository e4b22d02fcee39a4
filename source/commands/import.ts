/**
 * `import <file>`: add jobs from a file, chosen by its extension and shape:
 *
 * - `.yml`/`.yaml`: a list of tasks (`import-tasks.ts`), a `board.yml` (a mapping with `jobs:`,
 *   `app/board-file.ts`), or an export (`version:` and `jobs:` with events, `board-export.ts`);
 * - `.md`: a Markdown checklist (`import-markdown.ts`);
 * - `.json`: an export, or a list of tasks (or `{tasks: [...]}`).
 *
 * Everything is checked before the first job is written, so a refused file imports nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {authorResolver} from '../config/authoring.js';
import {defaultTransportName} from '../config/transports.js';
import {importBoard, readBoardFile, type BoardFile} from '../app/board-file.js';
import {ConfigError} from '../config/yaml-file.js';
import {DomainError, type Board} from '../core/index.js';
import {newJobId} from '../store/job-store.js';
import {isExportDocument, readExport, withFreshIds} from './board-export.js';
import {readChecklist} from './import-markdown.js';
import {prepareImport, writeImport, type PlannedJob} from './import-plan.js';
import {parseJsonSource, parseYamlSource, readImportText, type ImportSource} from './import-source.js';
import {isTasksDocument, readTasks} from './import-tasks.js';
import {UsageError, type CommandContext, type CommandSpec} from './types.js';

/** One job an import created. */
export type ImportedJob = {
	readonly id: string;
	/** The file's own id for the job (task id, board key, `line N`); none for an export. */
	readonly key?: string;
	readonly title: string;
	readonly status: string;
};

/** What `import --json` prints. */
export type ImportResult = {
	readonly file: string;
	readonly format: 'tasks' | 'checklist' | 'board' | 'export';
	readonly imported: number;
	readonly jobs: readonly ImportedJob[];
	readonly warnings: readonly string[];
};

/**
 * Write planned jobs (dependencies first) and list them in file order.
 *
 * @param agent the agent of jobs whose file does not decide one (`--agent`).
 */
function importPlanned(
	context: CommandContext,
	file: string,
	planned: readonly PlannedJob[],
	agent: string | undefined,
) {
	// An agent picked for the whole file works from a prompt: the item's title and description.
	const jobs = planned.map((job) => {
		const {title, description, prompt} = job.request;
		return agent !== undefined && !job.named
			? {
					...job,
					request: {
						...job.request,
						agent,
						prompt: prompt ?? [title, description].filter(Boolean).join('\n\n'),
					},
				}
			: job;
	});
	const prepared = prepareImport(context.store.getSnapshot().board, file, jobs, context.config.agents);
	writeImport(context.store, prepared, context.origin);
	const order = new Map(planned.map((job, index) => [job.key, index]));
	return {
		jobs: [...prepared.jobs]
			.sort((a, b) => order.get(a.key)! - order.get(b.key)!)
			.map(({id, key, title, status}) => ({id, key, title, status})),
		warnings: prepared.warnings,
	};
}

/** What `importBoard` would refuse halfway, refused before anything is written. */
function checkBoardFile(
	source: ImportSource,
	board: BoardFile,
	agents: CommandContext['config']['agents'],
): void {
	const keys = new Set<string>();
	for (const [index, job] of board.jobs.entries()) {
		const where = source.at(['jobs', index]);
		const problem = keys.has(job.key)
			? `key "${job.key}" is used twice`
			: job.title.trim() === ''
				? 'a job needs a title'
				: job.status === 'in_flight'
					? 'a job reaches in_flight by being dispatched, not imported there'
					: agents[job.agent] === undefined
						? `unknown agent "${job.agent}" (configured: ${Object.keys(agents).join(', ')})`
						: undefined;
		if (problem) {
			throw new ConfigError(`${where}: ${problem}`);
		}

		keys.add(job.key);
	}
}

function importBoardFile(context: CommandContext, source: ImportSource) {
	let board: BoardFile;
	try {
		board = readBoardFile(source.file);
	} catch (error) {
		throw error instanceof ConfigError ? error : new ConfigError((error as Error).message);
	}

	checkBoardFile(source, board, context.config.agents);
	const ids = importBoard(
		context.store,
		board,
		context.origin,
		authorResolver(
			context.config.authoring,
			defaultTransportName(context.config.transports),
			context.paths.root,
		),
	);
	const jobs = board.jobs.map((job) => ({
		id: ids.get(job.key)!,
		key: job.key,
		title: job.title.trim(),
		status: job.status,
	}));
	return {jobs, warnings: []};
}

function existing(context: CommandContext, board: Board, id: string): boolean {
	return board.jobs.has(id) || fs.existsSync(context.paths.jobDir(id));
}

/** Re-append an export's events as they are, one write per job. */
function importExport(context: CommandContext, source: ImportSource, fresh: boolean) {
	const {store} = context;
	const board = store.getSnapshot().board;
	let logs = readExport(source);
	if (fresh) {
		logs = withFreshIds(logs, newJobId);
	} else {
		const taken = logs.filter((log) => existing(context, board, log.id)).map((log) => log.id);
		if (taken.length > 0) {
			throw new DomainError(
				'conflict',
				`${source.file}: the board already has ${taken.length} of the ${logs.length} exported jobs (${taken
					.slice(0, 5)
					.join(
						', ',
					)}${taken.length > 5 ? ', …' : ''}); nothing imported (use --fresh-ids to import them as new jobs)`,
			);
		}
	}

	for (const log of logs) {
		store.appendStamped(log.id, log.events);
	}

	const jobs = store.getSnapshot().board.jobs;
	return {
		jobs: logs.map((log) => {
			const job = jobs.get(log.id);
			return {id: log.id, title: job?.title ?? '', status: job?.status ?? 'unknown'};
		}),
		warnings: [],
	};
}

/** Options of `import`. */
type ImportOptions = {readonly freshIds: boolean; readonly agent?: string};

function importFile(context: CommandContext, file: string, options: ImportOptions): ImportResult {
	const extension = path.extname(file).toLowerCase();
	if (!['.yml', '.yaml', '.json', '.md', '.markdown'].includes(extension)) {
		throw new UsageError(
			`${file}: cannot import "${extension || 'no extension'}" files (use .yml, .yaml, .md or .json)`,
		);
	}

	const text = readImportText(file);
	if (extension === '.md' || extension === '.markdown') {
		const done = importPlanned(context, file, readChecklist(text, file), options.agent);
		return {file, format: 'checklist', imported: done.jobs.length, ...done};
	}

	const source = extension === '.json' ? parseJsonSource(text, file) : parseYamlSource(text, file);
	if (isExportDocument(source.value)) {
		const done = importExport(context, source, options.freshIds);
		return {file, format: 'export', imported: done.jobs.length, ...done};
	}

	if (isTasksDocument(source.value)) {
		const done = importPlanned(context, file, readTasks(source), options.agent);
		return {file, format: 'tasks', imported: done.jobs.length, ...done};
	}

	const value = source.value as {jobs?: unknown} | null;
	if (extension !== '.json' && typeof value === 'object' && value !== null && 'jobs' in value) {
		const done = importBoardFile(context, source);
		return {file, format: 'board', imported: done.jobs.length, ...done};
	}

	throw new ConfigError(
		`${file}: not something to import: expected a list of tasks, a board (a mapping with jobs:) or an export (version: and jobs:)`,
	);
}

function formatImport(result: ImportResult): string {
	const lines = [
		`imported ${result.imported} job${result.imported === 1 ? '' : 's'} from ${result.file} (${result.format})`,
	];
	for (const job of result.jobs) {
		lines.push(`  ${job.id}  ${job.key === undefined ? '' : `${job.key}: `}${job.title} (${job.status})`);
	}

	for (const warning of result.warnings) {
		lines.push(`warning: ${warning}`);
	}

	return lines.join('\n');
}

/** `import <file> [--agent <name>] [--fresh-ids]`: add the jobs of a tasks list, board, checklist or export. */
export const importCommand: CommandSpec = {
	name: 'import',
	summary: 'import jobs from a tasks.yml, board.yml, TASKS.md checklist or an export (.json/.yml)',
	examples: [
		'xsarena import tasks.yml',
		'xsarena import TASKS.md --agent claude',
		'xsarena import board.json --fresh-ids',
	],
	configure(command) {
		command
			.argument(
				'<file>',
				'the file: .yml/.yaml (tasks, board or export), .md (checklist), .json (export or tasks)',
			)
			.option('--agent <name>', 'agent for tasks and checklist items that do not name one (default: shell)')
			.option('--fresh-ids', "give an export's jobs and events new ids (to import it next to the originals)");
	},
	async run(context, [file = ''], options) {
		context.store.refresh();
		const result = importFile(context, file, {
			freshIds: options['freshIds'] === true,
			agent: options['agent'] as string | undefined,
		});
		context.engine?.poke();
		return {data: result, text: formatImport(result)};
	},
};
