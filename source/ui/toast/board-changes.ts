/**
 * What changed between two store snapshots that a person wants to hear about: a job done or blocked,
 * a run starting to wait for input, the board's budget reaching its warning level or its limit; and
 * the problems that go to the errors inbox. Pure: the dashboard compares each new snapshot with the
 * one before, so only changes made while it is open count, never the board it loaded.
 */
import {boardBudget, type Budget} from '../../core/budget.js';
import type {Job} from '../../core/job.js';
import type {Board} from '../../core/reduce.js';
import type {RunActivity} from '../../core/supervision.js';
import type {StoreSnapshot} from '../ports.js';
import {activityStyle} from '../theme.js';
import type {Toast, ToastTone} from './toast-queue.js';

/** One change worth a toast. */
export type BoardChange = Toast & {
	readonly kind: 'done' | 'blocked' | 'waiting' | 'budget';
	/** The job (absent for the budget). */
	readonly jobId?: string;
	readonly title?: string;
	/** The run state that `notify.states` names for this change: `waiting`, or `exited` for done/blocked. */
	readonly state?: RunActivity;
	/** The engine that ran the job's latest run: an engine notifies for its own runs itself. */
	readonly engine?: string;
};

const waitingNow = (job: Job) => job.status === 'in_flight' && job.runs.at(-1)?.activity === 'waiting';

function jobChange(before: Job, after: Job): BoardChange | undefined {
	const about = {jobId: after.id, title: after.title, engine: after.runs.at(-1)?.engine};
	if (after.status !== before.status && after.status === 'done') {
		return {...about, kind: 'done', tone: 'ok', text: `done: ${after.title}`, state: 'exited'};
	}

	if (after.status !== before.status && after.status === 'blocked') {
		const reason = after.reason ? ` — ${after.reason}` : '';
		const text = `blocked: ${after.title}${reason}`;
		return {...about, kind: 'blocked', tone: 'error', text, state: 'exited'};
	}

	if (waitingNow(after) && !(waitingNow(before) && before.runs.at(-1)?.n === after.runs.at(-1)?.n)) {
		const text = `${activityStyle.waiting.glyph} waiting for input: ${after.title}`;
		return {...about, kind: 'waiting', tone: 'waiting', text, state: 'waiting'};
	}

	return undefined;
}

function budgetChange(before: Board, after: Board, budget: Budget | undefined): BoardChange | undefined {
	const was = boardBudget(before, budget).level;
	const now = boardBudget(after, budget);
	if (now.level === was || now.level === 'ok' || (was === 'exhausted' && now.level === 'warn')) {
		return undefined;
	}

	const reason = now.reason ?? 'board budget';
	return now.level === 'exhausted'
		? {kind: 'budget', tone: 'error', text: `${reason}: limit reached, no run starts`}
		: {kind: 'budget', tone: 'warning', text: `budget warning: ${reason}`};
}

/** The changes from `before` to `after`, in board order; jobs new in `after` are not news. */
export function boardChanges(before: Board, after: Board, budget?: Budget): BoardChange[] {
	if (before === after) {
		return [];
	}

	const changes: BoardChange[] = [];
	for (const job of after.jobs.values()) {
		const previous = before.jobs.get(job.id);
		const change = previous && previous !== job ? jobChange(previous, job) : undefined;
		if (change) {
			changes.push(change);
		}
	}

	const budgetNews = budgetChange(before, after, budget);
	return budgetNews ? [...changes, budgetNews] : changes;
}

const urgency: Readonly<Record<ToastTone, number>> = {error: 3, waiting: 2, warning: 1, ok: 0};

/**
 * One toast for the changes of one snapshot: the most urgent change, and a count of the others
 * (`blocked: Fix login — exit 1 · also 2 done`).
 */
export function toastFor(changes: readonly BoardChange[]): Toast | undefined {
	const main = changes.reduce<BoardChange | undefined>(
		(best, change) => (best && urgency[best.tone] >= urgency[change.tone] ? best : change),
		undefined,
	);
	if (!main) {
		return undefined;
	}

	const others = new Map<BoardChange['kind'], number>();
	for (const change of changes) {
		if (change !== main) {
			others.set(change.kind, (others.get(change.kind) ?? 0) + 1);
		}
	}

	const also = [...others].map(([kind, count]) => `${count} ${kind}`);
	return {tone: main.tone, text: also.length > 0 ? `${main.text} · also ${also.join(', ')}` : main.text};
}

/**
 * Problems for the errors inbox: a job blocked by something other than a person's cancel, a new
 * store error, new store warnings.
 */
export function newProblems(
	before: StoreSnapshot,
	after: StoreSnapshot,
	changes: readonly BoardChange[],
): string[] {
	const problems: string[] = [];
	for (const change of changes) {
		// A person's cancel or pause is no error: they know.
		if (change.kind === 'blocked' && !before.board.jobs.get(change.jobId ?? '')?.cancelRequested) {
			problems.push(change.text);
		}
	}

	if (after.error !== undefined && after.error !== before.error) {
		problems.push(`store: ${after.error}`);
	}

	const seen = new Set(before.warnings);
	for (const warning of after.warnings) {
		if (!seen.has(warning)) {
			const file = warning.file.split(/[/\\]/).at(-1) ?? warning.file;
			problems.push(`store warning: ${file}:${warning.line} ${warning.message}`);
		}
	}

	return problems;
}
