/** The help overlay, drawn from the bindings table so it always tells the truth. */
import {Box, Text} from 'ink';
import {fit} from '../format.js';
import {theme} from '../theme.js';
import {bindings, keyLabel, type Binding, type Scope} from './bindings.js';

const scopeTitles: Record<Scope, string> = {
	insert: 'insert mode (other keys go to the agent)',
	global: 'anywhere',
	board: 'board',
	panes: 'panes',
	repl: 'REPL',
	help: 'this help',
	confirm: 'quit question',
};

/** One line of the overlay: a scope's title or one binding. */
export type HelpLine = {readonly title: string} | {readonly binding: Binding};

function label(binding: Binding): string {
	return binding.keys.map((spec) => keyLabel(spec)).join(' ');
}

/** The table as lines: each scope's title, then its bindings, in table order. */
export function helpLines(): HelpLine[] {
	const scopes = [...new Set(bindings.map((binding) => binding.scope))];
	return scopes.flatMap((scope) => [
		{title: scopeTitles[scope]},
		...bindings.filter((binding) => binding.scope === scope).map((binding) => ({binding})),
	]);
}

/**
 * Flow `lines` into columns of at most `rows` lines, top to bottom, never leaving a title alone at
 * the bottom of a column.
 */
export function flowColumns(lines: readonly HelpLine[], rows: number): HelpLine[][] {
	const columns: HelpLine[][] = [[]];
	for (const line of lines) {
		const current = columns.at(-1)!;
		const full = current.length >= rows || ('title' in line && current.length >= rows - 1);
		if (full && current.length > 0) {
			columns.push([line]);
		} else {
			current.push(line);
		}
	}

	return columns;
}

/** Props of {@link HelpOverlay}. */
export type HelpOverlayProps = {readonly width: number; readonly height: number};

/**
 * Every binding, by scope, flowed into as many columns as the height needs. Replaces the board and the
 * panes while open; closed with `?`, Esc or `q`.
 */
export function HelpOverlay({width, height}: HelpOverlayProps) {
	// The border takes two rows and the heading one.
	const columns = flowColumns(helpLines(), Math.max(1, height - 3));
	const gap = 2;
	const columnWidth = Math.floor((width - 2 - gap * (columns.length - 1)) / columns.length);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focus}>
			<Text bold wrap="truncate-end">
				keys (? or esc to close)
			</Text>
			<Box flexDirection="row" columnGap={gap}>
				{columns.map((column, index) => {
					const keysWidth =
						Math.max(0, ...column.map((line) => ('binding' in line ? label(line.binding).length : 0))) + 1;
					return (
						<Box key={index} flexDirection="column" width={columnWidth} overflow="hidden">
							{column.map((line) =>
								'title' in line ? (
									<Text key={line.title} bold color={theme.focus} wrap="truncate-end">
										{line.title}
									</Text>
								) : (
									<Text key={`${line.binding.scope}:${line.binding.action}`} wrap="truncate-end">
										{fit(label(line.binding), keysWidth)}
										<Text dimColor>{line.binding.description}</Text>
									</Text>
								),
							)}
						</Box>
					);
				})}
			</Box>
		</Box>
	);
}
