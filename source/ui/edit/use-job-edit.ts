/**
 * Editing a job from the dashboard: `e` opens the inline editor (title and priority), `E` (or Ctrl-G
 * in it) hands the terminal to `$EDITOR` with every field. Either way the change is applied by running
 * the `edit` command, so the UI only states intents; aborts and bad files are told in the REPL.
 */
import {useCallback, useMemo, useReducer, useRef, useState} from 'react';
import {quote} from 'shell-quote';
import type {Job} from '../../core/index.js';
import {changedFields} from '../../core/decide-edit.js';
import {formatEditTemplate, parseEditTemplate} from '../../commands/edit-template.js';
import type {TextEditor} from '../../commands/external-editor.js';
import type {BoardSource} from '../ports.js';
import type {Edit} from '../repl/line-editor.js';
import type {Repl} from '../repl/use-repl.js';
import {jobEditReducer, saveLine, type JobEditState} from './job-edit-state.js';
import {useTextEditor} from './text-editor-context.js';

/** What the key layers and the view use. */
export type JobEdit = {
	readonly state: JobEditState | undefined;
	/** The external editor has the terminal. */
	readonly editing: boolean;
	/** Open the inline editor on `jobId`. */
	start(jobId: string): void;
	close(): void;
	edit(change: Edit): void;
	nextField(delta: 1 | -1): void;
	cyclePriority(delta: 1 | -1): void;
	/** Run `edit` with what changed (nothing changed: just close). */
	save(): void;
	/** Edit every field of `jobId` in `$EDITOR` (with the inline editor's values, when it is open on it). */
	openEditor(jobId: string): void;
};

const quoted = (text: string) => quote([text]);

/**
 * Run the external editor flow for `job`, starting from `draft` (the job with the inline editor's
 * values); every outcome is told through `repl`. "Nothing changed" compares with the job itself.
 */
async function editExternally(
	editor: TextEditor,
	job: Job,
	draft: Job,
	repl: Pick<Repl, 'execute' | 'print'>,
): Promise<void> {
	let edited;
	try {
		edited = await editor.edit(formatEditTemplate(draft), job.id.slice(-8));
	} catch (error) {
		repl.print('error', `edit: ${(error as Error).message}`);
		return;
	}

	let parsed;
	try {
		parsed = parseEditTemplate(edited.text);
	} catch (error) {
		repl.print(
			'error',
			`edit: ${(error as Error).message}\nnothing applied; your text is kept in ${edited.file}\n` +
				`fix it there and run: edit ${job.id} --from-file ${quoted(edited.file)}`,
		);
		return;
	}

	const fields = parsed.kind === 'fields' ? changedFields(job, parsed.fields) : {};
	if (parsed.kind === 'empty' || Object.keys(fields).length === 0) {
		repl.print(
			'output',
			`edit aborted: ${parsed.kind === 'empty' ? 'the file is empty' : 'nothing changed'}`,
		);
		await editor.discard(edited.file);
		return;
	}

	const outcome = await repl.execute(`edit ${job.id} --from-file ${quoted(edited.file)}`);
	if (outcome?.exitCode === 0) {
		await editor.discard(edited.file);
	} else {
		repl.print('error', `your text is kept in ${edited.file}`);
	}
}

/**
 * The job editor over `store` and `repl` (to run `edit` and tell what happened). Jobs are read from
 * the store when a key acts, not from the last frame: a template built from a frame that had not yet
 * drawn the previous edit would undo it.
 */
export function useJobEdit(store: BoardSource, repl: Pick<Repl, 'execute' | 'print'>): JobEdit {
	const [state, dispatch] = useReducer(jobEditReducer, undefined);
	const [editing, setEditing] = useState(false);
	const editor = useTextEditor();
	// The last inline save still running: the editor opens on the job after it (else its template
	// would carry the old title back).
	const saving = useRef<Promise<unknown>>(Promise.resolve());
	const openEditor = useCallback(
		(jobId: string) => {
			if (!editor) {
				repl.print('error', `edit: no editor in this dashboard; use: edit ${jobId} --description …`);
				return;
			}

			const inline = state?.jobId === jobId ? state : undefined;
			dispatch({type: 'close'});
			setEditing(true);
			void saving.current
				.then(async () => {
					const job = store.getSnapshot().board.jobs.get(jobId);
					const draft =
						job && inline
							? {...job, title: inline.title.text.trim() || job.title, priority: inline.priority}
							: job;
					return job && draft ? editExternally(editor, job, draft, repl) : undefined;
				})
				.finally(() => {
					setEditing(false);
				});
		},
		[editor, store, repl, state],
	);

	return useMemo(
		() => ({
			state,
			editing,
			start(jobId: string) {
				const job = store.getSnapshot().board.jobs.get(jobId);
				if (job) {
					dispatch({type: 'open', jobId, title: job.title, priority: job.priority});
				}
			},
			close() {
				dispatch({type: 'close'});
			},
			edit(change: Edit) {
				dispatch({type: 'edit', edit: change});
			},
			nextField(delta: 1 | -1) {
				dispatch({type: 'nextField', delta});
			},
			cyclePriority(delta: 1 | -1) {
				dispatch({type: 'cyclePriority', delta});
			},
			save() {
				const line = state && saveLine(state, quoted);
				dispatch({type: 'close'});
				if (line) {
					saving.current = repl.execute(line);
				} else if (state) {
					repl.print('output', 'edit: nothing changed');
				}
			},
			openEditor,
		}),
		[state, editing, store, repl, openEditor],
	);
}
