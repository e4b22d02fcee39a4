import {describe, expect, it} from 'vitest';
import {
	draft,
	emptyBoard,
	evolve,
	foldEvents,
	type AuthorSpec,
	type Draft,
	type Job,
	type JobEvent,
	type JobStatus,
} from '../../source/core/index.js';
import {replayJob} from '../../source/core/replay.js';
import {created, eventId, foldOneByOne, History, jobId, time, unknownEvent} from './given.js';

/** A small deterministic generator (mulberry32): every failure names its seed and can be replayed. */
function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};

	const int = (n: number) => Math.floor(next() * n);
	return {
		int,
		pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
		chance: (p: number) => next() < p,
	};
}

type Random = ReturnType<typeof random>;

const statuses: JobStatus[] = ['inbox', 'planning', 'ready', 'in_flight', 'review', 'done', 'blocked'];

const spec: AuthorSpec = {
	subject: 'tides',
	template: 'book',
	length: 'standard',
	span: 'medium',
	chunks: 12,
	minChars: 100,
	passes: 1,
	overlays: [],
	files: [],
	plan: false,
	continuation: 'anchor',
	anchorChars: 200,
	repetitionThreshold: 0.8,
	repetitionAction: 'continue',
	stallChars: 10,
};

/** One draft of a busy job's life; run numbers are mostly in step, sometimes not (a repeated claim, a stray event). */
function nextDraft(r: Random, run: number, hintIds: readonly string[]): Draft {
	const n = r.chance(0.85) ? run : r.int(run + 3);
	switch (r.int(22)) {
		case 0:
		case 1: {
			return draft('job.claimed', {
				run: r.chance(0.8) ? run + 1 : Math.max(1, run),
				by: 'engine-1',
				agent: 'shell',
			});
		}

		case 2: {
			return draft('job.status_changed', {
				from: r.pick(statuses),
				to: r.pick(statuses),
				reason: r.chance(0.5) ? 'because' : undefined,
				until: r.chance(0.3) ? time(999) : undefined,
			});
		}

		case 3: {
			return draft('run.started', {
				run: n,
				pid: 100 + r.int(100),
				agent: 'shell',
				command: ['bash', '-lc', 'make'],
				cwd: r.chance(0.5) ? '/w' : undefined,
			});
		}

		case 4: {
			return draft('run.state_changed', {
				run: n,
				from: 'busy',
				to: r.pick(['busy', 'waiting', 'idle'] as const),
			});
		}

		case 5:
		case 6: {
			return draft('run.output', {run: n, bytes: r.int(100_000)});
		}

		case 7: {
			return draft('run.exited', {
				run: n,
				code: r.chance(0.5) ? 0 : null,
				signal: r.pick([null, 'SIGTERM', 9]),
				reason: r.chance(0.5) ? 'timed_out' : undefined,
			});
		}

		case 8: {
			return draft('run.interrupted', {run: n, reason: 'engine gone'});
		}

		case 9: {
			return draft('run.restarted', {run: n, reason: 'no DONE', stalled: r.chance(0.5)});
		}

		case 10: {
			return draft('job.input', {run: n, text: 'y', enter: r.chance(0.5)});
		}

		case 11: {
			return draft('job.cancel_requested', {reason: r.chance(0.5) ? 'paused' : undefined});
		}

		case 12: {
			return draft('job.dispatch_requested', {});
		}

		case 13:
		case 14: {
			return draft('job.message', {from: 'agent', text: `note ${r.int(1000)}`});
		}

		case 15: {
			return draft('job.cost', {tokens: r.int(5000), usd: r.int(1000) / 997});
		}

		case 16: {
			return draft('chunk.completed', {
				n: r.int(8),
				chars: r.int(5000),
				tokens: r.int(900),
				endOffset: r.chance(0.5) ? r.int(100_000) : undefined,
				next: r.chance(0.5) ? 'go on' : undefined,
				hints: r.chance(0.4) && hintIds.length > 0 ? [r.pick(hintIds)] : undefined,
				estimated: r.chance(0.2) ? true : undefined,
			});
		}

		case 17: {
			return draft('chunk.repetition', {
				run: Math.max(1, n),
				n: 1 + r.int(5),
				similarity: 0.9,
				action: 'retried',
			});
		}

		case 18: {
			return draft('job.hint', {text: 'shorter'});
		}

		case 19: {
			return draft('author.outlined', {sections: ['one', 'two']});
		}

		case 20: {
			return draft('job.updated', {
				title: r.chance(0.5) ? `title ${r.int(9)}` : undefined,
				priority: r.chance(0.5) ? 'high' : undefined,
				blockedBy: r.chance(0.3) ? [jobId(2)] : undefined,
				artifacts: r.chance(0.3) ? ['out.md'] : undefined,
				loop: r.chance(0.2)
					? {until: 'done-file', maxRestarts: 2, backoffMs: 0, backoffMaxMs: 0, maxStalls: 2}
					: undefined,
			});
		}

		default: {
			return created({title: 'a second job.created, ignored'});
		}
	}
}

/** A generated history of one job: sometimes events before its creation, sometimes an author job, unknown events mixed in. */
function history(seed: number, id = jobId(1)): JobEvent[] {
	const r = random(seed);
	const h = new History();
	const events: JobEvent[] = [];
	let run = 0;
	const hintIds: string[] = [];
	const length = 1 + r.int(120);
	if (r.chance(0.1)) {
		h.add(id, draft('job.message', {from: 'early', text: 'before the job exists'}));
	}

	h.add(id, created(r.chance(0.4) ? {kind: 'author', author: spec} : {}));
	for (let i = 0; i < length; i++) {
		const next = nextDraft(r, run, hintIds);
		h.add(id, next);
		const last = h.events.at(-1)!;
		if (last.type === 'job.claimed' && last.data.run === run + 1) {
			run++;
		} else if (last.type === 'job.hint') {
			hintIds.push(last.id);
		}
	}

	for (const event of h.events) {
		events.push(event);
		if (r.chance(0.05)) {
			events.push(unknownEvent(10_000 + events.length, id));
		}
	}

	return events;
}

function fold(events: readonly JobEvent[], start?: Job): Job | undefined {
	return events.reduce<Job | undefined>((job, event) => evolve(job, event), start);
}

/** Freeze `value` and everything in it, so any write to it throws (test files are ES modules: strict mode). */
function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) {
			deepFreeze(child);
		}
	}

	return value;
}

const id = jobId(1);

describe('replayJob', () => {
	it('equals folding with evolve one event at a time, over 500 generated histories', () => {
		for (let seed = 1; seed <= 500; seed++) {
			const events = deepFreeze(history(seed));
			expect({seed, job: replayJob(events)}).toStrictEqual({seed, job: fold(events)});
		}
	});

	it('continues from a job folded elsewhere (a snapshot) without changing it or the events', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const events = history(seed);
			const cut = random(seed).int(events.length + 1);
			const start = deepFreeze(fold(events.slice(0, cut)));
			const rest = deepFreeze(events.slice(cut));
			expect({seed, job: replayJob(rest, start)}).toStrictEqual({seed, job: fold(rest, start)});
		}
	});

	it('leaves a job untouched when there are no events, and gives nothing before job.created', () => {
		const events = history(7);
		const start = deepFreeze(fold(events)!);
		expect(replayJob([], start)).toStrictEqual(start);
		expect(replayJob([])).toBeUndefined();
		expect(replayJob(events.filter((event) => event.type !== 'job.created'))).toBeUndefined();
	});

	it('never writes into arrays a job.updated took from its event (messages, runs set by a patch)', () => {
		const h = new History().add(id, created());
		const [patch] = h.stamp(id, [draft('job.updated', {title: 'x'})]);
		// A stamped event from another source may carry fields the schema would strip.
		const foreign = deepFreeze({
			...patch!,
			data: {title: 'x', messages: [], cost: {tokens: 1, usd: 1}},
		}) as JobEvent;
		const after = h.stamp(id, [
			draft('job.message', {from: 'a', text: 'b'}),
			draft('job.cost', {tokens: 1, usd: 1}),
		]);
		const events = [
			...h.events,
			foreign,
			...after.map((event, n) => ({...event, id: eventId(50 + n), at: time(50 + n)})),
		];
		expect(replayJob(events)).toStrictEqual(fold(events));
		expect(replayJob(events)).toMatchObject({cost: {tokens: 2, usd: 2}, messages: [{text: 'b'}]});
	});

	it('keeps every message of a long log, in order', () => {
		const h = new History().add(id, created());
		for (let n = 0; n < 20_000; n++) {
			h.add(id, draft('job.message', {from: 'agent', text: `m${n}`}));
		}

		const messages = replayJob(h.events)?.messages ?? [];
		expect(messages).toHaveLength(20_000);
		expect(messages.at(-1)?.text).toBe('m19999');
	});
});

describe('foldEvents over bursts of events (one working copy per run of one job)', () => {
	/** Three jobs' histories (one blocked by another through job.updated), interleaved at random. */
	function board(seed: number): JobEvent[] {
		const r = random(seed);
		const queues = [1, 2, 3].map((n) => history(seed * 7 + n, jobId(n)));
		const events: JobEvent[] = [];
		while (queues.some((queue) => queue.length > 0)) {
			const queue = r.pick(queues.filter((candidate) => candidate.length > 0));
			// Runs of one job's events, as a store reads them log by log.
			events.push(...queue.splice(0, 1 + r.int(12)));
		}

		return events;
	}

	it('folding all at once, or in random slices, equals folding one event at a time, over 200 generated boards', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const events = deepFreeze(board(seed));
			const oneByOne = foldOneByOne(events);
			expect({seed, board: foldEvents(emptyBoard, events)}).toStrictEqual({seed, board: oneByOne});
			const r = random(seed);
			let sliced = emptyBoard;
			for (let start = 0; start < events.length;) {
				const end = start + 1 + r.int(40);
				sliced = foldEvents(sliced, events.slice(start, end));
				start = end;
			}

			expect({seed, board: sliced}).toStrictEqual({seed, board: oneByOne});
		}
	});

	it('returns the same board when nothing in the burst applies', () => {
		const events = history(3);
		const before = foldEvents(emptyBoard, events);
		const stray = history(4, jobId(9)).filter((event) => event.type !== 'job.created');
		expect(foldEvents(before, stray)).toBe(before);
	});
});
