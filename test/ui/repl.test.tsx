import {afterEach, describe, expect, it} from 'vitest';

import {cleanup} from 'ink-testing-library';
import {maxOutputLines, replReducer, initialReplState} from '../../source/ui/repl/repl-state.js';
import {
	fakeRunner,
	fakeStore,
	focusRepl,
	keys,
	makeJob,
	renderDashboard,
	typeLine,
	waitFor,
} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('REPL', () => {
	it('runs the exact line typed and shows its output', async () => {
		const run = fakeRunner(async (line) => ({exitCode: 0, output: `did ${line}\nsecond line\n`}));
		const {stdin, lastFrame} = renderDashboard({run});
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'add "fix the bug" --priority high');
		await waitFor(() => expect(run.lines).toEqual(['add "fix the bug" --priority high']));
		await waitFor(() => expect(lastFrame()).toContain('did add "fix the bug" --priority high'));
		expect(lastFrame()).toContain('second line');
		expect(lastFrame()).toContain('› add "fix the bug" --priority high');
	});

	it('takes keys typed all at once, as a script or a fast typist sends them', async () => {
		const run = fakeRunner(async (line) => ({exitCode: 0, output: `ran ${line}`}));
		const {stdin, lastFrame} = renderDashboard({run});
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		stdin.write(':list --json\r');
		await waitFor(() => expect(run.lines).toEqual(['list --json']));
		stdin.write('status\rshow x\r');
		await waitFor(() => expect(run.lines).toEqual(['list --json', 'status', 'show x']));
		await waitFor(() => expect(lastFrame()).toContain('ran show x'));
	});

	it('edits the line: cursor keys, Home/End, Ctrl-A/E, backspace and Ctrl-U', async () => {
		const run = fakeRunner();
		const {stdin, lastFrame} = renderDashboard({run});
		await focusRepl(stdin, lastFrame);
		stdin.write('abc');
		stdin.write(keys.left);
		stdin.write(keys.left);
		stdin.write('X');
		stdin.write('\u0001');
		stdin.write('Y');
		stdin.write('\u0005');
		stdin.write('\u007F');
		await waitFor(() => expect(lastFrame()).toContain('› YaXb'));
		stdin.write(keys.enter);
		await waitFor(() => expect(run.lines).toEqual(['YaXb']));
		stdin.write('junk');
		stdin.write('\u0015');
		stdin.write('ok');
		stdin.write(keys.enter);
		await waitFor(() => expect(run.lines).toEqual(['YaXb', 'ok']));
	});

	it('types q and ? as text while it has focus', async () => {
		const run = fakeRunner();
		let quits = 0;
		const {stdin, lastFrame} = renderDashboard({run, onQuit: () => quits++});
		await focusRepl(stdin, lastFrame, keys.tab);
		await typeLine(stdin, lastFrame, 'q?');
		await waitFor(() => expect(run.lines).toEqual(['q?']));
		expect(quits).toBe(0);
		expect(lastFrame()).not.toContain('close this help');
	});

	it('recalls earlier lines with ↑ and comes back with ↓', async () => {
		const run = fakeRunner();
		const {stdin, lastFrame} = renderDashboard({run});
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'list');
		await typeLine(stdin, lastFrame, 'status');
		await waitFor(() => expect(run.lines).toEqual(['list', 'status']));
		stdin.write('dr');
		await waitFor(() => expect(lastFrame()).toMatch(/› dr/));
		stdin.write(keys.up);
		stdin.write(keys.up);
		await waitFor(() => expect(lastFrame()).toMatch(/› list/));
		stdin.write(keys.down);
		await waitFor(() => expect(lastFrame()).toMatch(/› status/));
		stdin.write(keys.down);
		await waitFor(() => expect(lastFrame()).toMatch(/› dr/));
		stdin.write(keys.up);
		stdin.write(keys.up);
		stdin.write(keys.enter);
		await waitFor(() => expect(run.lines).toEqual(['list', 'status', 'list']));
	});

	it('shows a rejected command as an error and stays up', async () => {
		const run = fakeRunner(async (line) => {
			if (line === 'boom') {
				throw new Error('the runner fell over');
			}

			return {exitCode: 2, output: `unknown command "${line}"`};
		});
		const {stdin, lastFrame} = renderDashboard({run});
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'boom');
		await waitFor(() => expect(lastFrame()).toContain('error: the runner fell over'));
		await typeLine(stdin, lastFrame, 'frobnicate');
		await waitFor(() => expect(lastFrame()).toContain('unknown command "frobnicate"'));
		expect(lastFrame()).toContain('inbox (0)');
	});

	it('quits when the outcome asks to', async () => {
		let quits = 0;
		const run = fakeRunner(async () => ({exitCode: 0, output: 'bye', quit: true}));
		const {stdin, lastFrame} = renderDashboard({run, onQuit: () => quits++});
		await focusRepl(stdin, lastFrame);
		stdin.write('quit');
		await waitFor(() => expect(lastFrame()).toContain('› quit'));
		stdin.write(keys.enter);
		await waitFor(() => expect(quits).toBe(1));
		expect(run.lines).toEqual(['quit']);
	});

	it('puts board commands into the same output area; Esc goes back to the board', async () => {
		const job = makeJob({title: 'Shown', status: 'ready'});
		const run = fakeRunner(async (line) => ({exitCode: 0, output: `started ${line.split(' ')[1]}`}));
		const {stdin, lastFrame} = renderDashboard({run, store: fakeStore([job])});
		await waitFor(() => expect(lastFrame()).toContain('Shown'));
		stdin.write('l');
		stdin.write('l');
		stdin.write('d');
		await waitFor(() => expect(lastFrame()).toContain(`started ${job.id}`));
		expect(lastFrame()).toContain(`› dispatch ${job.id}`);
		stdin.write(':');
		await waitFor(() => expect(lastFrame()).not.toContain('d dispatch'));
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('d dispatch'));
	});
});

describe('replReducer', () => {
	it('keeps a bounded number of output lines', () => {
		let state = initialReplState;
		for (let index = 0; index < maxOutputLines + 50; index++) {
			state = replReducer(state, {type: 'print', tone: 'output', text: `line ${index}`});
		}

		expect(state.lines).toHaveLength(maxOutputLines);
		expect(state.lines.at(-1)?.text).toBe(`line ${maxOutputLines + 49}`);
	});

	it('drops escape sequences from output but keeps colours', () => {
		const state = replReducer(initialReplState, {
			type: 'print',
			tone: 'output',
			text: '\u001B[2J\u001B[31mred\u001B[0m\u0007',
		});
		expect(state.lines[0]?.text).toBe('\u001B[31mred\u001B[0m\uFFFD');
	});
});
