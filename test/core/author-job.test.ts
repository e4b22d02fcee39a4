import {describe, expect, it} from 'vitest';
import {
	decideExit,
	decideHint,
	decideInterrupt,
	decidePause,
	decideResume,
	draft,
	type AuthorSpec,
} from '../../source/core/index.js';
import {created, given, History, jobId} from './given.js';

const [A, B] = [jobId(1), jobId(2)] as const;

const spec: AuthorSpec = {
	subject: 'tides',
	template: 'book',
	length: 'standard',
	span: 'medium',
	chunks: 3,
	minChars: 100,
	passes: 1,
	overlays: ['narrative'],
	files: [],
	plan: false,
	transport: 'scripted',
	continuation: 'anchor',
	anchorChars: 200,
	repetitionThreshold: 0.8,
	repetitionAction: 'continue',
	stallChars: 20,
};

const authorJob = () => new History().add(A, created({kind: 'author', agent: 'scripted', author: spec}));
const claim = (run: number) => [
	draft('job.claimed', {run, by: 'engine-1', agent: 'scripted'}),
	draft('job.status_changed', {from: 'ready', to: 'in_flight'}),
];
const chunk = (n: number, extra: Partial<{hints: string[]; next: string; estimated: boolean}> = {}) =>
	draft('chunk.completed', {run: 1, n, chars: 100 * n, tokens: 10, endOffset: 1000 * n, ...extra});

describe('author progress (the fold)', () => {
	it('starts with nothing written and the spec recorded', () => {
		expect(authorJob().job(A)).toMatchObject({
			kind: 'author',
			author: {spec, chunks: 0, chars: 0, tokens: 0, endOffset: 0, hints: [], repetitions: 0},
		});
	});

	it('counts completed chunks, characters, tokens and the commit point', () => {
		const job = authorJob()
			.add(A, ...claim(1), chunk(1, {next: 'waves'}), chunk(2))
			.job(A);
		expect(job.author).toMatchObject({chunks: 2, chars: 300, tokens: 20, endOffset: 2000, next: undefined});
	});

	it('never counts a chunk twice when its event is repeated', () => {
		const job = authorJob().add(A, chunk(1), chunk(1)).job(A);
		expect(job.author).toMatchObject({chunks: 1, chars: 100, tokens: 10});
	});

	it('keeps the model hint of the last chunk and marks estimated tokens', () => {
		const job = authorJob()
			.add(A, chunk(1, {next: 'the moon', estimated: true}))
			.job(A);
		expect(job.author).toMatchObject({next: 'the moon', estimated: true});
	});

	it('queues hints and drops the ones a chunk followed', () => {
		const history = authorJob().add(A, draft('job.hint', {text: 'cover spring tides'}));
		const [hint] = history.job(A).author!.hints;
		expect(hint).toMatchObject({text: 'cover spring tides'});
		history.add(A, draft('job.hint', {text: 'then neap tides'}));
		const after = history.add(A, chunk(1, {hints: [hint!.id]})).job(A);
		expect(after.author!.hints.map((item) => item.text)).toEqual(['then neap tides']);
	});

	it('records the outline and counts repetitions', () => {
		const job = authorJob()
			.add(A, draft('author.outlined', {sections: ['one', 'two', 'three']}))
			.add(A, draft('chunk.repetition', {run: 1, n: 2, similarity: 0.9, action: 'retried'}))
			.job(A);
		expect(job.author).toMatchObject({outline: ['one', 'two', 'three'], repetitions: 1});
	});

	it('ignores author events on agent jobs', () => {
		const job = new History()
			.add(B, created())
			.add(B, chunk(1), draft('job.hint', {text: 'x'}))
			.job(B);
		expect(job.author).toBeUndefined();
	});
});

describe('decideHint', () => {
	it('queues a trimmed hint', () => {
		given(authorJob())
			.when(A, (_board, job) => decideHint(job, '  cover the moon  '))
			.then([draft('job.hint', {text: 'cover the moon'})]);
	});

	it('refuses agent jobs, empty hints and finished books', () => {
		given(new History().add(B, created()))
			.when(B, (_board, job) => decideHint(job, 'x'))
			.thenThrows('invalid', /not an author job/);
		given(authorJob())
			.when(A, (_board, job) => decideHint(job, '  '))
			.thenThrows('invalid', /needs text/);
		given(authorJob().add(A, chunk(1), chunk(2), chunk(3)))
			.when(A, (_board, job) => decideHint(job, 'more'))
			.thenThrows('invalid', /all 3 chunks/);
	});
});

describe('decidePause and decideResume', () => {
	it('asks a running job to stop as paused; its run end blocks it as paused', () => {
		const history = authorJob().add(A, ...claim(1));
		given(history)
			.when(A, (_board, job) => decidePause(job))
			.then([draft('job.cancel_requested', {reason: 'paused'})]);
		history.add(A, draft('job.cancel_requested', {reason: 'paused'}));
		given(history)
			.when(A, (_board, job) => decideExit(job, {run: 1, code: null, signal: null, reason: 'paused'}))
			.thenJob((job) => expect(job).toMatchObject({status: 'blocked', reason: 'paused'}));
		given(history)
			.when(A, (_board, job) => decideInterrupt(job, 'engine gone'))
			.thenJob((job) => expect(job).toMatchObject({status: 'blocked', reason: 'paused'}));
	});

	it('blocks a waiting job as paused at once, and resume puts it back in ready', () => {
		const history = authorJob();
		given(history)
			.when(A, (_board, job) => decidePause(job))
			.then([draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'paused'})]);
		history.add(A, draft('job.status_changed', {from: 'ready', to: 'blocked', reason: 'paused'}));
		given(history)
			.when(A, (_board, job) => decideResume(job))
			.then([draft('job.status_changed', {from: 'blocked', to: 'ready', reason: 'resumed (was paused)'})]);
	});

	it('refuses to resume a job that is not blocked, or whose run has not ended', () => {
		given(authorJob())
			.when(A, (_board, job) => decideResume(job))
			.thenThrows('conflict', /not blocked/);
		const stopping = authorJob()
			.add(A, ...claim(1))
			.add(A, draft('job.status_changed', {from: 'in_flight', to: 'blocked', reason: 'moved'}));
		given(stopping)
			.when(A, (_board, job) => decideResume(job))
			.thenThrows('conflict', /still stopping/);
	});

	it('refuses to pause a finished job', () => {
		given(authorJob().add(A, draft('job.status_changed', {from: 'ready', to: 'done'})))
			.when(A, (_board, job) => decidePause(job))
			.thenThrows('conflict');
	});
});
