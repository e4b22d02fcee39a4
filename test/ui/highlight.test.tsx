import {afterEach, describe, expect, it} from 'vitest';

// Colours are decided when chalk loads, so they are forced before anything imports it.
process.env['FORCE_COLOR'] = '1';
const {cleanup} = await import('ink-testing-library');
const {fakePanes, fakeScreen, fakeStore, keys, makeJob, renderDashboard, waitFor} =
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
});
