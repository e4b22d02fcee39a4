/**
 * What an agent in a terminal is doing, read from its screen and the timing of its output.
 *
 * The approach is ccmanager's state detection (kbwo/ccmanager `src/services/stateDetector/`): look at
 * the bottom of the rendered screen for an agent's known prompts and spinners. Here the patterns come
 * from config instead of one class per agent, and output timing fills in for programs without any.
 *
 * Pure: the caller renders the pty into a headless terminal, measures times and passes both in.
 */
import type {RunActivity} from './supervision.js';

/**
 * Screen patterns of one agent, from config. Each is tested against the bottom of the screen (see
 * {@link activityTailLines}) joined by `'\n'`, so `^`/`$` with the `m` flag anchor to lines. A `g` or
 * `y` flag is ignored (it would make `test` stateful).
 */
export type ActivityPatterns = {
	/** The agent's prompt when it waits for a new task, e.g. `/^> $/m`; a match means `idle`. */
	readonly ready?: RegExp;
	/** Shown only while the agent works, e.g. `/esc to interrupt/i`; a match means `busy`. */
	readonly busy?: RegExp;
	/** A question for a person (permission, choice), e.g. `/do you want to/i`; a match means `waiting`. */
	readonly waiting?: RegExp;
};

/** One reading of a run's terminal. */
export type ActivitySample = {
	/** The screen's visible text (rows joined by '\n', trailing spaces trimmed). */
	readonly screen: string;
	/** ms since the run started. */
	readonly sinceStartMs: number;
	/** ms since the last output byte; Infinity before any output. */
	readonly sinceOutputMs: number;
};

/** Timing of the classification, all in ms. */
export type ActivityOptions = {
	/** No output for this long counts as not busy; default 1500. */
	quietMs?: number;
	/** Before any output, the run is `starting` for this long; default 3000. */
	startingMs?: number;
	/** A new activity (except `waiting`) is reported only after holding this long; default 400. */
	settleMs?: number;
};

/** Patterns see only the last this-many non-empty lines: prompts live at the bottom, and text scrolled above is history. */
export const activityTailLines = 15;

/**
 * The built-in question detector, used when no `waiting` pattern is configured. It is tested against
 * the last non-empty line only (the cursor is almost always there when a program asks), trailing
 * spaces already trimmed, and only once output has been quiet for `quietMs` (a program that prints a
 * line ending in `?` and goes on is not asking). It matches a line that:
 * - ends with `?` (`Overwrite config.yml?`);
 * - ends with a yes/no choice: `(y/n)`, `[Y/n]`, `[y/N]`, `(yes/no)`, optionally followed by `:` or `?`;
 * - asks to press a key: `Press Enter`, `press return`, `Press any key`;
 * - asks for a secret or a name: ends with `:` after `password`, `passphrase` or `username`
 *   (`[sudo] password for ann:`, `Enter passphrase for key '/home/ann/.ssh/id_ed25519':`).
 */
export const defaultWaitingPattern =
	/(?:\?|[([]\s*y(?:es)?\s*\/\s*n(?:o)?\s*[)\]]\s*[:?]?|\b(?:password|passphrase|username)\b.*:)$|\bpress\s+(?:enter|return|any\s+key)\b/i;

const defaults = {quietMs: 1500, startingMs: 3000, settleMs: 400} as const;

/** The activities a reading can show; `exited` comes from the process, never from the screen. */
export type ScreenActivity = Exclude<RunActivity, 'exited'>;

/**
 * One reading, no memory: pure classification. Rules, first match wins:
 * 1. the `waiting` pattern matches the tail of the screen → `waiting` (a question beats everything,
 *    also output that is still coming: agent UIs keep redrawing while they ask);
 * 2. the `busy` pattern matches → `busy`;
 * 3. no output yet and less than `startingMs` since the start → `starting`;
 * 4. output within the last `quietMs` → `busy`;
 * 5. the `ready` pattern matches → `idle`;
 * 6. no `waiting` pattern is configured and the last line looks like a question
 *    ({@link defaultWaitingPattern}) → `waiting`;
 * 7. otherwise → `idle`: a quiet program showing no known prompt is best called idle, since only a
 *    pattern can tell that it waits for a person.
 *
 * The tail is the last {@link activityTailLines} non-empty lines of `sample.screen`.
 */
export function classifyActivity(
	sample: ActivitySample,
	patterns: ActivityPatterns,
	options: ActivityOptions = {},
): ScreenActivity {
	return classify(sample, compile(patterns), {...defaults, ...options});
}

/**
 * How long after `sample` was taken its classification could change by time alone (the same screen,
 * no new output), in ms: when output counts as quiet (`quietMs` after it), or when `starting` ends
 * (`startingMs` after the start, before any output). `Infinity` when time alone changes nothing.
 * Conservative: the patterns may make the threshold irrelevant; looking again then changes nothing.
 */
export function msUntilTimeMatters(sample: ActivitySample, options: ActivityOptions = {}): number {
	const timing = {...defaults, ...options};
	if (sample.sinceOutputMs === Number.POSITIVE_INFINITY) {
		return sample.sinceStartMs < timing.startingMs ? timing.startingMs - sample.sinceStartMs : Infinity;
	}

	return sample.sinceOutputMs < timing.quietMs ? timing.quietMs - sample.sinceOutputMs : Infinity;
}

/** What {@link createActivityTracker} returns. */
export type ActivityTracker = {
	/** Classify `sample`, taken at `nowMs`; the new activity when `current` changed, else undefined. */
	observe(sample: ActivitySample, nowMs: number): RunActivity | undefined;
	/**
	 * The earliest time (the caller's monotonic ms, as `nowMs`) at which observing the same screen
	 * again could report a change: a pending activity settles, or a timing threshold of the last
	 * sample passes ({@link msUntilTimeMatters}). `Infinity` when only new output or a new screen can.
	 */
	readonly nextObserveAt: number;
	readonly current: RunActivity;
};

/**
 * A tracker with hysteresis: returns the new activity when it changed, else undefined. `nowMs` is a
 * monotonic time given by the caller.
 *
 * Each `observe` classifies the sample ({@link classifyActivity}). A different activity becomes
 * `current` (and is returned) once every sample for `settleMs` has classified the same, so a spinner
 * flickering between busy and idle does not flap; `waiting` is reported at once, because a person must
 * see a question first. `current` starts as `'starting'`. Call `observe` whenever the screen changed
 * (soon after output) and at {@link ActivityTracker.nextObserveAt}: between those, a reading could
 * only repeat the last one, so a change is reported at the first `observe` after it settled.
 */
export function createActivityTracker(
	patterns: ActivityPatterns,
	options: ActivityOptions = {},
): ActivityTracker {
	const compiled = compile(patterns);
	const timing = {...defaults, ...options};
	let current: RunActivity = 'starting';
	let pending: {activity: ScreenActivity; sinceMs: number} | undefined;
	let thresholdAt = Number.POSITIVE_INFINITY;

	return {
		get current() {
			return current;
		},
		get nextObserveAt() {
			return Math.min(thresholdAt, pending ? pending.sinceMs + timing.settleMs : Number.POSITIVE_INFINITY);
		},
		observe(sample, nowMs) {
			thresholdAt = nowMs + msUntilTimeMatters(sample, timing);
			const activity = classify(sample, compiled, timing);
			if (activity === current) {
				pending = undefined;
				return undefined;
			}

			if (pending?.activity !== activity) {
				pending = {activity, sinceMs: nowMs};
			}

			if (activity !== 'waiting' && nowMs - pending.sinceMs < timing.settleMs) {
				return undefined;
			}

			current = activity;
			pending = undefined;
			return activity;
		},
	};
}

type Compiled = {ready?: RegExp; busy?: RegExp; waiting?: RegExp};

function compile(patterns: ActivityPatterns): Compiled {
	return {
		ready: stateless(patterns.ready),
		busy: stateless(patterns.busy),
		waiting: stateless(patterns.waiting),
	};
}

/** `RegExp.test` with `g` or `y` advances `lastIndex`, so the same screen could match only every other time. */
function stateless(pattern: RegExp | undefined): RegExp | undefined {
	if (!pattern || !/[gy]/.test(pattern.flags)) {
		return pattern;
	}

	return new RegExp(pattern.source, pattern.flags.replaceAll(/[gy]/g, ''));
}

function classify(
	sample: ActivitySample,
	patterns: Compiled,
	timing: Required<ActivityOptions>,
): ScreenActivity {
	const lines = tail(sample.screen);
	const text = lines.join('\n');
	if (patterns.waiting?.test(text)) {
		return 'waiting';
	}

	if (patterns.busy?.test(text)) {
		return 'busy';
	}

	if (sample.sinceOutputMs === Number.POSITIVE_INFINITY && sample.sinceStartMs < timing.startingMs) {
		return 'starting';
	}

	if (sample.sinceOutputMs < timing.quietMs) {
		return 'busy';
	}

	if (patterns.ready?.test(text)) {
		return 'idle';
	}

	if (!patterns.waiting && defaultWaitingPattern.test(lines.at(-1) ?? '')) {
		return 'waiting';
	}

	return 'idle';
}

/** The last {@link activityTailLines} non-empty lines, top to bottom, each with trailing spaces trimmed. */
function tail(screen: string): string[] {
	const lines = screen.split('\n');
	const kept: string[] = [];
	for (let index = lines.length - 1; index >= 0 && kept.length < activityTailLines; index--) {
		const line = lines[index]!.trimEnd();
		if (line.trim() !== '') {
			kept.push(line);
		}
	}

	return kept.reverse();
}
