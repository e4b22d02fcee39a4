import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {createNoticeBoard} from '../../source/app/notice-board.js';
import {renderDashboard, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('notices', () => {
	it('shows the start notice, then a notice posted while the dashboard is open', async () => {
		const notices = createNoticeBoard();
		const {lastFrame} = renderDashboard({notice: 'seeded the demo', notices}, 140, 30);
		await waitFor(() => expect(lastFrame()).toContain('seeded the demo'));
		notices.post('engine: disk full');
		await waitFor(() => expect(lastFrame()).toContain('engine: disk full'));
		expect(lastFrame()).not.toContain('seeded the demo');
	});
});
