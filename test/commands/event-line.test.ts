import {describe, expect, it} from 'vitest';
import {makeEvent} from '../../source/core/index.js';
import {describeEvent, summarizeEvent} from '../../source/commands/event-line.js';

const meta = {id: '01JEV000000000000000000001', at: '2026-11-26T10:00:00.000Z', by: 'engine:x'};
const job = '01JOB000000000000000000ABC';

describe('summarizeEvent', () => {
	it.each([
		[makeEvent('run.exited', job, {run: 2, code: 0, signal: null}, meta), 'run 2 exited with code 0'],
		[
			makeEvent('run.exited', job, {run: 1, code: null, signal: 'SIGKILL', reason: 'timed_out'}, meta),
			'run 1 killed by SIGKILL (timed_out)',
		],
		[
			makeEvent('job.status_changed', job, {from: 'blocked', to: 'ready', reason: 'limit reset'}, meta),
			'moved blocked → ready: limit reset',
		],
		[
			makeEvent('run.restarted', job, {run: 3, reason: 'no DONE file', stalled: true}, meta),
			'restarting after run 3 (stalled): no DONE file',
		],
		[
			makeEvent('job.input', job, {run: 1, text: 'secret-ish', enter: true}, meta),
			'input for run 1 (10 chars and Enter)',
		],
	])('%#: %s', (event, summary) => {
		expect(summarizeEvent(event)).toBe(summary);
	});

	it('keeps a line one line, whatever a message holds', () => {
		const line = describeEvent(
			makeEvent('job.message', job, {from: 'agent', text: 'a\nb\r\nc'}, meta),
			'A title',
		);
		expect(line).not.toMatch(/[\r\n]/);
		expect(line).toContain('message from agent: a b c');
	});
});
