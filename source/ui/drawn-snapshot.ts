/**
 * Whether a new store snapshot changes anything the dashboard draws. Running agents append a
 * `run.output` byte counter every few seconds (engine/run-iteration.ts); it changes the job's object,
 * so by identity every counter would cost a whole Ink commit (~20–50 ms at 200 columns, PITFALLS.md)
 * for a number no view shows. Sixteen runs make about three a second (B11).
 */
import type {Job} from '../core/index.js';
import type {StoreSnapshot} from './ports.js';

/** Fields that every folded event changes; drawn only by the detail view's "updated" time. */
const bookkeeping = new Set<string>(['updatedAt', 'lastEventId', 'eventCount', 'runs']);

/** Same own keys and values, save those in `ignored` (which may be missing on one side). */
function sameExcept(a: object, b: object, ignored: ReadonlySet<string>): boolean {
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(right).filter((key) => !ignored.has(key));
	return (
		keys.length === Object.keys(left).filter((key) => !ignored.has(key)).length &&
		keys.every((key) => key in left && Object.is(left[key], right[key]))
	);
}

const runCounter = new Set<string>(['bytes']);

function sameJobExceptOutput(a: Job, b: Job): boolean {
	return (
		sameExcept(a, b, bookkeeping) &&
		a.runs.length === b.runs.length &&
		b.runs.every((run, index) => run === a.runs[index] || sameExcept(a.runs[index]!, run, runCounter))
	);
}

/**
 * True when `next` differs from `previous` at most in runs' byte counters and the bookkeeping every
 * event touches (`updatedAt`, `lastEventId`, `eventCount`): the screen would look the same. Cost: one
 * pass over the jobs map, with a field comparison only for jobs whose object changed.
 */
export function drawsTheSame(previous: StoreSnapshot, next: StoreSnapshot): boolean {
	if (previous === next) {
		return true;
	}

	// The store builds a new warnings array per snapshot; its entries are the same objects.
	const warned = previous.warnings;
	if (
		previous.error !== next.error ||
		warned.length !== next.warnings.length ||
		next.warnings.some((warning, index) => warning !== warned[index])
	) {
		return false;
	}

	const before = previous.board.jobs;
	const after = next.board.jobs;
	if (before.size !== after.size) {
		return false;
	}

	for (const [id, job] of after) {
		const old = before.get(id);
		if (old !== job && (old === undefined || !sameJobExceptOutput(old, job))) {
			return false;
		}
	}

	return true;
}
