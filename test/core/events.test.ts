import {describe, expect, it} from 'vitest';
import {
	checkEvent,
	eventDataSchemas,
	eventVersion,
	evolve,
	isKnownEvent,
	makeEvent,
	type EventCheck,
	type JobEvent,
} from '../../source/core/index.js';
import {eventId, jobId, time} from './given.js';

const A = jobId(1);
const envelope = {id: eventId(1), v: 1, jobId: A, at: time(1), by: 'cli'};

/** Run the check and fail the test (with the error) unless it accepted the value. */
function accepted(value: unknown): JobEvent {
	const result: EventCheck = checkEvent(value);
	if (!result.ok) {
		throw new Error(`expected the event to be accepted, got: ${result.error}`);
	}

	return result.event;
}

/** Run the check and fail the test unless it refused the value; the error message. */
function refused(value: unknown): string {
	const result = checkEvent(value);
	if (result.ok) {
		throw new Error(`expected the event to be refused, got: ${JSON.stringify(result.event)}`);
	}

	return result.error;
}

/** One valid payload per known type, as written by this version. */
const samples: Record<string, unknown> = {
	'job.created': {
		title: 'Write the README',
		description: 'all of it',
		kind: 'author',
		status: 'inbox',
		priority: 'high',
		complexity: 'm',
		agent: 'claude',
		prompt: 'write it',
		blockedBy: [jobId(2)],
		acceptance: ['it reads well'],
	},
	'job.updated': {title: 'Renamed', artifacts: ['artifacts/out.txt']},
	'job.status_changed': {from: 'ready', to: 'blocked', reason: 'waiting'},
	'job.claimed': {run: 1, by: 'host:1:01JENGINE', agent: 'shell'},
	'run.started': {run: 1, pid: 4242, agent: 'shell', command: ['bash', '-lc', 'make']},
	'run.output': {run: 1, bytes: 0},
	'run.exited': {run: 1, code: null, signal: 'SIGTERM'},
	'run.interrupted': {run: 1, reason: 'engine gone'},
	'run.restarted': {run: 2, reason: 'no DONE file', stalled: false},
	'run.state_changed': {run: 1, from: 'busy', to: 'waiting'},
	'job.input': {run: 1, text: 'yes', enter: true},
	'job.cancel_requested': {reason: 'changed my mind'},
	'job.dispatch_requested': {},
	'job.message': {from: 'alice', text: 'looks good'},
	'chunk.completed': {n: 3, chars: 1200, tokens: 300},
	'chunk.repetition': {run: 1, n: 4, similarity: 0.91, action: 'retried'},
	'job.hint': {text: 'cover the moon next'},
	'author.outlined': {sections: ['Tides', 'The moon']},
	'job.cost': {tokens: 1000, usd: 0.25},
};

describe('checkEvent', () => {
	it('has a valid sample for every known type (a new type needs one here)', () => {
		expect(Object.keys(samples).sort()).toEqual(Object.keys(eventDataSchemas).sort());
	});

	it.each(Object.entries(samples))('accepts a valid %s event as known, unchanged', (type, data) => {
		const event = accepted({...envelope, type, data});

		expect(event).toEqual({...envelope, type, data});
		expect(isKnownEvent(event)).toBe(true);
	});

	it('accepts an event written by makeEvent (after a JSON round trip)', () => {
		const event = makeEvent(
			'job.message',
			A,
			{from: 'bob', text: 'hi'},
			{id: eventId(7), at: time(7), by: 'repl'},
		);

		expect(event).toEqual({
			id: eventId(7),
			v: eventVersion,
			type: 'job.message',
			jobId: A,
			at: time(7),
			by: 'repl',
			data: {from: 'bob', text: 'hi'},
		});
		expect(accepted(JSON.parse(JSON.stringify(event)))).toEqual(event);
	});

	it('fills the defaults of job.created', () => {
		const event = accepted({
			...envelope,
			type: 'job.created',
			data: {title: 't', status: 'ready', priority: 'low', agent: 'shell'},
		});

		expect(event.data).toEqual({
			title: 't',
			description: '',
			kind: 'agent',
			status: 'ready',
			priority: 'low',
			agent: 'shell',
			blockedBy: [],
			acceptance: [],
		});
	});

	it('accepts a time with an offset', () => {
		expect(
			accepted({...envelope, at: '2025-01-01T11:00:00.000+02:00', type: 'job.dispatch_requested', data: {}})
				.at,
		).toBe('2025-01-01T11:00:00.000+02:00');
	});

	describe('refuses a bad envelope', () => {
		const good = {...envelope, type: 'job.dispatch_requested', data: {}};

		it.each(['id', 'v', 'type', 'jobId', 'at', 'by'])('missing %s (naming it)', (field) => {
			const {[field as keyof typeof good]: _dropped, ...rest} = good;

			expect(refused(rest)).toContain(`at ${field}`);
		});

		it.each([null, undefined, 'job.created', 42, [], true])('not an object: %j', (value) => {
			refused(value);
		});

		it.each(['yesterday', '2025-01-01', '2025-01-01T09:00:00', '2025-13-01T09:00:00Z', ''])(
			'at = %j',
			(at) => {
				expect(refused({...good, at})).toContain('at at');
			},
		);

		it.each([0, -1, 1.5, '1'])('v = %j', (v) => {
			expect(refused({...good, v})).toContain('at v');
		});

		it.each([
			['id', ''],
			['jobId', ''],
			['type', ''],
		])('empty %s', (field, value) => {
			refused({...good, [field]: value});
		});
	});

	describe('refuses a known type with a bad payload, naming the type', () => {
		it.each([
			['job.created', {title: '', status: 'ready', priority: 'low', agent: 'shell'}],
			['job.created', {title: 't', status: 'doing', priority: 'low', agent: 'shell'}],
			['job.created', {title: 't', status: 'ready', priority: 'asap', agent: 'shell'}],
			['job.created', {title: 't', status: 'ready', priority: 'low'}],
			['job.updated', {priority: 'whenever'}],
			['job.status_changed', {from: 'ready'}],
			['job.claimed', {run: 0, by: 'e', agent: 'shell'}],
			['run.started', {run: 1, pid: -1, agent: 'shell', command: []}],
			['run.output', {run: 1, bytes: -5}],
			['run.exited', {run: 1, code: 1.5, signal: null}],
			['run.exited', {run: 1, code: 0}],
			['job.message', {from: 'alice'}],
			['job.cost', {tokens: 10, usd: -1}],
			['job.status_changed', 'not an object'],
		])('%s %j', (type, data) => {
			expect(refused({...envelope, type, data})).toMatch(new RegExp(`^${type.replace('.', '\\.')}: `));
		});
	});

	describe('an unknown type', () => {
		it('is accepted, flagged unknown, with its data kept as written', () => {
			const data = {anything: [1, 2, {deep: true}]};
			const event = accepted({...envelope, type: 'job.teleported', data});

			expect(event).toEqual({...envelope, type: 'job.teleported', data, unknown: true});
			expect(isKnownEvent(event)).toBe(false);
		});

		it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
			'named after an Object.prototype key (%s) is unknown, not a crash',
			(type) => {
				const event = accepted(JSON.parse(JSON.stringify({...envelope, type, data: {}})));

				expect(isKnownEvent(event)).toBe(false);
			},
		);
	});

	describe('a line with __proto__', () => {
		const line = (type: string, data: string) =>
			`{"id":"${eventId(1)}","v":1,"jobId":"${A}","at":"${time(1)}","by":"x","type":"${type}","__proto__":{"polluted":"envelope"},"data":${data}}`;
		const pollution = () => (({}) as Record<string, unknown>)['polluted'];

		it('in a known payload is dropped, and nothing is polluted', () => {
			const event = accepted(
				JSON.parse(line('job.updated', '{"title":"t","__proto__":{"polluted":"data","status":"done"}}')),
			);

			expect(pollution()).toBeUndefined();
			expect(event.data).toEqual({title: 't'});
			expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
			expect(Object.hasOwn(event.data as object, '__proto__')).toBe(false);
			expect(Object.hasOwn(event, '__proto__')).toBe(false);
			expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
		});

		it('does not reach the folded job', () => {
			const create = accepted(
				JSON.parse(
					line(
						'job.created',
						'{"title":"t","status":"ready","priority":"low","agent":"shell","__proto__":{"status":"done","isAdmin":true}}',
					),
				),
			);
			const job = evolve(undefined, create);

			expect(pollution()).toBeUndefined();
			expect(job?.status).toBe('ready');
			expect(Object.getPrototypeOf(job)).toBe(Object.prototype);
			expect((job as Record<string, unknown> | undefined)?.['isAdmin']).toBeUndefined();
		});

		it('in an unknown payload stays an own key of that payload only', () => {
			const event = accepted(JSON.parse(line('job.future', '{"__proto__":{"polluted":"unknown"}}')));

			expect(pollution()).toBeUndefined();
			expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
			expect(Object.hasOwn(event.data as object, '__proto__')).toBe(true);
		});
	});

	describe('refuses oversize strings', () => {
		const long = (n: number) => 'x'.repeat(n);

		it('a title of 500 characters is fine, 501 is not', () => {
			const data = (title: string) => ({title, status: 'ready', priority: 'low', agent: 'shell'});

			accepted({...envelope, type: 'job.created', data: data(long(500))});
			expect(refused({...envelope, type: 'job.created', data: data(long(501))})).toMatch(
				/^job\.created: .*title/,
			);
		});

		it.each([
			['id', long(65)],
			['jobId', long(65)],
			['by', long(201)],
			['type', long(101)],
		])('envelope %s', (field, value) => {
			expect(refused({...envelope, type: 'job.dispatch_requested', data: {}, [field]: value})).toContain(
				`at ${field}`,
			);
		});

		it.each([
			['job.message', {from: 'a', text: long(100_001)}],
			['job.message', {from: long(201), text: 'hi'}],
			['job.status_changed', {from: 'ready', to: 'blocked', reason: long(10_001)}],
			['run.exited', {run: 1, code: null, signal: long(21)}],
			['job.created', {title: 't', status: 'ready', priority: 'low', agent: 'shell', blockedBy: [long(65)]}],
			['job.updated', {blockedBy: Array.from({length: 1001}, (_, i) => jobId(i))}],
		])('%s payload', (type, data) => {
			expect(refused({...envelope, type, data})).toMatch(new RegExp(`^${type.replace('.', '\\.')}: `));
		});
	});
});
