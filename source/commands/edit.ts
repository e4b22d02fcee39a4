/**
 * `edit <id>`: change a job's title, description, priority or acceptance criteria, appending one
 * `job.updated` with what changed. The fields come from options, from a filled edit template
 * (`--from-file`, what the dashboard's `E` hands over), or, in a terminal with no options, from the
 * person's `$EDITOR` as `git commit` does.
 */
import fs from 'node:fs/promises';
import {Option} from 'commander';
import {priorities, requireJob, type Job, type Priority} from '../core/index.js';
import {decideEdit, type EditRequest} from '../core/decide-edit.js';
import {formatEditTemplate, parseEditTemplate} from './edit-template.js';
import {createTextEditor} from './external-editor.js';
import {
	UsageError,
	type CommandContext,
	type CommandOptions,
	type CommandResult,
	type CommandSpec,
} from './types.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The fields the options set, or `undefined` when none does. */
function fromOptions(options: CommandOptions): EditRequest | undefined {
	const criteria = options['criterion'] as string[] | undefined;
	const request: EditRequest = {
		title: options['title'] as string | undefined,
		description: options['description'] as string | undefined,
		priority: options['priority'] as Priority | undefined,
		acceptance: options['clearCriteria'] === true ? [] : criteria,
	};
	const given = Object.values(request).some((value) => value !== undefined);
	return given ? request : undefined;
}

type Source = {readonly request: EditRequest} | {readonly aborted: string};

/** Read a template; a bad one is refused naming its file and line. */
function fromTemplate(text: string, file: string): Source {
	try {
		const parsed = parseEditTemplate(text);
		return parsed.kind === 'empty' ? {aborted: 'the file is empty'} : {request: parsed.fields};
	} catch (error) {
		throw new UsageError(`${file}: ${(error as Error).message}`);
	}
}

/** Apply `request` to the job under its lock, against its latest state. */
async function apply(context: CommandContext, job: Job, request: EditRequest): Promise<CommandResult> {
	let changed: string[] = [];
	await context.store.transact(
		job.id,
		(board) => {
			const drafts = decideEdit(requireJob(board, job.id), request);
			changed = drafts.flatMap((item) => Object.keys(item.data));
			return drafts;
		},
		context.origin,
	);
	const data = {id: job.id, changed};
	return changed.length === 0
		? {data, text: `${job.id}: nothing changed`}
		: {
				data,
				text: `${job.id}: ${changed.map((field) => (field === 'acceptance' ? 'criteria' : field)).join(', ')} updated`,
			};
}

/** Open the person's editor on the job's template (a shell in a terminal, no options given). */
async function inEditor(context: CommandContext, job: Job): Promise<CommandResult> {
	const editor = context.editor ?? createTextEditor();
	const edited = await editor.edit(formatEditTemplate(job), job.id.slice(-8));
	let source: Source;
	try {
		source = fromTemplate(edited.text, edited.file);
	} catch (error) {
		throw new UsageError(
			`${(error as Error).message}\nNothing was applied. Fix it and run: xsarena edit ${job.id} --from-file ${edited.file}`,
		);
	}

	const result = 'aborted' in source ? undefined : await apply(context, job, source.request);
	await editor.discard(edited.file);
	return (
		result ?? {
			data: {id: job.id, changed: []},
			text: `edit aborted: ${'aborted' in source ? source.aborted : ''}`,
			exitCode: 1,
		}
	);
}

/** `edit <id>`. */
export const edit: CommandSpec = {
	name: 'edit',
	summary: "change a job's title, description, priority or acceptance criteria",
	description:
		'With no options in a terminal, opens $VISUAL or $EDITOR (else vi) on the job, as git commit does; an\n' +
		'empty file or no change aborts. In the dashboard, e edits the title and priority in place and E\n' +
		'opens the editor. --criterion replaces all the criteria with the ones given.',
	examples: [
		'xsarena edit 01JD8Q… --title "Fix login on Safari" --priority urgent',
		'xsarena edit 01JD8Q… --criterion "users can log in" --criterion "a wrong password shows an error"',
		'xsarena edit 01JD8Q…',
	],
	configure(command) {
		command
			.argument('<id>', 'job id (or a unique prefix of it)')
			.option('--title <text>', 'new title')
			.option('--description <text>', 'new description (replaces it)')
			.addOption(new Option('--priority <level>', 'new priority').choices(priorities))
			.option('--criterion <text>', 'an acceptance criterion; repeat it; replaces them all', collect)
			.option('--clear-criteria', 'remove every acceptance criterion')
			.option('--from-file <path>', 'apply a filled edit template (the text the editor shows)');
	},
	async run(context, [id = ''], options) {
		const job = requireJob(context.store.getSnapshot().board, id);
		const flags = fromOptions(options);
		const file = options['fromFile'] as string | undefined;
		if (flags && file !== undefined) {
			throw new UsageError('--from-file sets every field: give it alone');
		}

		if (file !== undefined) {
			const text = await fs.readFile(file, 'utf8').catch((error: unknown) => {
				throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
			});
			const source = fromTemplate(text, file);
			return 'aborted' in source
				? {data: {id: job.id, changed: []}, text: `edit aborted: ${source.aborted}`, exitCode: 1}
				: apply(context, job, source.request);
		}

		if (flags) {
			return apply(context, job, flags);
		}

		if (context.origin === 'cli' && (context.editor ?? (process.stdin.isTTY && process.stdout.isTTY))) {
			return inEditor(context, job);
		}

		throw new UsageError(
			'nothing to change: give --title, --description, --priority, --criterion or --from-file ' +
				'(in the dashboard, e on a job edits it; in a terminal, "xsarena edit <id>" alone opens $EDITOR)',
		);
	},
};
