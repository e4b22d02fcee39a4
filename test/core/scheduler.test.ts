import {describe, expect, it} from 'vitest';
import {boardFromJobs, draft, type Board, type JobStatus, type Priority} from '../../source/core/index.js';
import {parseQuietWindow} from '../../source/core/quiet-hours.js';
import {
	effectivePriority,
	pickJobsToStart,
	startGate,
	type SchedulerPolicy,
} from '../../source/core/scheduler.js';
import {created, History, jobId} from './given.js';

/** One job of a test board; job `n` (1-based position) is older than job `n + 1` unless `ageMin` says otherwise. */
type Spec = {
	priority?: Priority;
	agent?: string;
	status?: JobStatus;
	/** The job has a run going on, started with this agent. */
	running?: string;
	dispatch?: boolean;
	usd?: number;
	/** Minutes between the job's creation and {@link now} (default: one minute less one second per position). */
	ageMin?: number;
	blockedBy?: number[];
};

const now = new Date(2026, 10, 26, 12, 0); // Thursday, noon local time.
const minute = 60_000;

function boardOf(specs: readonly Spec[]): Board {
	const history = new History();
	specs.forEach((spec, index) => {
		const id = jobId(index + 1);
		const {priority = 'medium', agent = 'shell', status = 'ready', blockedBy = []} = spec;
		history.add(id, created({priority, agent, status, blockedBy: blockedBy.map((n) => jobId(n))}));
		if (spec.running) {
			history.add(
				id,
				draft('job.claimed', {run: 1, by: 'engine-2', agent: spec.running}),
				draft('job.status_changed', {from: status, to: 'in_flight'}),
			);
		}

		if (spec.dispatch) {
			history.add(id, draft('job.dispatch_requested', {}));
		}

		if (spec.usd !== undefined) {
			history.add(id, draft('job.cost', {tokens: 0, usd: spec.usd}));
		}
	});

	// Creation times relative to `now`, so aging is under the test's control.
	return boardFromJobs(
		[...history.board.jobs.values()].map((job, index) => {
			const ageMin = specs[index]?.ageMin ?? 1 - index / 60;
			return {...job, createdAt: new Date(now.getTime() - ageMin * minute).toISOString()};
		}),
	);
}

const policyOf = (overrides: Partial<SchedulerPolicy> = {}): SchedulerPolicy => ({
	concurrency: 10,
	perAgent: {},
	quietHours: [],
	...overrides,
});

/** Positions (1-based) of the jobs picked. */
const picks = (
	specs: readonly Spec[],
	policy: Partial<SchedulerPolicy> = {},
	options?: Parameters<typeof pickJobsToStart>[3],
): number[] =>
	pickJobsToStart(boardOf(specs), policyOf(policy), now, options).map((job) => Number(job.id.slice(5)));

describe('pickJobsToStart', () => {
	it.each<[string, Spec[], Partial<SchedulerPolicy>, number[]]>([
		['nothing on an empty board', [], {}, []],
		[
			'by priority, then age',
			[{priority: 'low'}, {priority: 'high'}, {priority: 'medium'}, {priority: 'high'}, {priority: 'urgent'}],
			{},
			[5, 2, 4, 3, 1],
		],
		['equal priority and age: by id', [{ageMin: 5}, {ageMin: 5}, {ageMin: 6}], {}, [3, 1, 2]],
		// Global limit.
		[
			'at most the free slots',
			[{priority: 'low'}, {priority: 'high'}, {priority: 'medium'}],
			{concurrency: 2},
			[2, 3],
		],
		[
			'running runs take slots',
			[{running: 'shell'}, {priority: 'high'}, {priority: 'low'}],
			{concurrency: 2},
			[2],
		],
		['none when every slot is taken', [{running: 'shell'}, {}], {concurrency: 1}, []],
		['none when over the limit', [{running: 'a'}, {running: 'b'}, {}], {concurrency: 1}, []],
		['none with a limit of 0', [{}], {concurrency: 0}, []],
		['all with no limit', [{}, {}, {}], {concurrency: Number.POSITIVE_INFINITY}, [1, 2, 3]],
		// Per-agent limits.
		[
			'skips an agent at its limit with runs going on',
			[{agent: 'claude', running: 'claude'}, {agent: 'claude', priority: 'urgent'}, {priority: 'low'}],
			{perAgent: {claude: 1}},
			[3],
		],
		[
			'counts the jobs it picks against the agent limit',
			[{agent: 'claude'}, {agent: 'claude'}, {agent: 'claude'}, {}],
			{perAgent: {claude: 2}},
			[1, 2, 4],
		],
		[
			'counts running and picked runs together',
			[{agent: 'claude', running: 'claude'}, {agent: 'claude'}, {agent: 'claude'}],
			{perAgent: {claude: 2}},
			[2],
		],
		['never starts an agent limited to 0', [{agent: 'claude'}, {}], {perAgent: {claude: 0}}, [2]],
		[
			'no limit for an agent not listed',
			[{agent: 'codex'}, {agent: 'codex'}],
			{perAgent: {claude: 1}},
			[1, 2],
		],
		['no limit for an agent named like an Object method', [{agent: 'constructor'}], {}, [1]],
		[
			'counts a run by the agent it was started with',
			[{agent: 'shell', running: 'claude'}, {agent: 'claude'}],
			{perAgent: {claude: 1}},
			[],
		],
		[
			'agent limits leave global slots to other agents',
			[{agent: 'claude', priority: 'urgent'}, {agent: 'claude', priority: 'urgent'}, {priority: 'low'}],
			{concurrency: 2, perAgent: {claude: 1}},
			[1, 3],
		],
		// Job budgets.
		[
			'skips a job that spent its budget',
			[{usd: 1, priority: 'high'}, {usd: 0.5}],
			{jobBudget: {usd: 1}},
			[2],
		],
		['starts a job near its budget', [{usd: 0.9}], {jobBudget: {usd: 1}}, [1]],
		// Start-now requests.
		['start-now requests first', [{priority: 'urgent'}, {priority: 'low', dispatch: true}], {}, [2, 1]],
		['a start-now request from the inbox', [{status: 'inbox', dispatch: true}], {}, [1]],
		[
			'a start-now request obeys the global limit',
			[{running: 'shell'}, {dispatch: true}],
			{concurrency: 1},
			[],
		],
		[
			'a start-now request obeys the agent limit',
			[{agent: 'claude', running: 'claude'}, {agent: 'claude', dispatch: true}, {}],
			{perAgent: {claude: 1}},
			[3],
		],
		['a start-now request obeys its budget', [{dispatch: true, usd: 2}, {}], {jobBudget: {usd: 1}}, [2]],
		// Dependencies and statuses (the planner's rules).
		['waits for dependencies', [{status: 'inbox'}, {blockedBy: [1]}], {}, []],
		['starts once dependencies are done', [{status: 'done'}, {blockedBy: [1]}], {}, [2]],
		['only ready jobs', [{status: 'review'}, {status: 'blocked'}, {status: 'inbox'}, {}], {}, [4]],
	])('%s', (_name, specs, policy, expected) => {
		expect(picks(specs, policy)).toEqual(expected);
	});

	it.each<[string, Spec[], Partial<SchedulerPolicy>, number[]]>([
		[
			'an old low job beats a new high one after three steps',
			[
				{priority: 'low', ageMin: 95},
				{priority: 'high', ageMin: 0},
			],
			{},
			[1, 2],
		],
		[
			'not after one step',
			[
				{priority: 'low', ageMin: 50},
				{priority: 'high', ageMin: 0},
			],
			{},
			[2, 1],
		],
		[
			'a tie in effective priority goes to the older',
			[
				{priority: 'low', ageMin: 60},
				{priority: 'high', ageMin: 0},
			],
			{},
			[1, 2],
		],
		[
			'fully aged jobs order by age',
			[
				{priority: 'urgent', ageMin: 150},
				{priority: 'low', ageMin: 200},
			],
			{},
			[2, 1],
		],
		[
			'a fully aged low job beats a new urgent one',
			[
				{priority: 'urgent', ageMin: 0},
				{priority: 'low', ageMin: 121},
			],
			{},
			[2, 1],
		],
		[
			'aging follows agingMs',
			[
				{priority: 'low', ageMin: 3},
				{priority: 'high', ageMin: 0},
			],
			{agingMs: minute},
			[1, 2],
		],
		[
			'no aging with agingMs Infinity',
			[{priority: 'low', ageMin: 1e6}, {priority: 'high'}],
			{agingMs: Number.POSITIVE_INFINITY},
			[2, 1],
		],
		[
			'a start-now request still beats an aged job',
			[{priority: 'low', ageMin: 1e6}, {dispatch: true}],
			{},
			[2, 1],
		],
	])('aging: %s', (_name, specs, policy, expected) => {
		expect(picks(specs, policy)).toEqual(expected);
	});

	it('takes a running count from the caller', () => {
		expect(picks([{}, {}, {}], {concurrency: 3}, {running: 2})).toEqual([1]);
	});

	it('lets the caller restrict the candidates, without using their slots', () => {
		const only = (n: number) => ({extraFilter: (job: {id: string}) => job.id === jobId(n)});
		expect(picks([{priority: 'urgent'}, {}, {}], {concurrency: 1}, only(3))).toEqual([3]);
	});

	it('is the same whatever order the board holds its jobs in', () => {
		const specs: Spec[] = [
			{priority: 'low'},
			{priority: 'high'},
			{priority: 'high'},
			{dispatch: true},
			{dispatch: true, priority: 'low'},
			{priority: 'low', ageMin: 100},
			{priority: 'high', ageMin: 0},
			{priority: 'high', ageMin: 0},
		];
		const board = boardOf(specs);
		const reversed = boardFromJobs([...board.jobs.values()].reverse());
		const ids = (b: Board) => pickJobsToStart(b, policyOf(), now).map((job) => job.id);

		expect(ids(reversed)).toEqual(ids(board));
		expect(ids(board)).toEqual([4, 5, 6, 2, 3, 7, 8, 1].map((n) => jobId(n)));
	});

	it('starts nothing while the gate is closed, start-now requests included', () => {
		const quiet = {quietHours: [parseQuietWindow('11:00-13:00')]};
		expect(picks([{}, {dispatch: true}], quiet)).toEqual([]);
		expect(picks([{usd: 5}, {dispatch: true}], {budget: {usd: 5}})).toEqual([]);
	});
});

describe('startGate', () => {
	const gate = (specs: Spec[], policy: Partial<SchedulerPolicy>, at = now) =>
		startGate(boardOf(specs), policyOf(policy), at);
	const windows = (...texts: string[]) => texts.map((text) => parseQuietWindow(text));

	it.each<[string, Spec[], Partial<SchedulerPolicy>]>([
		['without quiet hours or budget', [{usd: 100}], {}],
		['outside quiet hours', [], {quietHours: windows('22:00-07:00', 'sat,sun 00:00-24:00')}],
		['with the board budget at its warning', [{usd: 4.5}], {budget: {usd: 5}}],
	])('is open %s', (_name, specs, policy) => {
		expect(gate(specs, policy)).toEqual({open: true});
	});

	it.each<[string, Spec[], Partial<SchedulerPolicy>, Date, object]>([
		[
			'in quiet hours, until they end',
			[],
			{quietHours: windows('11:00-13:00')},
			now,
			{open: false, cause: 'quiet', reason: 'quiet hours until 13:00', until: new Date(2026, 10, 26, 13, 0)},
		],
		[
			'in quiet hours, naming the day when they end on another',
			[],
			{quietHours: windows('sat,sun 00:00-24:00')},
			new Date(2026, 10, 28, 10, 0),
			{
				open: false,
				cause: 'quiet',
				reason: 'quiet hours until Mon 00:00',
				until: new Date(2026, 10, 30, 0, 0),
			},
		],
		[
			'in quiet hours that never end',
			[],
			{quietHours: windows('00:00-24:00')},
			now,
			{open: false, cause: 'quiet', reason: 'quiet hours cover the whole week'},
		],
		[
			'with the board budget exhausted, across all jobs',
			[{usd: 3}, {usd: 2, status: 'done'}],
			{budget: {usd: 5}},
			now,
			{open: false, cause: 'budget', reason: 'board budget: $5.00 of $5.00 spent'},
		],
		[
			'with the board budget exhausted, before quiet hours (no until: waiting would not help)',
			[{usd: 5}],
			{budget: {usd: 5}, quietHours: windows('11:00-13:00')},
			now,
			{open: false, cause: 'budget', reason: 'board budget: $5.00 of $5.00 spent'},
		],
	])('is closed %s', (_name, specs, policy, at, expected) => {
		expect(gate(specs, policy, at)).toStrictEqual(expected);
	});
});

describe('effectivePriority', () => {
	const job = (priority: Priority, ageMin: number) => [...boardOf([{priority, ageMin}]).jobs.values()][0]!;

	it.each<[Priority, number, number, number]>([
		['low', 0, 30, 0],
		['low', 29.9, 30, 0],
		['low', 30, 30, 1],
		['low', 90, 30, 3],
		['low', 120, 30, 4],
		['low', 10_000, 30, 4],
		['medium', 59, 30, 2],
		['urgent', 0, 30, 3],
		['urgent', 30, 30, 4],
		['medium', -10, 30, 1],
		['high', 10_000, Number.POSITIVE_INFINITY, 2],
		['high', 10_000, 0, 2],
		['high', 10_000, -5, 2],
	])('%s, waiting %d min, aging every %d min: %d', (priority, ageMin, agingMin, expected) => {
		expect(effectivePriority(job(priority, ageMin), now, agingMin * minute)).toBe(expected);
	});
});
