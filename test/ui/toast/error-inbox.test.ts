import {describe, expect, it} from 'vitest';
import {
	createErrorInbox,
	errorsReport,
	maxErrorEntries,
	withErrorsCommand,
} from '../../../source/ui/toast/error-inbox.js';

const clock = () => new Date(2026, 10, 25, 10, 42, 7).getTime();

describe('errors inbox', () => {
	it('counts unread errors until they are read, telling its listeners', () => {
		const inbox = createErrorInbox(clock);
		let told = 0;
		inbox.subscribe(() => told++);
		inbox.record('engine: spawn failed');
		inbox.record('blocked: Fix login — exit 1');
		expect(inbox.getUnread()).toBe(2);
		expect(errorsReport(inbox)).toBe(
			'2 new errors:\n  10:42:07  engine: spawn failed\n  10:42:07  blocked: Fix login — exit 1',
		);
		expect(inbox.getUnread()).toBe(0);
		expect(told).toBe(3);
		expect(errorsReport(inbox)).toMatch(/^no new errors; earlier:\n {2}10:42:07 {2}engine/);
		expect(errorsReport(createErrorInbox())).toBe('no errors');
	});

	it('keeps a bounded number of entries', () => {
		const inbox = createErrorInbox(clock);
		for (let index = 0; index < maxErrorEntries + 10; index++) {
			inbox.record(`e${index}`);
		}

		expect(inbox.getUnread()).toBe(maxErrorEntries);
		expect(inbox.read().entries[0]?.message).toBe('e10');
	});

	it('answers `errors` itself and passes every other line on', async () => {
		const inbox = createErrorInbox(clock);
		inbox.record('store: disk full');
		const lines: string[] = [];
		const run = withErrorsCommand(async (line) => {
			lines.push(line);
			return {exitCode: 0, output: 'ran'};
		}, inbox);
		expect(await run(' errors ')).toEqual({
			exitCode: 0,
			output: '1 new error:\n  10:42:07  store: disk full',
		});
		expect(await run('list')).toEqual({exitCode: 0, output: 'ran'});
		expect(lines).toEqual(['list']);
	});
});
