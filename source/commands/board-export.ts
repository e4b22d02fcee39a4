/**
 * The export format (`export --format json|yaml`): every job's snapshot with its raw events.
 *
 * ```json
 * {"version": 1, "exportedAt": "2025-01-01T00:00:00.000Z",
 *  "jobs": [{"id": "01J…", "title": "…", "status": "done", …, "events": [{"id": "01J…", "v": 1, …}]}]}
 * ```
 *
 * The events are the source of truth: importing re-appends them as they are (same ids, `at` and `by`),
 * so the board folded from them is the board exported. The snapshot fields are for people and other
 * tools; import ignores them. Pure: no I/O here.
 */
import {z} from 'zod';
import {checkEvent, isKnownEvent, type Job, type JobEvent} from '../core/index.js';
import {isJobId} from '../store/paths.js';
import {ConfigError} from '../config/yaml-file.js';
import {validateSource, type ImportSource} from './import-source.js';

/** Version of the export format, written into `version`. */
export const exportVersion = 1;

/** An event as it is in `events.jsonl`. */
export type RawEvent = {
	readonly id: string;
	readonly v: number;
	readonly type: string;
	readonly jobId: string;
	readonly at: string;
	readonly by: string;
	readonly data: unknown;
};

/** One exported job: its snapshot fields and every event of its log, in file order. */
export type ExportedJob = Job & {readonly events: readonly RawEvent[]};

/** A whole exported board. */
export type BoardExport = {
	readonly version: typeof exportVersion;
	/** ISO 8601 time of the export. */
	readonly exportedAt: string;
	/** Jobs by id (oldest first: ids are ULIDs). */
	readonly jobs: readonly ExportedJob[];
};

/** One job's log read back from an export, checked. */
export type ImportedLog = {
	readonly id: string;
	readonly events: readonly JobEvent[];
};

/** An event as written in the log, without the reader's `unknown` marker. */
export function rawEvent(event: JobEvent): RawEvent {
	const {id, v, type, jobId, at, by, data} = event;
	return {id, v, type, jobId, at, by, data};
}

/**
 * Build the export of `jobs`.
 *
 * @param eventsOf every event of a job's log, in file order.
 * @param exportedAt ISO 8601 time written into the export.
 */
export function buildExport(
	jobs: Iterable<Job>,
	eventsOf: (jobId: string) => readonly JobEvent[],
	exportedAt: string,
): BoardExport {
	const sorted = [...jobs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return {
		version: exportVersion,
		exportedAt,
		jobs: sorted.map((job) => ({...job, events: eventsOf(job.id).map(rawEvent)})),
	};
}

/** True when a parsed file looks like an export: a mapping with `version` and a `jobs` list. */
export function isExportDocument(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		Object.hasOwn(value, 'version') &&
		Array.isArray((value as {jobs?: unknown}).jobs)
	);
}

const exportSchema = z.object({
	version: z.literal(exportVersion, {error: `only version ${exportVersion} exports can be imported`}),
	jobs: z.array(z.object({id: z.string(), events: z.array(z.unknown()).min(1)})).max(100_000),
});

/**
 * Read and check the logs of an export: valid unique job ids, every event valid and of its job, each
 * log starting with `job.created`, no event id twice.
 *
 * @throws {ConfigError} `where: message` for the first problem.
 */
export function readExport(source: ImportSource): ImportedLog[] {
	const document = validateSource(source, exportSchema);
	const jobIds = new Set<string>();
	const eventIds = new Set<string>();
	return document.jobs.map((job, index) => {
		const where = source.at(['jobs', index, 'id']);
		if (!isJobId(job.id)) {
			throw new ConfigError(`${where}: invalid job id ${JSON.stringify(job.id)}`);
		}

		if (jobIds.has(job.id)) {
			throw new ConfigError(`${where}: job ${job.id} is exported twice`);
		}

		jobIds.add(job.id);
		const events = job.events.map((value, position) => {
			const at = source.at(['jobs', index, 'events', position]);
			const check = checkEvent(value);
			if (!check.ok) {
				throw new ConfigError(`${at}: ${check.error}`);
			}

			const {event} = check;
			if (event.jobId !== job.id) {
				throw new ConfigError(`${at}: event ${event.id} is of job ${event.jobId}, not ${job.id}`);
			}

			if (position === 0 && event.type !== 'job.created') {
				throw new ConfigError(`${at}: the log of job ${job.id} starts with ${event.type}, not job.created`);
			}

			if (eventIds.has(event.id)) {
				throw new ConfigError(`${at}: event id ${event.id} appears twice`);
			}

			eventIds.add(event.id);
			return event;
		});
		return {id: job.id, events};
	});
}

function remapIds(ids: readonly string[], map: ReadonlyMap<string, string>): string[] {
	return ids.map((id) => map.get(id) ?? id);
}

/**
 * Give every job and event a fresh id (`--fresh-ids`), keeping times, authors and order. Dependencies
 * between exported jobs follow their new ids; ids of jobs outside the export are left as they are.
 *
 * @param newId a fresh ULID per call.
 */
export function withFreshIds(logs: readonly ImportedLog[], newId: () => string): ImportedLog[] {
	const map = new Map(logs.map((log) => [log.id, newId()]));
	return logs.map((log) => {
		const id = map.get(log.id)!;
		const events = log.events.map((event): JobEvent => {
			const moved = {...event, id: newId(), jobId: id};
			if (
				isKnownEvent(moved) &&
				(moved.type === 'job.created' || moved.type === 'job.updated') &&
				moved.data.blockedBy
			) {
				return {...moved, data: {...moved.data, blockedBy: remapIds(moved.data.blockedBy, map)}} as JobEvent;
			}

			return moved;
		});
		return {id, events};
	});
}
