import {afterEach, describe, expect, it} from 'vitest';

// Colours are decided when chalk loads, so they are forced before anything imports it.
process.env['FORCE_COLOR'] = '1';
const {cleanup} = await import('ink-testing-library');
const {fakePanes, fakeScreen, fakeStore, keys, makeJob, makeRun, renderDashboard, waitFor} =
	await import('./helpers.js');

afterEach(() => {
	cleanup();
});

const inverse = '\u001B[7m';

describe('highlights', () => {
	it('draws the selected card inverse while the board has focus, and not otherwise', async () => {
		const job = makeJob({title: 'Pick me'});
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([job, makeJob({title: 'Not me'})])});
		await waitFor(() => expect(lastFrame()).toContain(`${inverse}Pick me`));
		expect(lastFrame()).not.toContain(`${inverse}Not me`);
		stdin.write(keys.down);
		await waitFor(() => expect(lastFrame()).toContain(`${inverse}Not me`));
		stdin.write(':');
		await waitFor(() => expect(lastFrame()).not.toContain(`${inverse}Not me`));
	});

	it('colours priorities and the focused pane border', async () => {
		const job = makeJob({title: 'Urgent one', priority: 'urgent'});
		const panes = fakePanes([
			{
				jobId: job.id,
				run: 1,
				agent: 'a',
				startedAt: new Date().toISOString(),
				screen: fakeScreen(['x\u001B[0m']),
			},
		]);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([job]), panes});
		await waitFor(() => expect(lastFrame()).toContain('\u001B[31murgent'));
		expect(lastFrame()).not.toContain('\u001B[36m╭');
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toContain('\u001B[36m╭'));
	});

	it('draws a waiting run in reverse yellow on its card', async () => {
		const job = makeJob({
			title: 'Asks a question',
			status: 'in_flight',
			runs: [{...makeRun(1, new Date().toISOString()), activity: 'waiting'}],
		});
		const {lastFrame} = renderDashboard({store: fakeStore([job])}, 160, 30);
		await waitFor(() => expect(lastFrame()).toContain('▲ waiting for input'));
		const frame = lastFrame()!;
		const before = frame.slice(
			Math.max(0, frame.indexOf('▲ waiting for input') - 30),
			frame.indexOf('▲ waiting'),
		);
		expect(before).toContain(inverse);
		expect(before).toContain('\u001B[33m');
	});

	it('draws the pane taking the keys in insert mode with a bold green border', async () => {
		const job = makeJob({
			title: 'Typing here',
			status: 'in_flight',
			runs: [makeRun(1, new Date().toISOString())],
		});
		const panes = fakePanes([
			{
				jobId: job.id,
				run: 1,
				agent: 'a',
				startedAt: new Date().toISOString(),
				screen: fakeScreen(['x\u001B[0m']),
				write: () => undefined,
			},
		]);
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([job]), panes});
		await waitFor(() => expect(lastFrame()).toContain('Typing here'));
		stdin.write(keys.tab);
		await waitFor(() => expect(lastFrame()).toContain('\u001B[36m╭'));
		stdin.write('i');
		await waitFor(() => expect(lastFrame()).toContain('\u001B[32m┏'));
		const bar = lastFrame()!.split('\n').at(-1)!;
		expect(bar.slice(0, bar.indexOf('-- INSERT --'))).toContain(inverse);
	});
});
