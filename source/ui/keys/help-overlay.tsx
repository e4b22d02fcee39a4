/** The help overlay, drawn from the bindings table so it always tells the truth. */
import {Box, Text} from 'ink';
import {fit} from '../format.js';
import {theme} from '../theme.js';
import {bindings, keyLabel, type Binding, type Keymap, type Scope} from './bindings.js';

const scopeTitles: Record<Scope, string> = {
	insert: 'insert mode (other keys go to the agent)',
	global: 'anywhere',
	board: 'board',
	panes: 'panes',
	repl: 'REPL',
	help: 'this help',
	confirm: 'quit question',
	search: 'typing a pane search',
	detail: 'job detail',
	stats: 'stats view',
	edit: 'editing a job (e)',
	results: 'search results',
};

/** One line of the overlay: a scope's title or one binding. */
export type HelpLine = {readonly title: string} | {readonly binding: Binding};

function label(binding: Binding): string {
	if (binding.keys.length === 0) {
		return '(unbound)';
	}

	// Runs of single digits read better as a range: `1–9`.
	const digits = binding.keys.every((spec) => 'input' in spec && !spec.ctrl && /^\d$/.test(spec.input));
	if (digits && binding.keys.length > 2) {
		return `${keyLabel(binding.keys[0]!)}–${keyLabel(binding.keys.at(-1)!)}`;
	}

	return binding.keys.map((spec) => keyLabel(spec)).join(' ');
}

/** The table as lines: each scope's title, then its bindings, in table order. */
export function helpLines(table: Keymap = bindings): HelpLine[] {
	const scopes = [...new Set(table.map((binding) => binding.scope))];
	return scopes.flatMap((scope) => [
		{title: scopeTitles[scope]},
		...table.filter((binding) => binding.scope === scope).map((binding) => ({binding})),
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

/** Narrowest column worth drawing: keys and a description that mostly fits. */
const minColumnWidth = 48;
const gap = 2;

/**
 * The overlay's columns in pages: as many columns side by side as `width` holds at
 * {@link minColumnWidth}, each `height` less the chrome tall.
 */
export function helpPages(keymap: Keymap | undefined, width: number, height: number): HelpLine[][][] {
	// The border takes two rows and the heading one.
	const columns = flowColumns(helpLines(keymap), Math.max(1, height - 3));
	const perPage = Math.max(1, Math.floor((width - 2 + gap) / (minColumnWidth + gap)));
	const pages: HelpLine[][][] = [];
	for (let start = 0; start < columns.length; start += perPage) {
		pages.push(columns.slice(start, start + perPage));
	}

	return pages;
}

/** Props of {@link HelpOverlay}. */
export type HelpOverlayProps = {
	readonly width: number;
	readonly height: number;
	/** The bindings in force (default: the table as shipped). */
	readonly keymap?: Keymap;
	/** Page shown, from 0 (clamped). */
	readonly page?: number;
};

/**
 * Every binding, by scope, flowed into columns; what does not fit the width goes on further pages
 * (PgDn/space and PgUp). Replaces the board and the panes while open; closed with `?`, Esc or `q`.
 */
export function HelpOverlay({width, height, keymap, page = 0}: HelpOverlayProps) {
	const pages = helpPages(keymap, width, height);
	const shown = Math.min(Math.max(0, page), pages.length - 1);
	const columns = pages[shown] ?? [];
	const perPage = pages[0]?.length ?? 1;
	const columnWidth = Math.floor((width - 2 - gap * (perPage - 1)) / perPage);
	const paging = pages.length > 1 ? `page ${shown + 1}/${pages.length}: pgdn/space more, pgup back · ` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focus}>
			<Text bold wrap="truncate-end">
				keys ({paging}? or esc to close)
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
