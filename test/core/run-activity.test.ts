import {describe, expect, it} from 'vitest';
import {
	activityTailLines,
	classifyActivity,
	createActivityTracker,
	defaultWaitingPattern,
	msUntilTimeMatters,
	type ActivityPatterns,
	type ActivitySample,
} from '../../source/core/run-activity.js';
import type {RunActivity} from '../../source/core/supervision.js';

/** An agent UI in the style of Claude Code: a prompt box, a busy hint, a permission question. */
const agent: ActivityPatterns = {
	ready: /^>$/m,
	busy: /esc to interrupt/i,
	waiting: /do you want to proceed\?/i,
};
const none: ActivityPatterns = {};

const quiet = 5000;
const screen = (...lines: string[]) => lines.join('\n');
/** `count` lines of old output, to push text above the tail. */
const filler = (count: number) => Array.from({length: count}, (_, index) => `log line ${index + 1}`);
const sample = (text: string, sinceOutputMs = quiet, sinceStartMs = 60_000): ActivitySample => ({
	screen: text,
	sinceStartMs,
	sinceOutputMs,
});

describe('classifyActivity', () => {
	it.each<[string, ActivitySample, ActivityPatterns, RunActivity]>([
		// Priority: waiting > busy pattern > starting > recent output > ready > default question > idle.
		[
			'a question beats a busy hint and fresh output',
			sample(screen('esc to interrupt', 'Do you want to proceed?'), 10),
			agent,
			'waiting',
		],
		[
			'a question above the prompt box still counts',
			sample(screen('Do you want to proceed?', '1. Yes', '2. No', '>')),
			agent,
			'waiting',
		],
		[
			'a busy hint beats the ready prompt',
			sample(screen('✻ Thinking… (esc to interrupt)', '>')),
			agent,
			'busy',
		],
		['a busy hint counts even when output is quiet', sample(screen('esc to interrupt')), agent, 'busy'],
		['fresh output is busy although the prompt shows', sample(screen('>'), 100), agent, 'busy'],
		['quiet with the prompt is idle', sample(screen('Edited 2 files', '>')), agent, 'idle'],
		['quiet with nothing known is idle', sample(screen('Edited 2 files')), agent, 'idle'],
		// Only the bottom of the screen counts: old text scrolled above is history.
		[
			'a question scrolled above the tail is history',
			sample(screen('Do you want to proceed?', ...filler(activityTailLines), '>')),
			agent,
			'idle',
		],
		[
			'a busy hint scrolled above the tail is history',
			sample(screen('esc to interrupt', ...filler(activityTailLines), '>')),
			agent,
			'idle',
		],
		[
			'the 15th line from the bottom is in the tail',
			sample(screen('esc to interrupt', ...filler(activityTailLines - 1))),
			agent,
			'busy',
		],
		[
			'blank lines do not push text out of the tail',
			sample(screen('Do you want to proceed?', ...Array<string>(40).fill(''))),
			agent,
			'waiting',
		],
		['blank rows below the prompt are skipped', sample(screen('x', '>', '', '   ', '')), agent, 'idle'],
		// Starting: before any output.
		['no output yet, just started', sample('', Number.POSITIVE_INFINITY, 500), agent, 'starting'],
		['no output after startingMs is idle', sample('', Number.POSITIVE_INFINITY, 3000), agent, 'idle'],
		['output ends starting at once', sample('hello', 100, 500), agent, 'busy'],
		['output then quiet within startingMs is idle', sample('hello', 2000, 2500), agent, 'idle'],
		// No patterns at all: output timing alone.
		['no patterns, output flowing', sample('compiling', 200), none, 'busy'],
		['no patterns, quiet', sample('compiled 3 files'), none, 'idle'],
		['no patterns, empty screen, quiet', sample('', quiet, 60_000), none, 'idle'],
	])('%s', (_name, reading, patterns, expected) => {
		expect(classifyActivity(reading, patterns)).toBe(expected);
	});

	describe('the default waiting heuristic (no waiting pattern configured)', () => {
		it.each([
			'Overwrite config.yml? ',
			'Proceed (y/n)',
			'Install 3 packages? [Y/n]',
			'Delete branch [y/N]:',
			'Are you sure (yes/no)?',
			'Press Enter to continue',
			'press RETURN when ready',
			'Press any key to exit...',
			'[sudo] password for ann:',
			"Enter passphrase for key '/home/ann/.ssh/id_ed25519':",
			"Username for 'https://github.com':",
		])('%j on the last line is waiting', (line) => {
			expect(classifyActivity(sample(screen('setup', line)), none)).toBe('waiting');
			expect(defaultWaitingPattern.test(line.trimEnd())).toBe(true);
		});

		it.each([
			'Compiling 3 files',
			'password updated',
			'$',
			'What? No, all good.',
			'? Project name: my-app',
			'yes/no answers are logged',
		])('%j on the last line is idle', (line) => {
			expect(classifyActivity(sample(screen('setup', line)), none)).toBe('idle');
		});

		it('looks at the last line only', () => {
			expect(classifyActivity(sample(screen('Continue?', 'yes', 'Installed.')), none)).toBe('idle');
		});

		it('waits for quiet: a line ending in ? while output flows is busy', () => {
			expect(classifyActivity(sample('Continue?', 200), none)).toBe('busy');
		});

		it('is off when a waiting pattern is configured', () => {
			expect(classifyActivity(sample('Continue?'), agent)).toBe('idle');
		});

		it('loses to a busy pattern and to the ready prompt', () => {
			expect(
				classifyActivity(sample(screen('esc to interrupt', 'Continue?')), {busy: /esc to interrupt/}),
			).toBe('busy');
			expect(classifyActivity(sample('What next?'), {ready: /^What next\?$/m})).toBe('idle');
		});
	});

	it('takes the timing from options', () => {
		const reading = sample('>', 200, 200);
		expect(classifyActivity(reading, agent)).toBe('busy');
		expect(classifyActivity(reading, agent, {quietMs: 100})).toBe('idle');
		expect(classifyActivity(sample('', Number.POSITIVE_INFINITY, 200), agent, {startingMs: 100})).toBe(
			'idle',
		);
	});

	it('gives the same answer every time for a pattern with the g flag', () => {
		const patterns = {busy: /working/g};
		const reading = sample('working');
		expect([1, 2, 3].map(() => classifyActivity(reading, patterns))).toEqual(['busy', 'busy', 'busy']);
	});
});

/** Feed `[nowMs, sample]` pairs to a fresh tracker; what each `observe` returned, and the final `current`. */
function track(
	steps: Array<[number, ActivitySample]>,
	patterns: ActivityPatterns = agent,
	settleMs?: number,
) {
	const tracker = createActivityTracker(patterns, settleMs === undefined ? {} : {settleMs});
	const reported = steps.map(([now, reading]) => tracker.observe(reading, now));
	return {reported, current: tracker.current};
}

const busy = sample('esc to interrupt', 0);
const idle = sample('>');
const asking = sample('Do you want to proceed?', 0);

describe('createActivityTracker', () => {
	it('starts as starting', () => {
		expect(createActivityTracker(agent).current).toBe('starting');
	});

	it('reports a new activity once it held for settleMs', () => {
		expect(
			track([
				[0, busy],
				[200, busy],
				[399, busy],
				[400, busy],
				[500, busy],
			]),
		).toEqual({reported: [undefined, undefined, undefined, 'busy', undefined], current: 'busy'});
	});

	it('does not flap while a spinner flickers between busy and idle', () => {
		const flicker = Array.from({length: 20}, (_, index): [number, ActivitySample] => [
			1000 + index * 150,
			index % 2 === 0 ? idle : busy,
		]);
		const {reported, current} = track([[0, busy], [400, busy], ...flicker]);
		expect(reported.slice(2)).toEqual(Array(20).fill(undefined));
		expect(current).toBe('busy');
	});

	it('reports idle after it held, measured from its first sample', () => {
		expect(
			track([
				[0, busy],
				[400, busy],
				[1000, idle],
				[1300, idle],
				[1400, idle],
			]).reported,
		).toEqual([undefined, 'busy', undefined, undefined, 'idle']);
	});

	it('restarts the wait when the candidate changes', () => {
		expect(
			track([
				[0, busy],
				[300, idle],
				[600, idle],
				[700, idle],
			]).reported,
		).toEqual([undefined, undefined, undefined, 'idle']);
	});

	it('reports waiting at once, and leaves it only after settleMs', () => {
		expect(
			track([
				[0, busy],
				[400, busy],
				[450, asking],
				[500, busy],
				[800, busy],
				[900, busy],
			]),
		).toEqual({reported: [undefined, 'busy', 'waiting', undefined, undefined, 'busy'], current: 'busy'});
	});

	it('says nothing while the activity stays the same', () => {
		expect(
			track([
				[0, asking],
				[100, asking],
				[5000, asking],
			]).reported,
		).toEqual(['waiting', undefined, undefined]);
	});

	it('reports every change at once with settleMs 0', () => {
		expect(
			track(
				[
					[0, busy],
					[1, idle],
					[2, busy],
				],
				agent,
				0,
			).reported,
		).toEqual(['busy', 'idle', 'busy']);
	});

	it('goes from starting to idle for a program that prints nothing', () => {
		expect(
			track(
				[
					[0, sample('', Number.POSITIVE_INFINITY, 0)],
					[3000, sample('', Number.POSITIVE_INFINITY, 3000)],
					[3400, sample('', Number.POSITIVE_INFINITY, 3400)],
				],
				none,
			).reported,
		).toEqual([undefined, undefined, 'idle']);
	});
});

describe('msUntilTimeMatters', () => {
	it.each<[string, ActivitySample, number]>([
		['output 100 ms ago: quiet 1400 ms later', sample('x', 100), 1400],
		['output quiet already: never', sample('x', 1500), Infinity],
		[
			'no output 1 s after the start: starting ends 2 s later',
			sample('', Number.POSITIVE_INFINITY, 1000),
			2000,
		],
		['no output after startingMs: never', sample('', Number.POSITIVE_INFINITY, 3000), Infinity],
	])('%s', (_name, reading, expected) => {
		expect(msUntilTimeMatters(reading)).toBe(expected);
	});

	it('follows the options', () => {
		expect(msUntilTimeMatters(sample('x', 100), {quietMs: 300})).toBe(200);
		expect(msUntilTimeMatters(sample('', Number.POSITIVE_INFINITY, 100), {startingMs: 500})).toBe(400);
	});
});

describe('createActivityTracker.nextObserveAt', () => {
	it('is never before the first reading', () => {
		expect(createActivityTracker(none).nextObserveAt).toBe(Infinity);
	});

	it('names when a pending activity settles, and observing then reports it', () => {
		const tracker = createActivityTracker(agent);
		tracker.observe(sample('esc to interrupt', 5000), 1000);
		expect(tracker.nextObserveAt).toBe(1400);
		expect(tracker.observe(sample('esc to interrupt', 5000), tracker.nextObserveAt)).toBe('busy');
	});

	it('names when fresh output goes quiet, and observing then sees the change', () => {
		const tracker = createActivityTracker(none, {settleMs: 0});
		expect(tracker.observe(sample('Overwrite config.yml?', 10), 500)).toBe('busy');
		expect(tracker.nextObserveAt).toBe(1990);
		expect(tracker.observe(sample('Overwrite config.yml?', 1500), 1990)).toBe('waiting');
	});

	it('is Infinity once only new output could change the reading', () => {
		const tracker = createActivityTracker(none);
		tracker.observe(sample('Overwrite config.yml?', 1500), 0);
		expect(tracker.current).toBe('waiting');
		expect(tracker.nextObserveAt).toBe(Infinity);
	});

	it('covers every change of a program that prints nothing: observing only at nextObserveAt', () => {
		const tracker = createActivityTracker(none);
		const reported: Array<[number, string | undefined]> = [];
		let now = 0;
		for (let step = 0; step < 10 && now !== Infinity; step++) {
			reported.push([now, tracker.observe(sample('', Number.POSITIVE_INFINITY, now), now)]);
			now = tracker.nextObserveAt;
		}

		expect(reported).toEqual([
			[0, undefined],
			[3000, undefined],
			[3400, 'idle'],
		]);
	});
});
