import {afterEach, describe, expect, it, vi} from 'vitest';

import {cleanup, render} from 'ink-testing-library';
import {Pane, resizeDebounceMs, type PaneProps} from '../../source/ui/pane/pane.js';
import {TerminalScreen} from '../../source/terminal/terminal-screen.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {fakePanes, fakeScreen, fakeStore, keys, makeJob, renderDashboard, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const reset = '\u001B[0m';
// eslint-disable-next-line no-control-regex
const stripSgr = (text: string) => text.replaceAll(/\u001B\[[0-9;]*m/g, '');
const started = new Date(Date.now() - 83_000).toISOString();

function pane(jobId: string, screen: PaneInfo['screen'], fields: Partial<PaneInfo> = {}): PaneInfo {
	return {jobId, run: 2, agent: 'claude', startedAt: started, screen, ...fields};
}

describe('panes', () => {
	it('shows the rows and the title: job title, agent, run and elapsed time', async () => {
		const job = makeJob({title: 'Refactor store', status: 'in_flight'});
		const screen = fakeScreen([`hello pane${reset}`, `\u001B[31mred row${reset}`]);
		const {lastFrame} = renderDashboard({store: fakeStore([job]), panes: fakePanes([pane(job.id, screen)])});
		await waitFor(() => expect(lastFrame()).toContain('hello pane'));
		expect(lastFrame()).toMatch(/Refactor store · claude · run 2 · 01:2\d/);
		expect(lastFrame()).toContain('red row');
	});

	it('resizes each screen to its content size, and again when the layout changes', async () => {
		const job = makeJob({title: 'One'});
		const first = fakeScreen([`a${reset}`]);
		const second = fakeScreen([`b${reset}`]);
		const panes = fakePanes([pane(job.id, first)]);
		const {lastFrame} = renderDashboard({store: fakeStore([job]), panes}, 100, 30);
		await waitFor(() => expect(first.resizes.at(-1)).toEqual([98, 13]));
		panes.set([pane(job.id, first), pane(job.id, second, {run: 3})]);
		await waitFor(() => expect(first.resizes.at(-1)).toEqual([48, 13]));
		expect(second.resizes.at(-1)).toEqual([48, 13]);
		expect(lastFrame()).toContain('run 3');
	});

	it('shows the exit code once the run ended', async () => {
		const job = makeJob({title: 'Done job'});
		const ok = pane(job.id, fakeScreen([`x${reset}`]), {
			endedAt: new Date().toISOString(),
			exitCode: 0,
			run: 1,
		});
		const failed = pane(job.id, fakeScreen([`y${reset}`]), {endedAt: new Date().toISOString(), exitCode: 3});
		const {lastFrame} = renderDashboard({store: fakeStore([job]), panes: fakePanes([ok, failed])});
		await waitFor(() => expect(lastFrame()).toContain('exit 0'));
		expect(lastFrame()).toContain('exit 3');
	});

	it('redraws a pane only when its version changed', async () => {
		const job = makeJob({title: 'Quiet'});
		const quiet = fakeScreen([`quiet${reset}`]);
		const busy = fakeScreen([`busy 0${reset}`]);
		let quietReads = 0;
		const counted = {
			...quiet,
			get version() {
				return quiet.version;
			},
			getRows() {
				quietReads++;
				return quiet.getRows();
			},
			resize: quiet.resize,
		};
		// Ended runs: a running one's clock would retitle (and so redraw) the quiet pane every second.
		const ended = {endedAt: new Date().toISOString(), exitCode: 0};
		const panes = fakePanes([pane(job.id, counted, ended), pane(job.id, busy, {run: 3, ...ended})]);
		const {lastFrame} = renderDashboard({store: fakeStore([job]), panes});
		await waitFor(() => expect(lastFrame()).toContain('busy 0'));
		const before = quietReads;
		for (let index = 1; index <= 5; index++) {
			busy.setRows([`busy ${index}${reset}`]);
			panes.changed();
			await waitFor(() => expect(lastFrame()).toContain(`busy ${index}`));
		}

		expect(quietReads).toBe(before);
	});

	it('draws what a real terminal made of cursor movements', async () => {
		const job = makeJob({title: 'Cursor'});
		const screen = new TerminalScreen({cols: 20, rows: 4});
		await new Promise<void>((resolve) => {
			// Write, jump to row 2 col 5, write, jump back to row 1 col 2 and overwrite one cell.
			screen.write('abc\u001B[2;5Hxy\u001B[1;2HZ\u001B[3;1H\u001B[32mgreen\u001B[0m', resolve);
		});
		const panes = fakePanes([pane(job.id, screen)]);
		const {lastFrame} = renderDashboard({store: fakeStore([job]), panes});
		await waitFor(() => expect(lastFrame()).toContain('│aZc'));
		const lines = lastFrame()!.split('\n');
		const top = lines.findIndex((line) => line.includes('│aZc'));
		expect(lines[top + 1]).toMatch(/^│ {4}xy {2}/);
		expect(stripSgr(lines[top + 2]!)).toContain('│green');
		// Every pane row is exactly as wide as the box: nothing shifts the right border.
		expect(stripSgr(lines[top]!)).toHaveLength(100);
		screen.dispose();
	});

	it("moves the focus ring between panes with Tab and arrows; Enter opens that pane's job", async () => {
		const a = makeJob({title: 'Job A'});
		const b = makeJob({title: 'Job B'});
		const lines: string[] = [];
		const run = async (line: string) => {
			lines.push(line);
			return {exitCode: 0, output: ''};
		};

		const panes = fakePanes([pane(a.id, fakeScreen([`a${reset}`])), pane(b.id, fakeScreen([`b${reset}`]))]);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([a, b]), panes, run});
		await waitFor(() => expect(lastFrame()).toContain('Job B · claude'));
		stdin.write(keys.tab);
		stdin.write(keys.right);
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${b.id.slice(-8)}`));
		stdin.write(keys.escape);
		// Closed, the panes have the keys again; Esc once more goes back to the board.
		await waitFor(() => expect(lastFrame()).toContain('Job B · claude'));
		stdin.write(keys.escape);
		// A lone Esc is told from Alt+key by the next byte's timing: wait until it has been taken.
		await waitFor(() => expect(lastFrame()).toContain('d dispatch'));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${a.id.slice(-8)}`));
		expect(lines).toEqual([]);
	});

	it('resizes its screen only once the size has been still for the debounce', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		try {
			const screen = fakeScreen([`a${reset}`]);
			const props = (cols: number, rows: number): PaneProps => ({
				screen,
				version: screen.version,
				title: 'T',
				width: cols + 2,
				height: rows + 3,
				cols,
				rows,
				focused: false,
			});
			const flush = async () => new Promise((resolve) => setImmediate(resolve));
			const {rerender} = render(<Pane {...props(30, 5)} />);
			await flush();
			rerender(<Pane {...props(40, 6)} />);
			await flush();
			rerender(<Pane {...props(50, 7)} />);
			await flush();
			vi.advanceTimersByTime(resizeDebounceMs - 1);
			expect(screen.resizes).toEqual([]);
			vi.advanceTimersByTime(1);
			expect(screen.resizes).toEqual([[50, 7]]);
		} finally {
			vi.useRealTimers();
		}
	});
});
