import type {Job} from '../../source/core/index.js';
import {handMoveTarget} from '../../source/ui/keys/area-layers.js';
import {afterEach, describe, expect, it} from 'vitest';

import {cleanup} from 'ink-testing-library';
import {fakeRunner, fakeStore, keys, makeJob, makeRun, renderDashboard, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('board', () => {
	it('shows the seven columns with counts and cards with title, priority and agent', async () => {
		const jobs = [
			makeJob({title: 'Write README', priority: 'high', agent: 'claude'}),
			makeJob({title: 'Fix login', status: 'ready', priority: 'urgent', agent: 'codex'}),
			makeJob({title: 'Tidy', status: 'ready', priority: 'low'}),
			makeJob({title: 'Deploy', status: 'blocked', reason: 'exit code 2'}),
		];
		const {lastFrame} = renderDashboard({store: fakeStore(jobs)});
		await waitFor(() => expect(lastFrame()).toContain('blocked (1)'));
		const frame = lastFrame()!;
		for (const header of [
			'inbox (1)',
			'planning (0)',
			'ready (2)',
			'in_flight (0)',
			'review (0)',
			'done (0)',
		]) {
			expect(frame).toContain(header);
		}

		expect(frame).toContain('Write README');
		expect(frame).toContain('high claude');
		expect(frame).toContain('urgent codex');
		expect(frame).toContain('exit code 2');
		// Within a column the higher priority comes first.
		expect(frame.indexOf('Fix login')).toBeLessThan(frame.indexOf('Tidy'));
	});

	it('cuts long titles to the column width instead of wrapping', async () => {
		const {lastFrame} = renderDashboard({
			store: fakeStore([makeJob({title: 'A very long title that cannot fit in a column'})]),
		});
		await waitFor(() => expect(lastFrame()).toContain('A very long t…'));
		expect(lastFrame()).not.toContain('cannot fit');
	});

	it('moves the selection with arrows and hjkl; Enter opens the selected job', async () => {
		const first = makeJob({title: 'First ready', status: 'ready', priority: 'high'});
		const second = makeJob({title: 'Second ready', status: 'ready', priority: 'low'});
		const inbox = makeJob({title: 'In the inbox'});
		const run = fakeRunner();
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([first, second, inbox]), run});
		await waitFor(() => expect(lastFrame()).toContain('Second ready'));

		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${inbox.id.slice(-8)}`));
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('Second ready'));

		stdin.write(keys.right);
		stdin.write('l');
		stdin.write(keys.down);
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${second.id.slice(-8)}`));
		stdin.write('q');
		await waitFor(() => expect(lastFrame()).toContain('First ready'));

		stdin.write('k');
		stdin.write('d');
		await waitFor(() => expect(run.lines.at(-1)).toBe(`dispatch ${first.id}`));
		stdin.write('x');
		await waitFor(() => expect(run.lines.at(-1)).toBe(`cancel ${first.id}`));

		stdin.write(keys.left);
		stdin.write('h');
		stdin.write(keys.enter);
		await waitFor(() => expect(lastFrame()).toContain(`job ${inbox.id.slice(-8)}`));
		// Opening a job runs no command.
		expect(run.lines).toEqual([`dispatch ${first.id}`, `cancel ${first.id}`]);
	});

	it('moves the selected card to the next or previous column with L and H (skipping in_flight)', async () => {
		const job = makeJob({title: 'Mover', status: 'ready'});
		const store = fakeStore([job]);
		// The runner moves the job, as the move command would.
		const run = fakeRunner(async (line) => {
			store.set([{...job, status: line.split(' ')[2] as Job['status']}]);
			return {exitCode: 0, output: ''};
		});
		const {stdin, lastFrame} = renderDashboard({store, run});
		await waitFor(() => expect(lastFrame()).toContain('Mover'));
		stdin.write('l');
		stdin.write('l');
		stdin.write('L');
		await waitFor(() => expect(run.lines).toEqual([`move ${job.id} review`]));
		// The selection went along to review: H moves it back from there.
		stdin.write('H');
		await waitFor(() => expect(run.lines.at(-1)).toBe(`move ${job.id} ready`));
		stdin.write('<');
		await waitFor(() => expect(run.lines.at(-1)).toBe(`move ${job.id} planning`));
		expect(handMoveTarget('inbox', -1)).toBeUndefined();
		expect(handMoveTarget('in_flight', 1)).toBe('review');
		expect(handMoveTarget('blocked', 1)).toBeUndefined();
	});

	it('scrolls a column to keep the selection visible', async () => {
		const jobs = Array.from({length: 12}, (_, index) =>
			makeJob({title: `Card ${String(index).padStart(2, '0')}`}),
		);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore(jobs)});
		await waitFor(() => expect(lastFrame()).toContain('Card 00'));
		expect(lastFrame()).not.toContain('Card 11');
		for (let index = 0; index < 11; index++) {
			stdin.write(keys.down);
		}

		await waitFor(() => expect(lastFrame()).toContain('Card 11'));
		expect(lastFrame()).not.toContain('Card 00');
		expect(lastFrame()).toMatch(/↑\d+/);
	});

	it('marks cards with store warnings and follows store changes', async () => {
		const job = makeJob({title: 'Warned job'});
		const store = fakeStore(
			[job],
			[{jobId: job.id, file: `/x/jobs/${job.id}/events.jsonl`, line: 3, message: 'bad json'}],
		);
		const {lastFrame} = renderDashboard({store});
		await waitFor(() => expect(lastFrame()).toContain('! Warned job'));
		expect(lastFrame()).toContain('events.jsonl:3 bad json');

		store.set([
			job,
			makeJob({title: 'Arrived later', status: 'in_flight', runs: [makeRun(1, new Date().toISOString())]}),
		]);
		await waitFor(() => expect(lastFrame()).toContain('Arrived later'));
		expect(lastFrame()).toContain('in_flight (1)');
		expect(lastFrame()).toContain('runs 1/4');
		expect(lastFrame()).toMatch(/● busy 00:0\d/);
	});
});
