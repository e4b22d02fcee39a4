/**
 * The inline job editor's keys, a modal: Enter saves, Esc cancels, Tab (or ↑↓) changes field, Ctrl-G
 * hands every field to `$EDITOR`. Line editing (←→, Home/End, Backspace, Ctrl-U, typing) works on the
 * keys themselves, as in the REPL's line, and ←→ cycle the priority when that field is focused; the
 * table keeps only the actions a person may want to rebind.
 */
import type {Key} from 'ink';
import {isPrintable, type KeyLayer} from '../keys/router.js';
import type {Edit} from '../repl/line-editor.js';
import type {JobEdit} from './use-job-edit.js';

/** The title edit a plain key makes, if any. */
function titleEdit(input: string, key: Key): Edit | undefined {
	if (key.leftArrow || key.rightArrow) {
		return {type: 'move', to: key.leftArrow ? 'left' : 'right'};
	}

	if (key.home || (key.ctrl && input === 'a')) {
		return {type: 'move', to: 'start'};
	}

	if (key.end || (key.ctrl && input === 'e')) {
		return {type: 'move', to: 'end'};
	}

	if (key.backspace || key.delete) {
		return {type: 'erase'};
	}

	if (key.ctrl && input === 'u') {
		return {type: 'clear'};
	}

	return isPrintable(input, key) ? {type: 'insert', text: input.replaceAll(/[\r\n]+/g, ' ')} : undefined;
}

/** The layer while `edit.state` is open. */
export function editLayer(edit: JobEdit): KeyLayer {
	const state = edit.state;
	return {
		scope: 'edit',
		takesText: true,
		handle(action, input, key) {
			if (!state) {
				return false;
			}

			switch (action) {
				case 'submit': {
					edit.save();
					return true;
				}

				case 'leave': {
					edit.close();
					return true;
				}

				case 'nextField': {
					edit.nextField(1);
					return true;
				}

				case 'editInEditor': {
					edit.openEditor(state.jobId);
					return true;
				}

				default: {
					break;
				}
			}

			if (state.field === 'priority') {
				if (key.leftArrow || key.rightArrow) {
					edit.cyclePriority(key.leftArrow ? -1 : 1);
				}

				return true;
			}

			const change = titleEdit(input, key);
			if (change) {
				edit.edit(change);
			}

			return true;
		},
	};
}
