import stringWidth from 'string-width';
import {useEffect} from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {JobStatus} from '../../source/core/index.js';
import type {StatusInput} from '../../source/ui/status-line.js';

// Colours are decided when chalk loads, so they are forced before anything imports it.
process.env['FORCE_COLOR'] = '1';
const {cleanup, render} = await import('ink-testing-library');
const {StatusBar} = await import('../../source/ui/status-bar.js');
const {applyTheme} = await import('../../source/ui/theme.js');
const {budgetMeters} = await import('../../source/ui/status/budget-meter.js');
const {parseQuietWindow, boardFromJobs} = await import('../../source/core/index.js');
const {fakeStore, makeJob, makeRun, renderDashboard, waitFor} = await import('./helpers.js');

afterEach(() => {
	cleanup();
	applyTheme({name: 'dark', color: true, depth: 4});
});

const esc = '\u001B';
const sgr = new RegExp(`${esc}\\[([\\d;]*)m`, 'g');
/** SGR parameters that set a colour: foreground, background, bright, 256 and truecolor. */
const colourParameters = (frame: string) =>
	[...frame.matchAll(sgr)]
		.flatMap((match) => (match[1] ?? '').split(';').map(Number))
		.filter((n) => (n >= 30 && n <= 49) || (n >= 90 && n <= 107));
const plain = (frame: string) => frame.replaceAll(sgr, '');
const lastLine = (frame: string | undefined) =>
	plain(frame ?? '')
		.split('\n')
		.at(-1) ?? '';

const counts: Record<JobStatus, number> = {
	inbox: 1,
	planning: 0,
	ready: 2,
	in_flight: 2,
	review: 0,
	done: 5,
	blocked: 1,
};
const spent = (usd: number) => boardFromJobs([makeJob({title: 'A', cost: {tokens: 0, usd}})]);
const base: StatusInput = {
	counts,
	active: 2,
	limit: 4,
	home: '/home/someone/project/.xsarena',
	hiddenPanes: 0,
	confirmingQuit: false,
};
const bar = (input: Partial<StatusInput>, width = 160) =>
	render(<StatusBar width={width} {...base} {...input} />);
const night = [parseQuietWindow('22:00-07:00')];
// Wednesday 25 November 2026, local time.
const at = (hour: number, minute = 0) => new Date(2026, 10, 25, hour, minute, 30).getTime();

describe('status bar colours', () => {
	it('draws no colour at all with NO_COLOR, but keeps bold and inverse', () => {
		const everything: Partial<StatusInput> = {
			waiting: 1,
			inserting: 'Fix login',
			toast: {text: 'blocked: Fix login — exit 1', tone: 'error'},
			unreadErrors: 2,
			budget: budgetMeters(spent(0.9), {usd: 1}),
			quiet: {text: 'quiet until 07:00', inside: true},
		};
		expect(colourParameters(bar(everything, 240).lastFrame() ?? '').length).toBeGreaterThan(0);
		cleanup();
		applyTheme({color: false});
		const frame = bar(everything, 240).lastFrame() ?? '';
		expect(colourParameters(frame)).toEqual([]);
		expect(frame).toContain(`${esc}[7m`);
		expect(frame).toContain(`${esc}[1m`);
		expect(plain(frame)).toContain('$ ▰▰▰▰▱ 0.90/1.00');
	});

	it('draws the whole dashboard without colour SGR under NO_COLOR, the selection still inverse', async () => {
		applyTheme({color: false});
		const waiting = makeJob({
			title: 'Needs me',
			status: 'in_flight',
			priority: 'urgent',
			runs: [{...makeRun(1, '2026-11-25T10:00:00.000Z'), activity: 'waiting'}],
		});
		const store = fakeStore([
			makeJob({title: 'Pick me', priority: 'high'}),
			waiting,
			makeJob({title: 'Broke', status: 'blocked', reason: 'exit 1'}),
		]);
		const {lastFrame} = renderDashboard({store, chrome: {budget: {usd: 1}}}, 140, 30);
		await waitFor(() => expect(lastFrame()).toContain('Pick me'));
		expect(colourParameters(lastFrame() ?? '')).toEqual([]);
		expect(lastFrame()).toContain(`${esc}[7m`);
		expect(lastLine(lastFrame())).toContain('▲ 1 waiting');
	});

	it('picks the dark palette by default and the light one when asked', () => {
		const input = {waiting: 2, counts: {...counts, review: 3}};
		expect(bar(input).lastFrame()).toContain(`${esc}[1m${esc}[33m▲ 2 waiting`);
		cleanup();
		applyTheme({name: 'light', depth: 4});
		const light = bar(input).lastFrame() ?? '';
		expect(light).toContain(`${esc}[1m${esc}[35m▲ 2 waiting`);
		// Nothing yellow (33/93) or cyan (36/96) on a light background.
		expect(colourParameters(light).filter((n) => [33, 36, 93, 96].includes(n))).toEqual([]);
	});

	it('colours the counts by column and mutes the empty ones', () => {
		const frame = bar({}).lastFrame() ?? '';
		expect(frame).toContain(`${esc}[37min 1`);
		expect(frame).toContain(`${esc}[32m done 5`);
		expect(frame).toContain(`${esc}[31m blk 1`);
		expect(frame).toContain(`${esc}[90m plan 0`);
	});
});

describe('status bar segments', () => {
	it('draws the budget bar plain below warnAt, yellow from it and red at the limit', () => {
		const usd = (amount: number) => bar({budget: budgetMeters(spent(amount), {usd: 1})}).lastFrame() ?? '';
		expect(plain(usd(0.62))).toContain('$ ▰▰▰▱▱ 0.62/1.00');
		expect(usd(0.62)).toContain('│ $ ▰▰▰▱▱');
		expect(usd(0.85)).toContain(`${esc}[1m${esc}[33m$ ▰▰▰▰▱ 0.85/1.00`);
		expect(usd(1)).toContain(`${esc}[1m${esc}[31m$ ▰▰▰▰▰ 1.00/1.00`);
	});

	it('shows no budget bar without a budget, and the board’s spending with one', async () => {
		const store = fakeStore([makeJob({title: 'A', cost: {tokens: 40_000, usd: 0.3}})]);
		const without = renderDashboard({store}, 140, 24);
		await waitFor(() => expect(lastLine(without.lastFrame())).toContain('runs 0/4'));
		expect(lastLine(without.lastFrame())).not.toContain('▰');
		cleanup();
		const withBudget = renderDashboard({store, chrome: {budget: {usd: 1, tokens: 50_000}}}, 140, 24);
		await waitFor(() => expect(lastLine(withBudget.lastFrame())).toContain('tok ▰▰▰▰▱ 40k/50k'));
		expect(lastLine(withBudget.lastFrame())).toContain('$ ▰▱▱▱▱ 0.30/1.00');
	});

	it('shows quiet hours inside them, their start within two hours, and nothing otherwise', async () => {
		const line = async (now: number) => {
			const {lastFrame} = renderDashboard({chrome: {quietHours: night, now: () => now}}, 140, 24);
			await waitFor(() => expect(lastLine(lastFrame())).toContain('runs 0/4'));
			const text = lastLine(lastFrame());
			cleanup();
			return text;
		};

		expect(await line(at(23))).toContain('quiet until Thu 07:00');
		expect(await line(at(3))).toContain('quiet until 07:00');
		expect(await line(at(21, 5))).toContain('quiet from 22:00');
		expect(await line(at(12))).not.toContain('quiet');
	});

	it('re-reads the clock once a minute and commits only when the quiet text changes', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
		try {
			vi.setSystemTime(at(19, 58));
			const {useQuiet} = await import('../../source/ui/status/use-quiet.js');
			// Counted after each commit: React may call a component whose state did not change, then skip it.
			const renders: string[] = [];
			function Probe() {
				const text = useQuiet(night)?.text ?? '-';
				useEffect(() => {
					renders.push(text);
				});
				return null;
			}

			// React runs effects and updates from its own (real) setImmediate queue.
			const settle = async () => {
				for (let turn = 0; turn < 5; turn++) {
					await new Promise((resolve) => setImmediate(resolve));
				}
			};

			const minutes = async (count: number) => {
				for (let minute = 0; minute < count; minute++) {
					await vi.advanceTimersByTimeAsync(60_000);
					await settle();
				}
			};

			render(<Probe />);
			await settle();
			expect(renders).toEqual(['-']);
			await minutes(1);
			expect(renders.at(-1)).toBe('-');
			await minutes(1);
			expect(renders.at(-1)).toBe('quiet from 22:00');
			const count = renders.length;
			await minutes(30);
			expect(renders).toHaveLength(count);
			expect(count).toBe(2);
		} finally {
			vi.useRealTimers();
		}
	});

	it('fits 80 columns exactly, dropping the least important segments first', () => {
		const frame = bar(
			{
				waiting: 1,
				toast: {text: 'blocked: Fix login — exit 1', tone: 'error'},
				unreadErrors: 2,
				budget: budgetMeters(spent(0.9), {usd: 1, tokens: 100_000}),
				quiet: {text: 'quiet until 07:00', inside: true},
				notice: 'seeded the demo board',
				warning: {file: '/x/events.jsonl', line: 9, message: 'torn line'},
				hiddenPanes: 2,
			},
			80,
		).lastFrame();
		const line = plain(frame ?? '');
		expect(line.split('\n')).toHaveLength(1);
		expect(stringWidth(line)).toBe(80);
		// The toast is cut rather than dropped; nothing less important comes after it.
		expect(line).toMatch(
			/^in 1 rdy 2 run 2 done 5 blk 1 │ runs 2\/4 │ ▲ 1 waiting │ blocked: Fix lo… \? help$/,
		);
		expect(line).not.toContain('seeded');
		expect(line).not.toContain('panes');
		expect(line.endsWith('? help')).toBe(true);
	});

	it('keeps the dashboard’s status bar to one line at 80×24', async () => {
		const store = fakeStore([makeJob({title: 'A', cost: {tokens: 0, usd: 0.5}, status: 'ready'})]);
		const {lastFrame} = renderDashboard(
			{
				store,
				notice: 'seeded the demo board from .xsarena.example/',
				chrome: {budget: {usd: 1}, quietHours: night, now: () => at(23)},
			},
			80,
			24,
		);
		await waitFor(() => expect(lastLine(lastFrame())).toContain('runs 0/4'));
		const lines = plain(lastFrame() ?? '').split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		expect(stringWidth(lines.at(-1)!)).toBeLessThanOrEqual(80);
		expect(lines.at(-1)).toMatch(
			/^rdy 1 │ runs 0\/4 │ \$ ▰▰▱▱▱ 0\.50\/1\.00 │ quiet until Thu 07:00 │ seeded/,
		);
	});
});
