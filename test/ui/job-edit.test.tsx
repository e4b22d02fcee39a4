import {EventEmitter} from 'node:events';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {TextEditor} from '../../source/commands/external-editor.js';
import {TextEditorContext} from '../../source/ui/edit/text-editor-context.js';
import {createTerminalHandover} from '../../source/ui/edit/terminal-handover.js';
import {Dashboard, type DashboardProps} from '../../source/ui/render-dashboard.js';
import {enterSequence, leaveSequence, type ScreenMode} from '../../source/ui/screen-mode.js';
import {fakePanes, fakeRunner, fakeStore, keys, makeJob, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const job = makeJob({
	title: 'Fix login',
	status: 'ready',
	priority: 'medium',
	description: 'The form rejects valid passwords.',
	acceptance: ['users can log in'],
});

/** A fake editor: `change` turns the template into what the person saved; calls are recorded. */
function fakeEditor(change: (text: string) => string) {
	const calls = {edited: [] as string[], discarded: [] as string[]};
	const editor: TextEditor = {
		async edit(text, name) {
			calls.edited.push(text);
			return {file: `/tmp/xsarena-edit-test/${name}.md`, text: change(text)};
		},
		async discard(file) {
			calls.discarded.push(file);
		},
	};
	return {editor, calls};
}

function renderWith(editor: TextEditor | undefined, run = fakeRunner()) {
	const props: DashboardProps = {
		store: fakeStore([job]),
		panes: fakePanes(),
		run,
		home: '/home/me/project/.xsarena',
		limit: 4,
		size: {columns: 120, rows: 36},
		frameInterval: 10,
	};
	const rendered = render(
		<TextEditorContext.Provider value={editor}>
			<Dashboard {...props} />
		</TextEditorContext.Provider>,
	);
	return {...rendered, run};
}

/** Select the job's card (the `ready` column is the third). */
async function selectJob(stdin: {write(data: string): void}, frame: () => string | undefined) {
	await waitFor(() => expect(frame()).toContain('Fix login'));
	stdin.write('l');
	stdin.write('l');
}

describe('e: the inline editor', () => {
	it('edits the title and priority of the selected card and saves them with the edit command', async () => {
		const {stdin, lastFrame, run} = renderWith(undefined);
		await selectJob(stdin, lastFrame);
		stdin.write('e');
		await waitFor(() => expect(lastFrame()).toContain(`edit job ${job.id.slice(-8)}`));
		expect(lastFrame()).toMatch(/› title +Fix login/);
		stdin.write(' on Safari');
		await waitFor(() => expect(lastFrame()).toContain('Fix login on Safari'));
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toMatch(/› priority/));
		stdin.write(keys.right);
		stdin.write(keys.right);
		await waitFor(() => expect(lastFrame()).toMatch(/› priority +low {2}medium {2}urgent|high/));
		stdin.write(keys.left);
		stdin.write(keys.enter);
		await waitFor(() =>
			expect(run.lines).toEqual([`edit ${job.id} --title 'Fix login on Safari' --priority high`]),
		);
		await waitFor(() => expect(lastFrame()).not.toContain(`edit job ${job.id.slice(-8)}`));
	});

	it('Esc cancels, and saving without a change runs nothing', async () => {
		const {stdin, lastFrame, run} = renderWith(undefined);
		await selectJob(stdin, lastFrame);
		stdin.write('e');
		await waitFor(() => expect(lastFrame()).toContain('edit job'));
		stdin.write('x');
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).not.toContain('edit job'));
		stdin.write('e');
		await waitFor(() => expect(lastFrame()).toContain('edit job'));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain('edit: nothing changed'));
		expect(run.lines).toEqual([]);
	});
});

describe('E: every field in $EDITOR', () => {
	it('from the job detail, applies what was saved through edit --from-file and removes the file', async () => {
		const {editor, calls} = fakeEditor((text) =>
			text.replace('The form rejects valid passwords.', 'Safari only.'),
		);
		const {stdin, lastFrame, run} = renderWith(editor);
		await selectJob(stdin, lastFrame);
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${job.id.slice(-8)}`));
		stdin.write('E');
		await waitFor(() =>
			expect(run.lines).toEqual([`edit ${job.id} --from-file /tmp/xsarena-edit-test/${job.id.slice(-8)}.md`]),
		);
		expect(calls.edited[0]).toContain('title: Fix login\npriority: medium\n');
		expect(calls.edited[0]).toContain('--- acceptance criteria ---\n- users can log in');
		await waitFor(() => expect(calls.discarded).toHaveLength(1));
	});

	it('Ctrl-G in the inline editor carries its values into the template', async () => {
		const {editor, calls} = fakeEditor((text) => text);
		const {stdin, lastFrame} = renderWith(editor);
		await selectJob(stdin, lastFrame);
		stdin.write('e');
		await waitFor(() => expect(lastFrame()).toContain('edit job'));
		stdin.write('!');
		await waitFor(() => expect(lastFrame()).toContain('Fix login!'));
		stdin.write('\u0007');
		await waitFor(() => expect(calls.edited[0]).toContain('title: Fix login!\n'));
	});

	it('an unchanged or emptied file aborts with a notice; a malformed one says where and keeps the file', async () => {
		const unchanged = fakeEditor((text) => text);
		const first = renderWith(unchanged.editor);
		await selectJob(first.stdin, first.lastFrame);
		first.stdin.write('E');
		await waitFor(() => expect(first.lastFrame()).toContain('edit aborted: nothing changed'));
		expect(first.run.lines).toEqual([]);
		expect(unchanged.calls.discarded).toHaveLength(1);
		first.unmount();

		const emptied = fakeEditor(() => '# nothing\n');
		const second = renderWith(emptied.editor);
		await selectJob(second.stdin, second.lastFrame);
		second.stdin.write('E');
		await waitFor(() => expect(second.lastFrame()).toContain('edit aborted: the file is empty'));
		second.unmount();

		const broken = fakeEditor((text) => text.replace('priority: medium', 'priority: asap'));
		const third = renderWith(broken.editor);
		await selectJob(third.stdin, third.lastFrame);
		third.stdin.write('E');
		await waitFor(() => expect(third.lastFrame()).toContain('edit: line 5: priority "asap" is not one of'));
		expect(third.lastFrame()).toContain(`kept in /tmp/xsarena-edit-test/${job.id.slice(-8)}.md`);
		expect(third.run.lines).toEqual([]);
		expect(broken.calls.discarded).toEqual([]);
	});

	it('without an editor, E says how to edit instead', async () => {
		const {stdin, lastFrame} = renderWith(undefined);
		await selectJob(stdin, lastFrame);
		stdin.write('E');
		await waitFor(() => expect(lastFrame()).toContain('edit: no editor in this dashboard'));
	});
});

describe('the terminal handover', () => {
	it('leaves the screen and raw mode, holds frames, ignores Ctrl-C, then restores and repaints', async () => {
		const written: string[] = [];
		const stdout = Object.assign(new EventEmitter(), {
			write(chunk: string) {
				written.push(chunk);
				return true;
			},
		});
		const raw: boolean[] = [];
		const stdin = Object.assign(new EventEmitter(), {
			isTTY: true,
			isRaw: true,
			setRawMode: (mode: boolean) => raw.push(mode),
		});
		const inkReads = () => undefined;
		stdin.on('readable', inkReads);
		let entered = true;
		const screen: ScreenMode = {
			enter() {
				entered = true;
				stdout.write(enterSequence);
			},
			leave() {
				entered = false;
				stdin.setRawMode(false);
				stdout.write(leaveSequence);
			},
			get entered() {
				return entered;
			},
		};
		const signals = new EventEmitter();
		const quit = () => undefined;
		signals.on('SIGINT', quit);
		let repaints = 0;
		stdout.on('resize', () => repaints++);
		const handover = createTerminalHandover({
			stdin,
			stdout,
			screen,
			signals: signals as unknown as NodeJS.Process,
		});
		const result = await handover(async () => {
			stdout.write('a frame drawn meanwhile');
			expect(signals.listeners('SIGINT')).not.toContain(quit);
			signals.emit('SIGINT');
			expect(entered).toBe(false);
			// Nobody in the dashboard reads the keyboard while the editor has it.
			expect(stdin.listeners('readable')).toEqual([]);
			return 42;
		});
		expect(result).toBe(42);
		expect(written).toEqual([leaveSequence, enterSequence]);
		expect(raw).toEqual([false, true]);
		expect(repaints).toBe(1);
		expect(signals.listeners('SIGINT')).toEqual([quit]);
		expect(stdin.listeners('readable')).toEqual([inkReads]);
		stdout.write('after');
		expect(written.at(-1)).toBe('after');
	});
});
