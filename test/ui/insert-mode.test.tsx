import {afterEach, describe, expect, it} from 'vitest';

import {cleanup} from 'ink-testing-library';
import {nothingToTypeInto, runEndedWhileInserting} from '../../source/ui/insert/use-insert-mode.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {
	fakePanes,
	fakeScreen,
	fakeStore,
	keys,
	makeJob,
	makeRun,
	renderDashboard,
	waitFor,
} from './helpers.js';

afterEach(() => {
	cleanup();
});

const reset = '\u001B[0m';
const esc = '\u001B';
const insertBar = '-- INSERT -- Chat with it (Esc Esc or Ctrl-] to leave)';

/** A dashboard with one running pane whose agent input is recorded in `written`. */
async function insertDashboard(escapeWindowMs?: number) {
	const job = makeJob({
		title: 'Chat with it',
		status: 'in_flight',
		runs: [makeRun(1, new Date().toISOString())],
	});
	const written: string[] = [];
	const info: PaneInfo = {
		jobId: job.id,
		run: 1,
		agent: 'shell',
		startedAt: new Date().toISOString(),
		screen: fakeScreen([`prompt>${reset}`]),
		write: (data) => written.push(data),
	};
	const panes = fakePanes([info]);
	let quits = 0;
	const rendered = renderDashboard(
		{store: fakeStore([job]), panes, escapeWindowMs, onQuit: () => quits++},
		120,
		30,
	);
	const {stdin, lastFrame} = rendered;
	await waitFor(() => expect(lastFrame()).toContain('prompt>'));
	stdin.write(keys.tab);
	await waitFor(() => expect(lastFrame()).toContain('i insert'));
	stdin.write('i');
	await waitFor(() => expect(lastFrame()).toContain(insertBar));
	return {...rendered, info, panes, written, quits: () => quits};
}

const statusBar = (frame: string | undefined) => (frame ?? '').split('\n').at(-1) ?? '';

describe('insert mode', () => {
	it('sends every key to the agent as raw bytes, global keys included', async () => {
		const {stdin, written, quits, lastFrame} = await insertDashboard();
		const typed = [
			'h',
			'e',
			'llo',
			'\r',
			'\u007F',
			keys.up,
			keys.left,
			'\t',
			'\u0003',
			'\u0004',
			'q',
			'?',
			':',
		];
		for (const raw of typed) {
			stdin.write(raw);
		}

		await waitFor(() => expect(written.join('')).toBe(typed.join('')));
		expect(quits()).toBe(0);
		expect(statusBar(lastFrame())).toContain(insertBar);
		// The key hint shows the way out instead of the board's keys.
		expect(lastFrame()).toContain('esc esc leave · ctrl+] leave at once');
	});

	it('forwards a bracketed paste whole, markers included', async () => {
		const {stdin, written} = await insertDashboard();
		stdin.write(`${esc}[200~one\rtwo${esc}[201~`);
		await waitFor(() => expect(written.join('')).toBe(`${esc}[200~one\rtwo${esc}[201~`));
	});

	it('leaves on Esc Esc without sending either, and the keys work again', async () => {
		const {stdin, written, lastFrame, quits} = await insertDashboard();
		stdin.write('a');
		stdin.write(esc);
		await new Promise((resolve) => setTimeout(resolve, 30));
		stdin.write(esc);
		await waitFor(() => expect(statusBar(lastFrame())).not.toContain('INSERT'));
		expect(written).toEqual(['a']);
		stdin.write('q');
		await waitFor(() => expect(statusBar(lastFrame())).toContain('quit and stop them?'));
		expect(quits()).toBe(0);
	});

	it('sends a single Esc once the window has passed, and stays', async () => {
		const {stdin, written, lastFrame} = await insertDashboard(40);
		stdin.write(esc);
		await waitFor(() => expect(written).toEqual([esc]));
		stdin.write('x');
		await waitFor(() => expect(written).toEqual([esc, 'x']));
		expect(statusBar(lastFrame())).toContain(insertBar);
	});

	it('leaves at once on Ctrl-]; the keys after it are the board’s again', async () => {
		const {stdin, written, lastFrame} = await insertDashboard();
		stdin.write('\u001D');
		await waitFor(() => expect(statusBar(lastFrame())).not.toContain('INSERT'));
		stdin.write('?');
		await waitFor(() => expect(lastFrame()).toContain('? or esc to close)'));
		expect(written).toEqual([]);
	});

	it('leaves when the run ends, saying so', async () => {
		const {panes, info, lastFrame, stdin, written} = await insertDashboard();
		panes.set([{...info, write: undefined, endedAt: new Date().toISOString(), exitCode: 0}]);
		await waitFor(() => expect(statusBar(lastFrame())).toContain(runEndedWhileInserting));
		expect(statusBar(lastFrame())).not.toContain('INSERT');
		stdin.write('?');
		await waitFor(() => expect(lastFrame()).toContain('? or esc to close)'));
		expect(written).toEqual([]);
	});

	it('refuses a pane whose run ended, with a notice', async () => {
		const job = makeJob({title: 'Finished'});
		const info: PaneInfo = {
			jobId: job.id,
			run: 1,
			agent: 'shell',
			startedAt: new Date().toISOString(),
			endedAt: new Date().toISOString(),
			exitCode: 0,
			screen: fakeScreen([`bye${reset}`]),
		};
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([job]), panes: fakePanes([info])}, 120, 30);
		await waitFor(() => expect(lastFrame()).toContain('bye'));
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toContain('i insert'));
		stdin.write('i');
		await waitFor(() => expect(statusBar(lastFrame())).toContain(nothingToTypeInto));
		expect(statusBar(lastFrame())).not.toContain('INSERT');
		// Still the normal keys: Esc goes back to the board.
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('d dispatch'));
	});

	it('is listed in the help: i, esc esc, ctrl+]', async () => {
		const {stdin, lastFrame} = renderDashboard({}, 120, 40);
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		stdin.write('?');
		await waitFor(() => expect(lastFrame()).toContain('? or esc to close)'));
		// The table is longer than one page at this size: read every page.
		let frame = lastFrame()!;
		const pages = Number(/page 1\/(\d+)/.exec(frame)?.[1] ?? 1);
		for (let page = 2; page <= pages; page++) {
			stdin.write(' ');
			await waitFor(() => expect(lastFrame()).toContain(`page ${page}/${pages}`));
			frame += lastFrame()!;
		}

		expect(frame).toMatch(/i +type into the pane's agent/);
		expect(frame).toMatch(/esc esc +leave \(one esc waits 300 ms\)/);
		expect(frame).toMatch(/ctrl\+] +leave insert mode at once/);
		expect(frame).toContain('insert mode (other keys go to the agent)');
	});
});
