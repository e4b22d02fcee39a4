/**
 * Test helpers for the UI: fakes of the ports built from core types, a bounded `waitFor`, key
 * sequences, and a dashboard renderer over ink-testing-library.
 */
import {render} from 'ink-testing-library';
import {expect} from 'vitest';
import {boardFromJobs, type Job, type Priority, type Run} from '../../source/core/index.js';
import {Dashboard, type DashboardProps} from '../../source/ui/render-dashboard.js';
import type {
	BoardSource,
	CommandOutcome,
	CommandRunner,
	PaneInfo,
	PaneSource,
	ScreenView,
	StoreSnapshot,
	StoreWarning,
} from '../../source/ui/ports.js';

/** Poll `check` until it stops throwing (or returns true), failing after `timeoutMs`. */
export async function waitFor(check: () => unknown, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const result = check();
			if (result !== false) {
				return;
			}

			last = new Error('condition was false');
		} catch (error) {
			last = error;
		}

		if (Date.now() > deadline) {
			throw last;
		}

		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Bytes a terminal sends for keys. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	ctrlC: '\u0003',
} as const;

let sequence = 0;

/** A job with sensible defaults; ids sort by creation order, like ULIDs. */
export function makeJob(fields: Partial<Job> & {title: string}): Job {
	sequence++;
	const id = fields.id ?? `01JOB${String(sequence).padStart(21, '0')}`;
	return {
		id,
		description: '',
		kind: 'agent',
		status: 'inbox',
		priority: 'medium' as Priority,
		agent: 'shell',
		blockedBy: [],
		blocks: [],
		acceptance: [],
		artifacts: [],
		runs: [],
		messages: [],
		input: [],
		restarts: 0,
		stalls: 0,
		cost: {tokens: 0, usd: 0},
		cancelRequested: false,
		dispatchRequested: false,
		createdAt: '2026-11-25T10:00:00.000Z',
		updatedAt: '2026-11-25T10:00:00.000Z',
		lastEventId: id,
		eventCount: 1,
		...fields,
	};
}

/** A running run, started `startedAt`. */
export function makeRun(n: number, startedAt: string): Run {
	return {
		n,
		engine: 'test:1:x',
		agent: 'shell',
		command: ['bash'],
		claimedAt: startedAt,
		startedAt,
		bytes: 0,
		state: 'running',
		activity: 'busy',
	};
}

/** A store whose snapshot tests replace with `set`. */
export type FakeStore = BoardSource & {
	set(jobs: readonly Job[], warnings?: readonly StoreWarning[], error?: string): void;
	readonly listeners: number;
};

/** A fake `BoardSource` over `jobs`. */
export function fakeStore(jobs: readonly Job[] = [], warnings: readonly StoreWarning[] = []): FakeStore {
	let snapshot: StoreSnapshot = {board: boardFromJobs(jobs), warnings};
	const listeners = new Set<() => void>();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getSnapshot: () => snapshot,
		set(next, nextWarnings = [], error) {
			snapshot = {board: boardFromJobs(next), warnings: nextWarnings, error};
			for (const listener of listeners) {
				listener();
			}
		},
		get listeners() {
			return listeners.size;
		},
	};
}

/** A screen with fixed rows; `resizes` records what the pane asked for. */
export type FakeScreen = ScreenView & {
	readonly resizes: Array<[number, number]>;
	setRows(rows: string[]): void;
};

/** A fake `ScreenView` showing `rows` (each should end in `ESC[0m`, as the real one does). */
export function fakeScreen(rows: string[], cols = 20): FakeScreen {
	let current = rows;
	let version = 1;
	let size: [number, number] = [cols, rows.length];
	const resizes: Array<[number, number]> = [];
	return {
		get version() {
			return version;
		},
		get cols() {
			return size[0];
		},
		get rows() {
			return size[1];
		},
		getRows: () => current,
		resize(newCols, newRows) {
			resizes.push([newCols, newRows]);
			size = [newCols, newRows];
		},
		setRows(next) {
			current = next;
			version++;
		},
		resizes,
	};
}

/** A fake `PaneSource`; `set` replaces the panes, `changed` notifies (as a screen update would). */
export type FakePanes = PaneSource & {set(panes: readonly PaneInfo[]): void; changed(): void};

/** A fake `PaneSource` over `panes`. */
export function fakePanes(panes: readonly PaneInfo[] = []): FakePanes {
	let current = panes;
	const listeners = new Set<() => void>();
	const changed = () => {
		for (const listener of listeners) {
			listener();
		}
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getPanes: () => current,
		set(next) {
			current = next;
			changed();
		},
		changed,
	};
}

/** A runner recording its lines and answering with `answer`. */
export function fakeRunner(
	answer: (line: string) => Promise<CommandOutcome> = async () => ({exitCode: 0, output: ''}),
): CommandRunner & {readonly lines: string[]} {
	const lines: string[] = [];
	const run = async (line: string) => {
		lines.push(line);
		return answer(line);
	};

	return Object.assign(run, {lines});
}

/** Render the dashboard at `columns × rows` with fakes for whatever `props` leaves out. */
export function renderDashboard(props: Partial<DashboardProps> = {}, columns = 100, rows = 30) {
	const full: DashboardProps = {
		store: props.store ?? fakeStore(),
		panes: props.panes ?? fakePanes(),
		run: props.run ?? fakeRunner(),
		home: '/home/me/project/.xsarena',
		limit: 4,
		size: {columns, rows},
		frameInterval: 10,
		...props,
	};
	return render(<Dashboard {...full} />);
}

type Stdin = {write(data: string): void};
type Frame = () => string | undefined;

/** Give the REPL focus with `key` (`:` or Tab) and wait until it has it (the key hint goes away). */
export async function focusRepl(stdin: Stdin, frame: Frame, key = ':'): Promise<void> {
	stdin.write(key);
	await waitFor(() => expect(frame()).not.toContain('d dispatch'));
}

/** The REPL's input line (the one above the status bar), trailing blanks trimmed. */
export function inputLine(frame: Frame): string {
	return (frame() ?? '').split('\n').at(-2)?.trimEnd() ?? '';
}

/** Type `line` into the focused REPL, wait until it shows, then press Enter (separate keys, like a person). */
export async function typeLine(stdin: Stdin, frame: Frame, line: string): Promise<void> {
	stdin.write(line);
	await waitFor(() => expect(frame()).toContain(`› ${line}`));
	stdin.write(keys.enter);
	await waitFor(() => expect(inputLine(frame)).toBe('›'));
}
