/**
 * The inline job editor as data: the title (a line being edited) and the priority (a choice cycled
 * with ←/→), one of them focused. Pure; saving and the external editor live in the hook.
 */
import {priorities, type Priority} from '../../core/index.js';
import {edit, lineOf, type Edit, type EditLine} from '../repl/line-editor.js';

/** The fields the inline editor shows, in Tab order. */
export const inlineFields = ['title', 'priority'] as const;

/** A field of the inline editor. */
export type InlineField = (typeof inlineFields)[number];

/** An open inline editor on one job. */
export type JobEditState = {
	readonly jobId: string;
	readonly field: InlineField;
	readonly title: EditLine;
	readonly priority: Priority;
	/** The values when it opened: saving sends only what differs. */
	readonly original: {readonly title: string; readonly priority: Priority};
};

/** Changes of the inline editor. */
export type JobEditAction =
	| {readonly type: 'open'; readonly jobId: string; readonly title: string; readonly priority: Priority}
	| {readonly type: 'close'}
	| {readonly type: 'edit'; readonly edit: Edit}
	| {readonly type: 'nextField'; readonly delta: 1 | -1}
	| {readonly type: 'cyclePriority'; readonly delta: 1 | -1};

/** The reducer; `undefined` is a closed editor. */
export function jobEditReducer(
	state: JobEditState | undefined,
	action: JobEditAction,
): JobEditState | undefined {
	if (action.type === 'open') {
		const {jobId, title, priority} = action;
		return {jobId, field: 'title', title: lineOf(title), priority, original: {title, priority}};
	}

	if (!state || action.type === 'close') {
		return undefined;
	}

	switch (action.type) {
		case 'edit': {
			const title = edit(state.title, action.edit);
			return title === state.title ? state : {...state, title};
		}

		case 'nextField': {
			const index = inlineFields.indexOf(state.field) + action.delta;
			return {...state, field: inlineFields[(index + inlineFields.length) % inlineFields.length]!};
		}

		case 'cyclePriority': {
			const index = priorities.indexOf(state.priority) + action.delta;
			return {...state, priority: priorities[(index + priorities.length) % priorities.length]!};
		}

		default: {
			const unreachable: never = action;
			return unreachable;
		}
	}
}

/** The `edit` command line that saves `state`, or `undefined` when nothing changed. */
export function saveLine(state: JobEditState, quote: (text: string) => string): string | undefined {
	const title = state.title.text.trim();
	const parts = [
		...(title !== state.original.title ? ['--title', quote(title)] : []),
		...(state.priority !== state.original.priority ? ['--priority', state.priority] : []),
	];
	return parts.length === 0 ? undefined : `edit ${state.jobId} ${parts.join(' ')}`;
}
