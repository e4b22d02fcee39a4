import {afterEach, describe, expect, it} from 'vitest';
import {closeStores, ok, setup} from './helpers.js';

afterEach(async () => {
	await closeStores();
});

describe('cost', () => {
	it('records tokens and dollars on the job, adding up', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'agent', '--command', 'true'));
		ok(await cli('cost', id, '--tokens', '1200', '--usd', '0.04'));
		const text = ok(await cli('cost', id, '--usd', '0.01'));

		expect(store.getSnapshot().board.jobs.get(id)?.cost).toEqual({tokens: 1200, usd: 0.05});
		expect(text).toBe(`${id}: 1200 tokens, $0.0500 in all`);
	});

	it('refuses a report of nothing, and amounts that are not numbers', async () => {
		const {cli} = setup();
		const id = ok(await cli('add', 'agent', '--command', 'true'));

		expect(await cli('cost', id)).toMatchObject({
			exitCode: 1,
			stderr: expect.stringContaining('--tokens or --usd') as unknown,
		});
		expect(await cli('cost', id, '--tokens', '1.5')).toMatchObject({exitCode: 2});
		expect(await cli('cost', id, '--usd', 'lots')).toMatchObject({exitCode: 2});
	});
});

describe('show --since', () => {
	it('lists only the events after the given id', async () => {
		const {cli, store} = setup();
		const id = ok(await cli('add', 'agent', '--command', 'true'));
		ok(await cli('post', id, 'first'));
		const [, second] = store.readEvents(id);
		ok(await cli('post', id, 'third'));
		const text = ok(await cli('show', id, '--since', second!.id));

		expect(text).toContain('events (1):');
		expect(text).not.toContain(second!.id);
	});
});
