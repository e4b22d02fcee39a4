import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {makeEvent, type AuthorSpec, type Job, type JobEvent} from '../../source/core/index.js';
import {detailLines} from '../../source/ui/detail/detail-lines.js';
import {createTimelineSource} from '../../source/ui/detail/timeline-source.js';
import type {BoardSource, EventBatch} from '../../source/ui/ports.js';
import {startProgress} from '../../source/core/index.js';
import {
	focusRepl,
	fakeRunner,
	fakeStore,
	keys,
	makeJob,
	makeRun,
	renderDashboard,
	typeLine,
	waitFor,
} from './helpers.js';

afterEach(() => {
	cleanup();
	vi.useRealTimers();
});

let eventSequence = 0;

function event(job: Job, at: string, type: 'created' | 'moved' | 'output' | 'exited' | 'message'): JobEvent {
	eventSequence++;
	const meta = {id: `01EVT${String(eventSequence).padStart(21, '0')}`, at, by: 'test'};
	switch (type) {
		case 'created': {
			return makeEvent(
				'job.created',
				job.id,
				{
					title: job.title,
					description: '',
					kind: 'agent',
					status: 'inbox',
					priority: 'medium',
					agent: 'shell',
				} as never,
				meta,
			);
		}

		case 'moved': {
			return makeEvent('job.status_changed', job.id, {from: 'inbox', to: 'ready'}, meta);
		}

		case 'output': {
			return makeEvent('run.output', job.id, {run: 1, bytes: 2048}, meta);
		}

		case 'exited': {
			return makeEvent('run.exited', job.id, {run: 1, code: 0, signal: null}, meta);
		}

		case 'message': {
			return makeEvent('job.message', job.id, {from: 'claude', text: 'tests are green'}, meta);
		}
	}
}

/** A store that can read events: the log is `events`, one "byte" per event. */
function storeWithEvents(jobs: readonly Job[], events: JobEvent[]): BoardSource & {reads: number} {
	const store = fakeStore(jobs);
	const result = {
		subscribe: store.subscribe,
		getSnapshot: store.getSnapshot,
		reads: 0,
		readEventsFrom(jobId: string, offset: number): EventBatch {
			result.reads++;
			const mine = events.filter((candidate) => candidate.jobId === jobId);
			return {events: mine.slice(offset), offset: mine.length};
		},
	};
	return result;
}

function richJob(): {job: Job; dependency: Job} {
	const dependency = makeJob({title: 'Set up the database', status: 'done'});
	const started = '2026-11-25T10:00:00.000Z';
	const job = makeJob({
		title: 'Fix the login bug',
		status: 'review',
		priority: 'high',
		agent: 'claude',
		description: 'Users cannot log in after the session expires.\nReproduce with an expired cookie.',
		acceptance: ['login works after expiry', 'a test covers it'],
		blockedBy: [dependency.id],
		artifacts: ['DONE', 'notes/summary.md'],
		messages: [{id: 'm1', at: started, from: 'claude', text: 'tests are green'}],
		cost: {tokens: 12_345, usd: 0.4321},
		runs: [
			{...makeRun(1, started), state: 'exited', exitCode: 0, endedAt: '2026-11-25T10:02:31.000Z'},
			{
				...makeRun(2, '2026-11-25T10:05:00.000Z'),
				state: 'interrupted',
				endedAt: '2026-11-25T10:05:12.000Z',
				reason: 'engine stopped',
			},
		],
	});
	return {job, dependency};
}

describe('job detail lines', () => {
	it('lists every section, with dependency statuses and checkboxes', () => {
		const {job, dependency} = richJob();
		const board = fakeStore([job, dependency]).getSnapshot().board;
		const text = detailLines({job, board, timeline: [], timelineDropped: 0, now: 0, width: 100})
			.map((line) => line.map((segment) => segment.text).join(''))
			.join('\n');
		for (const expected of [
			'Fix the login bug',
			'review',
			'Users cannot log in after the session expires.',
			'Reproduce with an expired cookie.',
			'[ ] login works after expiry',
			'[ ] a test covers it',
			`needs  ${dependency.id.slice(-8)} done ✓  Set up the database`,
			'exit 0',
			'02:31',
			'interrupted',
			'engine stopped',
			'tests are green',
			'notes/summary.md',
			'12345 tokens · $0.4321',
			'Timeline (0 events)',
		]) {
			expect(text).toContain(expected);
		}

		const done = detailLines({
			job: {...job, status: 'done'},
			board,
			timeline: [],
			timelineDropped: 0,
			now: 0,
			width: 100,
		});
		expect(done.map((line) => line.map((segment) => segment.text).join('')).join('\n')).toContain(
			'[x] a test covers it',
		);
	});

	it('shows an author job’s progress and outline', () => {
		const spec: AuthorSpec = {
			subject: 'Rust',
			template: 'book',
			length: 'standard',
			span: 'medium',
			chunks: 4,
			minChars: 1000,
			passes: 1,
			overlays: [],
			files: [],
			plan: true,
			continuation: 'anchor',
			anchorChars: 500,
			repetitionThreshold: 0.8,
			repetitionAction: 'continue',
			stallChars: 10,
		};
		const job = makeJob({
			title: 'A book',
			kind: 'author',
			author: {...startProgress(spec), chunks: 2, chars: 2500, tokens: 900, outline: ['Intro', 'Ownership']},
		});
		const text = detailLines({
			job,
			board: fakeStore([job]).getSnapshot().board,
			timeline: [],
			timelineDropped: 0,
			now: 0,
			width: 100,
		})
			.map((line) => line.map((segment) => segment.text).join(''))
			.join('\n');
		expect(text).toContain('Author progress');
		expect(text).toContain('chunk 2/4');
		expect(text).toContain('2.5k/4.0k chars');
		expect(text).toContain('[x] 1. Intro');
	});
});

describe('timeline source', () => {
	it('reads on from its offset, leaves run.output out, and keeps only the latest entries', async () => {
		const job = makeJob({title: 'Timed'});
		const events = [
			event(job, '2026-11-25T10:00:00.000Z', 'created'),
			event(job, '2026-11-25T10:00:01.000Z', 'output'),
		];
		const offsets: number[] = [];
		const source = createTimelineSource(
			(_jobId, offset) => {
				offsets.push(offset);
				return {events: events.slice(offset), offset: events.length};
			},
			job.id,
			2,
		);
		let heard = 0;
		source.subscribe(() => heard++);
		source.refresh();
		source.refresh();
		await waitFor(() => expect(source.getSnapshot().loaded).toBe(true));
		expect(source.getSnapshot().entries.map((entry) => entry.type)).toEqual(['job.created']);

		events.push(
			event(job, '2026-11-25T10:00:02.000Z', 'moved'),
			event(job, '2026-11-25T10:00:03.000Z', 'message'),
		);
		source.refresh();
		await waitFor(() => expect(source.getSnapshot().dropped).toBe(1));
		expect(source.getSnapshot().entries.map((entry) => entry.text)).toEqual([
			'moved inbox → ready',
			'message from claude: tests are green',
		]);
		expect(offsets).toEqual([0, 2]);
		expect(heard).toBe(2);
		source.dispose();
	});

	it('reports a read error instead of throwing', async () => {
		const source = createTimelineSource(() => {
			throw new Error('EACCES: permission denied');
		}, 'x');
		source.refresh();
		await waitFor(() => expect(source.getSnapshot().error).toBe('EACCES: permission denied'));
	});
});

describe('job detail view', () => {
	it('opens with Enter on a card: every section and the timeline; Esc closes', async () => {
		const {job, dependency} = richJob();
		const events = [
			event(job, '2026-11-25T10:00:00.000Z', 'created'),
			event(job, '2026-11-25T10:00:01.000Z', 'output'),
			event(job, '2026-11-25T10:02:31.000Z', 'exited'),
		];
		const store = storeWithEvents([job, dependency], events);
		const {stdin, lastFrame} = renderDashboard({store}, 100, 60);
		await waitFor(() => expect(lastFrame()).toContain('review (1)'));
		for (let column = 0; column < 4; column++) {
			stdin.write('l');
		}

		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${job.id.slice(-8)}`));
		await waitFor(() => expect(lastFrame()).toContain('run 1 exited with code 0'));
		const frame = lastFrame()!;
		for (const expected of [
			'Description',
			'Acceptance criteria (2)',
			'[ ] login works after expiry',
			'Dependencies',
			'done ✓',
			'Runs (2)',
			'Messages (1)',
			'Artifacts (2)',
			'Cost',
			'Timeline (2 events)',
			'job.created',
		]) {
			expect(frame).toContain(expected);
		}

		// run.output only counts bytes: not in the timeline.
		expect(frame).not.toContain('has written');
		expect(frame).not.toContain('planning (');
		expect(frame).toContain('pgup scroll · esc close');

		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('planning ('));
	});

	it('scrolls with j/k, PgDn/PgUp and G/g, and says which lines it shows', async () => {
		const job = makeJob({
			title: 'Long one',
			acceptance: Array.from({length: 40}, (_, index) => `criterion ${index}`),
		});
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([job])}, 100, 30);
		await waitFor(() => expect(lastFrame()).toContain('Long one'));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toMatch(/lines 1–\d+ of \d+ · ↓ \d+ more/));
		expect(lastFrame()).toContain('criterion 0');
		stdin.write('j');
		await waitFor(() => expect(lastFrame()).toMatch(/lines 2–/));
		stdin.write('\u001B[6~');
		await waitFor(() => expect(lastFrame()).not.toContain('criterion 0 '));
		stdin.write('G');
		// The fake store cannot read event logs: the timeline says so.
		await waitFor(() => expect(lastFrame()).toContain('cannot read event logs'));
		expect(lastFrame()).not.toMatch(/more ·/);
		stdin.write('k');
		await waitFor(() => expect(lastFrame()).toMatch(/↓ 1 more/));
		stdin.write('g');
		await waitFor(() => expect(lastFrame()).toMatch(/lines 1–/));
	});

	it('opens from the REPL with show <id> (a prefix will do); an unknown id runs the command', async () => {
		const job = makeJob({title: 'Typed open'});
		const run = fakeRunner(async () => ({exitCode: 1, output: 'error: no job nope'}));
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([job]), run}, 100, 30);
		await waitFor(() => expect(lastFrame()).toContain('Typed open'));
		await focusRepl(stdin, lastFrame);
		await typeLine(stdin, lastFrame, 'show nope');
		await waitFor(() => expect(lastFrame()).toContain('error: no job nope'));
		const line = `show ${job.id.slice(0, 22).toLowerCase()}`;
		stdin.write(line);
		await waitFor(() => expect(lastFrame()).toContain(`› ${line}`));
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${job.id.slice(-8)}`));
		expect(run.lines).toEqual(['show nope']);
		// The detail view has the keys now: j scrolls, Esc closes.
		expect(lastFrame()).toContain('esc close');
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('inbox (1)'));
	});
});
