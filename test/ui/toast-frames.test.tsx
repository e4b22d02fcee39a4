import {afterEach, describe, expect, it, vi} from 'vitest';
import {createErrorInbox} from '../../source/ui/toast/error-inbox.js';
import {cleanup} from 'ink-testing-library';
import {fakeStore, focusRepl, makeJob, makeRun, renderDashboard, typeLine, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const sgr = new RegExp(`${'\u001B'}\\[[\\d;]*m`, 'g');
const plain = (frame: string) => frame.replaceAll(sgr, '');
const lastLine = (frame: string | undefined) =>
	plain(frame ?? '')
		.split('\n')
		.at(-1) ?? '';

describe('toasts and unread errors', () => {
	it('shows a toast for a job done while open, not for the board as loaded, then lets it expire', async () => {
		const job = makeJob({id: 'J1', title: 'Ship it', status: 'review'});
		const store = fakeStore([job, makeJob({title: 'Old', status: 'done'})]);
		const ringBell = vi.fn();
		const {lastFrame} = renderDashboard(
			{
				store,
				notice: 'hello',
				chrome: {toastMs: 300, notify: {bell: true, desktop: false, states: ['exited']}, ringBell},
			},
			140,
			24,
		);
		await waitFor(() => expect(lastLine(lastFrame())).toContain('hello'));
		expect(lastLine(lastFrame())).not.toContain('done:');
		store.set([{...job, status: 'done'}, makeJob({id: job.id + 'x', title: 'Old', status: 'done'})]);
		await waitFor(() => expect(lastLine(lastFrame())).toContain('done: Ship it'));
		expect(lastLine(lastFrame())).not.toContain('hello');
		await waitFor(() => expect(lastLine(lastFrame())).toContain('hello'));
		expect(lastLine(lastFrame())).not.toContain('done: Ship it');
		// Moved by hand (no run): shown, but no bell.
		expect(ringBell).not.toHaveBeenCalled();
	});

	it('rings once for a run of another process that waits for input, and tells why a job blocked', async () => {
		const run = {...makeRun(1, '2026-11-25T10:00:00.000Z'), engine: 'elsewhere:1:x'};
		const a = makeJob({id: 'A1', title: 'Ask me', status: 'in_flight', runs: [run]});
		const b = makeJob({id: 'B1', title: 'Fails', status: 'in_flight', runs: [run]});
		const store = fakeStore([a, b]);
		const ringBell = vi.fn();
		const notifyDesktop = vi.fn();
		const {lastFrame} = renderDashboard(
			{
				store,
				chrome: {
					toastMs: 200,
					engineId: 'me:1:x',
					notify: {bell: true, desktop: true, states: ['waiting', 'exited']},
					ringBell,
					notifyDesktop,
				},
			},
			160,
			24,
		);
		await waitFor(() => expect(lastLine(lastFrame())).toContain('runs 2/4'));
		store.set([
			{...a, runs: [{...run, activity: 'waiting'}]},
			{...b, status: 'blocked', reason: 'exit 1', runs: [{...run, state: 'exited'}]},
		]);
		await waitFor(() => expect(lastLine(lastFrame())).toContain('blocked: Fails — exit 1 · also 1 waiting'));
		expect(ringBell).toHaveBeenCalledTimes(1);
		expect(notifyDesktop).toHaveBeenCalledWith('xsarena: Ask me', '▲ waiting for input: Ask me');
		expect(notifyDesktop).toHaveBeenCalledWith('xsarena: Fails', 'blocked: Fails — exit 1');
		// The failure waits in the errors inbox after the toast is gone.
		await waitFor(() => expect(lastLine(lastFrame())).not.toContain('blocked: Fails'));
		expect(lastLine(lastFrame())).toContain('! 1 error');
	});

	it('counts unread errors until `errors` in the REPL shows them', async () => {
		const errors = createErrorInbox();
		const {stdin, lastFrame} = renderDashboard({chrome: {errors}}, 140, 24);
		await waitFor(() => expect(lastLine(lastFrame())).toContain('runs 0/4'));
		errors.record('engine: spawn bash ENOENT');
		errors.record('store: disk full');
		await waitFor(() => expect(lastLine(lastFrame())).toContain('! 2 errors'));
		const frame = () => plain(lastFrame() ?? '');
		await focusRepl(stdin, frame);
		await typeLine(stdin, frame, 'errors');
		await waitFor(() => expect(plain(lastFrame() ?? '')).toContain('2 new errors:'));
		expect(plain(lastFrame() ?? '')).toContain('engine: spawn bash ENOENT');
		await waitFor(() => expect(lastLine(lastFrame())).not.toContain('errors'));
	});
});
