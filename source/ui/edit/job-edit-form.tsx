/** The inline job editor, drawn in the REPL's output area: a title row, the title line and the priority choice. */
import {Box, Text} from 'ink';
import {priorities} from '../../core/index.js';
import {glyph, priorityColor, theme} from '../theme.js';
import {visiblePart} from '../repl/repl-line.js';
import type {JobEditState} from './job-edit-state.js';

/** Props of {@link JobEditForm}. */
export type JobEditFormProps = {
	readonly state: JobEditState;
	readonly width: number;
	readonly height: number;
	/** How the person's keys name the editor key (`ctrl+g`), for the hint. */
	readonly editorKey: string;
};

const labelWidth = 10;

/** The form. The focused field's label is bold in the focus colour; the title shows its cursor. */
export function JobEditForm({state, width, height, editorKey}: JobEditFormProps) {
	const part = visiblePart(state.title, Math.max(1, width - labelWidth - 3));
	const label = (name: 'title' | 'priority') => (
		<Box width={labelWidth} flexShrink={0}>
			<Text color={state.field === name ? theme.focus : theme.muted} bold={state.field === name}>
				{`${state.field === name ? glyph.prompt : ' '} ${name}`}
			</Text>
		</Box>
	);
	const sep = ` ${glyph.separator} `;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" color={theme.focus} bold>
				{`edit job ${state.jobId.slice(-8)}${sep}tab next field${sep}←→ priority${sep}enter save${sep}${editorKey} description & criteria in $EDITOR${sep}esc cancel`}
			</Text>
			<Box width={width} height={1}>
				{label('title')}
				{state.field === 'title' ? (
					<Text wrap="truncate-end">
						{part.before}
						<Text inverse>{part.at}</Text>
						{part.after}
					</Text>
				) : (
					<Text wrap="truncate-end">{state.title.text}</Text>
				)}
			</Box>
			<Box width={width} height={1}>
				{label('priority')}
				<Text wrap="truncate-end">
					{priorities.map((priority) => (
						<Text
							key={priority}
							color={priority === state.priority ? priorityColor[priority] : theme.muted}
							bold={priority === state.priority}
							inverse={priority === state.priority && state.field === 'priority'}
						>
							{` ${priority} `}
						</Text>
					))}
				</Text>
			</Box>
		</Box>
	);
}
