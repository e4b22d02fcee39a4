/**
 * Replaying logs from their first byte, for a cold start (no usable `job.json`), on several threads
 * when there is a lot to replay (BENCHMARKS B8: 1,000 logs, 250 MB, to fold within 2 s).
 *
 * Parsing, checking and folding a log touches nothing but that log, so helper threads
 * (`replay-worker.ts`) and this one take logs from one shared counter until none is left; each helper
 * posts back the folded job (structured clone: plain data). `JobStore.open` is synchronous, so this
 * thread waits for the helpers' share with `Atomics.wait` and collects it with `receiveMessageOnPort`.
 * A helper that cannot start takes nothing; a log a helper took and never finished (it died) is
 * replayed here after {@link stallMs} without progress. Helpers are ended once the load is done.
 */
import fs from 'node:fs';
import os from 'node:os';
import {fileURLToPath} from 'node:url';
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads';
import type {Job} from '../core/job.js';
import {replayJob} from '../core/replay.js';
import {EventLog, type BadLine, type TornTail} from './event-log.js';
import {errorMessage} from './fs-errors.js';

/** One log to replay. */
export type ReplayTask = {readonly jobId: string; readonly file: string};

/** What replaying one log from byte 0 gave, or why it could not be read. */
export type Replayed =
	| {
			readonly ok: true;
			/** The fold of its events (`undefined`: no `job.created`). */
			readonly job: Job | undefined;
			/** Just after the last whole line read, and the number of lines before it. */
			readonly offset: number;
			readonly lines: number;
			readonly bad: BadLine[];
			readonly tornTail?: TornTail;
	  }
	| {readonly ok: false; readonly error: string};

/** What the helpers are given. */
export type ReplayWorkerData = {
	readonly tasks: readonly ReplayTask[];
	/** `[0]`: the next task to take; `[1]`: tasks finished by helpers (what this thread waits on). */
	readonly claims: Int32Array;
	readonly port: MessagePort;
};

/** A helper's answer for task `index`. */
export type ReplayMessage = {readonly index: number; readonly replayed: Replayed};

/** Most helper threads, and the bytes of logs that justify one (starting one costs ~0.2 s of a core). */
const maxHelpers = 3;
/** How long this thread waits for a helper that took a log without finishing anything, in ms. */
const stallMs = 30_000;

/** Replay one log from byte 0 (what this thread and every helper do for each task). Never throws. */
export function replayLog(task: ReplayTask): Replayed {
	try {
		const log = new EventLog(task.file, {jobId: task.jobId});
		const result = log.readFrom(0);
		const job = replayJob(result.events);
		const base = {ok: true, job, offset: result.offset, lines: log.position.lines, bad: result.bad} as const;
		return result.tornTail ? {...base, tornTail: result.tornTail} : base;
	} catch (error) {
		return {ok: false, error: errorMessage(error)};
	}
}

/** Test seams of {@link replayLogs}. */
export type ReplayProbe = {
	/** Set to the number of logs the helpers replayed (left alone when no helper was started). */
	helped?: number;
	/** Wait (up to 30 s) until a helper finished a log before this thread takes any, so helpers surely take part. */
	readonly helperFirst?: boolean;
};

/**
 * Replay every log of `tasks` from byte 0; the answers are in the order of `tasks`. Helper threads
 * join in when the logs add up to `parallelMinBytes` or more (and the machine has more than one core).
 */
export function replayLogs(
	tasks: readonly ReplayTask[],
	parallelMinBytes: number,
	probe?: ReplayProbe,
): Replayed[] {
	const helpers = helperCount(tasks, parallelMinBytes);
	const entry = helpers > 0 ? workerEntry() : undefined;
	if (!entry) {
		return tasks.map((task) => replayLog(task));
	}

	const claims = new Int32Array(new SharedArrayBuffer(8));
	const results = Array.from<Replayed | undefined>({length: tasks.length});
	const started = startHelpers(entry, helpers, tasks, claims);
	if (probe?.helperFirst) {
		Atomics.wait(claims, 1, 0, stallMs);
	}

	let mine = 0;
	for (let index = Atomics.add(claims, 0, 1); index < tasks.length; index = Atomics.add(claims, 0, 1)) {
		results[index] = replayLog(tasks[index]!);
		mine++;
	}

	// Every task is taken now; the helpers' share is whatever this thread did not do.
	collect(started.ports, claims, results, tasks.length - mine);
	if (probe) {
		probe.helped = results.filter((result) => result !== undefined).length - mine;
	}

	for (const worker of started.workers) {
		void worker.terminate();
	}

	for (const port of started.ports) {
		port.close();
	}

	return results.map((result, index) => result ?? replayLog(tasks[index]!));
}

/** Wait (blocking) until `pending` answers came in, or until the helpers stop making progress. */
function collect(
	ports: readonly MessagePort[],
	claims: Int32Array,
	results: Array<Replayed | undefined>,
	pending: number,
): void {
	let left = pending;
	let progress = performance.now();
	while (left > 0) {
		const seen = Atomics.load(claims, 1);
		for (const port of ports) {
			for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
				const {index, replayed} = message.message as ReplayMessage;
				results[index] = replayed;
				left--;
				progress = performance.now();
			}
		}

		if (left > 0 && performance.now() - progress > stallMs) {
			return;
		}

		if (left > 0) {
			Atomics.wait(claims, 1, seen, 50);
		}
	}
}

function startHelpers(
	entry: WorkerEntry,
	count: number,
	tasks: readonly ReplayTask[],
	claims: Int32Array,
): {workers: Worker[]; ports: MessagePort[]} {
	const workers: Worker[] = [];
	const ports: MessagePort[] = [];
	for (let n = 0; n < count; n++) {
		const {port1, port2} = new MessageChannel();
		try {
			const data: ReplayWorkerData = {tasks, claims, port: port2};
			const options = {workerData: data, transferList: [port2]};
			const worker = entry.source
				? new Worker(entry.source, {...options, eval: true})
				: new Worker(entry.url, options);
			// Its failure only means it takes no task (or one, taken back after the stall).
			worker.on('error', () => undefined);
			worker.unref();
			workers.push(worker);
			ports.push(port1);
		} catch {
			port1.close();
			break;
		}
	}

	return {workers, ports};
}

function helperCount(tasks: readonly ReplayTask[], parallelMinBytes: number): number {
	const cores = os.availableParallelism();
	if (cores < 2 || tasks.length < 2 || !Number.isFinite(parallelMinBytes)) {
		return 0;
	}

	let bytes = 0;
	for (const task of tasks) {
		bytes += fs.statSync(task.file, {throwIfNoEntry: false})?.size ?? 0;
	}

	return bytes < parallelMinBytes
		? 0
		: Math.min(cores - 1, maxHelpers, Math.floor(bytes / Math.max(1, parallelMinBytes)));
}

/** The helper's module, and for TypeScript sources the code that loads it through tsx. */
type WorkerEntry = {readonly url: URL; readonly source?: string};

/**
 * The helper's module: next to this one (`dist/store/`), or there when this code was bundled into
 * `dist/bundle/`; or the sources run through tsx (tests, `npm run dev`: a worker does not inherit the
 * loader, so it registers tsx itself). None elsewhere (another bundle), or without tsx: then this
 * thread replays alone.
 */
function workerEntry(): WorkerEntry | undefined {
	const here = import.meta.url;
	if (here.endsWith('.ts')) {
		const url = new URL('replay-worker.ts', here);
		try {
			const api = import.meta.resolve('tsx/esm/api');
			const source = `const {register} = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(url.href)});`;
			return fs.existsSync(fileURLToPath(url)) ? {url, source} : undefined;
		} catch {
			return undefined;
		}
	}

	const url = [new URL('replay-worker.js', here), new URL('../store/replay-worker.js', here)].find(
		(candidate) => fs.existsSync(fileURLToPath(candidate)),
	);
	return url && {url};
}
