import {describe, expect, it} from 'vitest';
import {groupColumns} from '../../source/ui/board/columns.js';
import {makeJob, makeRun} from './helpers.js';

describe('groupColumns', () => {
	it('puts jobs waiting for a person first in their column, the rest in dispatch order', () => {
		const urgent = makeJob({
			title: 'urgent',
			status: 'in_flight',
			priority: 'urgent',
			runs: [makeRun(1, '2026-11-26T10:00:00.000Z')],
		});
		const asking = makeJob({
			title: 'asking',
			status: 'in_flight',
			priority: 'low',
			runs: [{...makeRun(1, '2026-11-26T10:00:00.000Z'), activity: 'waiting'}],
		});
		const high = makeJob({
			title: 'high',
			status: 'in_flight',
			priority: 'high',
			runs: [makeRun(1, '2026-11-26T10:00:00.000Z')],
		});
		const board = {jobs: new Map([urgent, asking, high].map((job) => [job.id, job]))};

		expect(groupColumns(board).in_flight.map((job) => job.title)).toEqual(['asking', 'urgent', 'high']);
	});
});
