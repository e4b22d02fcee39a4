import {describe, expect, it} from 'vitest';
import {boardFromJobs} from '../../source/core/index.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {bar, paddedBar, sparkline} from '../../source/ui/stats/glyphs.js';
import {emptyHistory, ratesOf, recordTotals, sumSeries} from '../../source/ui/stats/rate-history.js';
import {createRateSampler, type SamplerTimers} from '../../source/ui/stats/rate-sampler.js';
import {compact, formatDuration, formatRate, formatUsd} from '../../source/ui/stats/stats-format.js';
import {
	finishedSection,
	runsSection,
	shareRows,
	spendSection,
	stackSections,
	type StatsLine,
} from '../../source/ui/stats/stats-sections.js';
import {fakePanes, fakeScreen, makeJob} from './helpers.js';

const text = (line: StatsLine) => line.map((segment) => segment.text).join('');

describe('sparkline', () => {
	it('maps values to eight heights against the largest, zero to a blank', () => {
		expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8])).toBe(' ▁▂▃▄▅▆▇█');
		expect(sparkline([0, 0])).toBe('  ');
		expect(sparkline([])).toBe('');
	});

	it('gives any positive value at least the lowest block, on a given scale', () => {
		expect(sparkline([0.01, 100])).toBe('▁█');
		expect(sparkline([5], 10)).toBe('▄');
		expect(sparkline([20], 10)).toBe('█');
	});
});

describe('bar', () => {
	it('draws whole cells and a last cell to the eighth', () => {
		expect(bar(10, 10, 4)).toBe('████');
		expect(bar(5, 10, 4)).toBe('██');
		expect(bar(1, 8, 1)).toBe('▏');
		expect(bar(3, 8, 1)).toBe('▍');
		expect(bar(7, 8, 1)).toBe('▉');
		expect(bar(9, 16, 2)).toBe('█▏');
	});

	it('shows a tiny amount as an eighth and nothing as nothing', () => {
		expect(bar(0.001, 1000, 10)).toBe('▏');
		expect(bar(0, 10, 10)).toBe('');
		expect(bar(5, 0, 10)).toBe('');
		expect(bar(20, 10, 3)).toBe('███');
		expect(paddedBar(5, 10, 4)).toBe('██  ');
	});
});

describe('stats formats', () => {
	it('writes counts, rates, dollars and durations briefly', () => {
		expect([0, 950, 1234, 34_000, 5_600_000].map((value) => compact(value))).toEqual([
			'0',
			'950',
			'1.2K',
			'34K',
			'5.6M',
		]);
		expect(formatRate(2300, 'bytes')).toBe('2.3KB/s');
		expect(formatRate(3, 'updates')).toBe('3 upd/s');
		expect(formatUsd(0.413)).toBe('$0.41');
		expect([45_000, 723_000, 7_500_000].map((ms) => formatDuration(ms))).toEqual(['45s', '12m03s', '2h05m']);
	});
});

describe('rate history', () => {
	const at = (seconds: number) => 1_000_000_000 + seconds * 1000;

	it('puts each sample’s growth in its bucket and gives rates per second, oldest first', () => {
		let history = emptyHistory(10_000, 3);
		history = recordTotals(history, new Map([['a', 100]]), at(0));
		history = recordTotals(history, new Map([['a', 300]]), at(5));
		history = recordTotals(history, new Map([['a', 800]]), at(12));
		// Buckets of 10 s: the window's newest is the one holding at(12), after the one holding at(5).
		expect(ratesOf(history, 'a', at(12))).toEqual([0, 20, 50]);
		expect(ratesOf(history, 'missing', at(12))).toEqual([0, 0, 0]);
		// Later, the window moves on: the old buckets slide out.
		expect(ratesOf(history, 'a', at(31))).toEqual([50, 0, 0]);
	});

	it('counts nothing before a key’s first sample, and restarts when a counter goes down', () => {
		let history = recordTotals(emptyHistory(1000, 5), new Map([['a', 5000]]), at(0));
		expect(ratesOf(history, 'a', at(0))).toEqual([0, 0, 0, 0, 0]);
		history = recordTotals(history, new Map([['a', 10]]), at(1));
		history = recordTotals(history, new Map([['a', 30]]), at(2));
		expect(ratesOf(history, 'a', at(2))).toEqual([0, 0, 0, 0, 20]);
	});

	it('returns the same history when nothing changed, and forgets keys whose buckets left the window', () => {
		let history = recordTotals(emptyHistory(1000, 2), new Map([['a', 1]]), at(0));
		expect(recordTotals(history, new Map([['a', 1]]), at(0.5))).toBe(history);
		history = recordTotals(history, new Map([['a', 2]]), at(1));
		history = recordTotals(history, new Map(), at(5));
		expect(history.series.has('a')).toBe(false);
	});

	it('sums series element by element', () => {
		expect(
			sumSeries([
				[1, 2],
				[3, 4, 5],
			]),
		).toEqual([4, 6, 5]);
	});
});

/** Timers driven by hand: `advance` runs what falls due. */
function manualTimers() {
	let now = 1_000_000;
	type Timer = {at: number; every?: number; run: () => void};
	const timers = new Set<Timer>();
	const api: SamplerTimers = {
		now: () => now,
		setTimeout(run, ms) {
			const timer = {at: now + ms, run};
			timers.add(timer);
			return timer;
		},
		clearTimeout: (handle) => timers.delete(handle as Timer),
		setInterval(run, ms) {
			const timer = {at: now + ms, every: ms, run};
			timers.add(timer);
			return timer;
		},
		clearInterval: (handle) => timers.delete(handle as Timer),
	};
	return {
		api,
		get pending() {
			return timers.size;
		},
		advance(ms: number) {
			const end = now + ms;
			for (;;) {
				const due = [...timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
				if (!due) {
					break;
				}

				now = due.at;
				if (due.every) {
					due.at += due.every;
				} else {
					timers.delete(due);
				}

				due.run();
			}

			now = end;
		},
	};
}

describe('rate sampler', () => {
	function setup() {
		const screen = Object.assign(fakeScreen(['x']), {bytes: 0});
		const pane: PaneInfo = {jobId: 'J1', run: 1, agent: 'claude', startedAt: '', screen};
		const panes = fakePanes([pane]);
		const timers = manualTimers();
		const sampler = createRateSampler(panes, 1000, timers.api);
		return {screen, panes, timers, sampler};
	}

	it('runs no timer while the panes are quiet and nobody listens', () => {
		const {timers, sampler} = setup();
		const stop = sampler.start();
		expect(timers.pending).toBe(0);
		timers.advance(60_000);
		expect(timers.pending).toBe(0);
		stop();
	});

	it('samples a flood of changes at most once a second, and tells listeners at most that often', () => {
		const {screen, panes, timers, sampler} = setup();
		const stop = sampler.start();
		let told = 0;
		const unsubscribe = sampler.subscribe(() => told++);
		for (let ms = 0; ms < 5000; ms += 10) {
			screen.bytes += 100;
			panes.changed();
			timers.advance(10);
		}

		expect(told).toBeLessThanOrEqual(6);
		expect(told).toBeGreaterThanOrEqual(4);
		const {history, series} = sampler.getSnapshot();
		expect(series.get('J1:1')).toMatchObject({agent: 'claude', unit: 'bytes'});
		const total = ratesOf(history, 'J1:1', timers.api.now()).reduce((sum, rate) => sum + rate * 10, 0);
		// All but the first sample's baseline and the last second's trailing bytes are counted.
		expect(total).toBeGreaterThan(40_000);
		unsubscribe();
		expect(timers.pending).toBeLessThanOrEqual(1);
		timers.advance(2000);
		expect(timers.pending).toBe(0);
		stop();
	});

	it('ticks once a second while listened to, telling only of changes', () => {
		const {timers, sampler} = setup();
		let told = 0;
		const unsubscribe = sampler.subscribe(() => told++);
		timers.advance(30_000);
		// The window moves on every 10 s bucket; quiet seconds in between change nothing.
		expect(told).toBeLessThanOrEqual(4);
		unsubscribe();
		expect(timers.pending).toBe(0);
	});
});

describe('sections', () => {
	const now = Date.parse('2026-11-25T12:30:00.000Z');
	const run = (n: number, start: string, end?: string, exitCode?: number) => ({
		n,
		engine: 'e',
		agent: 'shell',
		command: [],
		claimedAt: start,
		startedAt: start,
		endedAt: end,
		exitCode,
		bytes: 0,
		state: end ? ('exited' as const) : ('running' as const),
		activity: 'busy' as const,
	});
	const board = boardFromJobs([
		makeJob({
			title: 'Long one',
			status: 'done',
			updatedAt: '2026-11-25T12:10:00.000Z',
			runs: [run(1, '2026-11-25T12:00:00.000Z', '2026-11-25T12:10:00.000Z', 0)],
			cost: {tokens: 12_000, usd: 0.4},
		}),
		makeJob({
			title: 'Short one',
			status: 'in_flight',
			runs: [run(1, '2026-11-25T12:25:00.000Z')],
			cost: {tokens: 3000, usd: 0.1},
		}),
		makeJob({title: 'Done earlier', status: 'done', updatedAt: '2026-11-25T10:05:00.000Z'}),
	]);

	it('draws run durations as bars, the latest run first, with how each ended', () => {
		const section = runsSection(board, now, 80);
		expect(section.title).toBe('run durations · 2 runs');
		const [short, long] = section.rows.map((line) => text(line));
		// 80 cells: a 24-cell label, a 32-cell bar, the duration and the outcome.
		expect(short).toMatch(/^Short one #1 {12} █{16} {16} +5m00s running$/);
		expect(long).toMatch(/^Long one #1 {13} █{32} +10m00s exit 0$/);
	});

	it('draws tokens and dollars as bars, the most expensive first, with totals', () => {
		const section = spendSection(board, 80);
		expect(section.title).toBe('tokens and cost · 15K tokens · $0.50 in all');
		expect(section.rows.map((line) => text(line).replaceAll(/ +/g, ' '))).toEqual([
			'Long one ██████████████████ 12K tok ██████████████████ $0.40',
			'Short one ████▌ 3.0K tok ████▌ $0.10',
		]);
	});

	it('counts jobs finished per hour, the latest hour first', () => {
		const section = finishedSection(board, now, 40, 4);
		expect(section.title).toBe('jobs finished per hour · 2 in the last 4 h');
		expect(section.rows.map((line) => text(line).trimEnd().at(-1))).toEqual(['1', '0', '1', '0']);
	});

	it('shares rows fairly, cutting the long sections with a count of the rest', () => {
		expect(shareRows([3, 20, 20], 20)).toEqual([3, 9, 8]);
		expect(shareRows([2, 2], 10)).toEqual([2, 2]);
		const rows = (count: number) => Array.from({length: count}, (_, index) => [{text: `row ${index}`}]);
		const lines = stackSections(
			[
				{title: 'A', rows: rows(30), empty: ''},
				{title: 'B', rows: [], empty: 'nothing'},
			],
			40,
			10,
		);
		expect(lines.map((line) => text(line))).toEqual([
			'A',
			'row 0',
			'row 1',
			'row 2',
			'row 3',
			'row 4',
			'… 25 more',
			'',
			'B',
			'nothing',
		]);
	});
});
