import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {jobStatuses, type JobStatus} from '../../source/core/index.js';
import {statusSegments, type StatusInput} from '../../source/ui/status-line.js';

const counts = Object.fromEntries(jobStatuses.map((status, index) => [status, index])) as Record<
	JobStatus,
	number
>;
const base: StatusInput = {
	counts,
	active: 3,
	limit: 4,
	home: '/home/someone/projects/a-rather-long-project-name/.xsarena',
	hiddenPanes: 0,
	confirmingQuit: false,
};

const text = (input: StatusInput, width: number) =>
	statusSegments(input, width)
		.map((segment) => segment.text)
		.join('');

describe('statusSegments', () => {
	it.each([80, 100, 140, 200])('fills exactly %i cells and ends with "? help"', (width) => {
		const line = text({...base, notice: 'seeded the demo board', error: 'disk full (ENOSPC)'}, width);
		expect(stringWidth(line)).toBe(width);
		expect(line.endsWith('? help')).toBe(true);
	});

	it('shows counts with short labels, runs against the limit, and the home path', () => {
		const line = text(base, 140);
		expect(line).toContain('in 0 plan 1 rdy 2 run 3 rev 4 done 5 blk 6');
		expect(line).toContain('runs 3/4');
		expect(line).toContain('a-rather-long-project-name/.xsarena');
	});

	it('shortens the home path from its start', () => {
		const line = text(base, 96);
		expect(line).toMatch(/…[^│]*\/\.xsarena/);
	});

	it('keeps the store error ahead of the notice, in red', () => {
		const segments = statusSegments({...base, notice: 'hello', error: 'disk full'}, 120);
		const error = segments.find((segment) => segment.text.includes('error: disk full'));
		expect(error?.color).toBe('red');
		expect(segments.findIndex((segment) => segment.text.includes('hello'))).toBeGreaterThan(
			segments.indexOf(error!),
		);
	});

	it('drops empty columns from the counts when a problem needs the room', () => {
		const sparse = {...counts, inbox: 0, planning: 0, review: 0} as Record<JobStatus, number>;
		const line = text(
			{...base, counts: sparse, warning: {file: '/x/events.jsonl', line: 9, message: 'torn line'}},
			80,
		);
		expect(line).toContain('rdy 2 run 3 done 5 blk 6');
		expect(line).toContain('! events.jsonl:9 torn line');
	});

	it('shows only the question while quitting waits for an answer', () => {
		expect(text({...base, confirmingQuit: true}, 80)).toMatch(
			/^3 runs active — quit and stop them\? \(y\/n\) +\? help$/,
		);
	});

	it('leads with -- INSERT -- in insert mode, and counts waiting runs in bold yellow', () => {
		const segments = statusSegments({...base, inserting: 'Fix login', waiting: 2}, 140);
		const line = segments.map((segment) => segment.text).join('');
		expect(line).toMatch(/^-- INSERT -- Fix login \(Esc Esc or Ctrl-] to leave\) │ in 0/);
		expect(segments[0]).toMatchObject({color: 'green', bold: true, inverse: true});
		const waiting = segments.find((segment) => segment.text === '▲ 2 waiting');
		expect(waiting).toMatchObject({color: 'yellow', bold: true});
		expect(stringWidth(line)).toBe(140);
		expect(text({...base, inserting: 'Fix login'}, 80)).toMatch(
			/^-- INSERT -- Fix login \(Esc Esc or Ctrl-] to leave\)/,
		);
	});
});
