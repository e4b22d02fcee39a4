/**
 * The rows above the REPL's input line: the inline job editor while it is open, else the last
 * search's result list while it is open, else the command output.
 */
import {JobEditForm} from '../edit/job-edit-form.js';
import {keyLabel, keysOf, type Keymap} from '../keys/bindings.js';
import type {JobEditState} from '../edit/job-edit-state.js';
import type {ReplView} from './repl-store.js';
import {ReplOutput} from './repl-output.js';
import {ResultListView} from './result-list-view.js';

/** Props of {@link ReplArea}. */
export type ReplAreaProps = {
	readonly repl: ReplView;
	readonly jobEdit: JobEditState | undefined;
	readonly width: number;
	readonly height: number;
	/** The person's key bindings: the editor's hint names the key that opens `$EDITOR`. */
	readonly keymap: Keymap;
};

/** One of the three, sized `width × height`. */
export function ReplArea({repl, jobEdit, width, height, keymap}: ReplAreaProps) {
	if (jobEdit) {
		const key = keysOf('edit', 'editInEditor', keymap)[0];
		return (
			<JobEditForm
				state={jobEdit}
				width={width}
				height={height}
				editorKey={key ? keyLabel(key) : '(unbound)'}
			/>
		);
	}

	return repl.results ? (
		<ResultListView list={repl.results} width={width} height={height} />
	) : (
		<ReplOutput lines={repl.lines} width={width} height={height} />
	);
}
