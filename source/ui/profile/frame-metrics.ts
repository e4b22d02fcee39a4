/**
 * The dashboard's profiler: what each frame cost and what flowed through it, summed up once a second.
 *
 * Recording is a few array pushes on paths that already cost milliseconds (a commit, a write to the
 * terminal), and happens only while someone listens (the debug overlay, a `--profile` file); with no
 * listener every call returns at once and no timer runs.
 */
import {monitorEventLoopDelay, type IntervalHistogram} from 'node:perf_hooks';
import type {FrameKind} from '../frame-clock.js';
import {inkMeasureCacheSize} from './ink-measure-cache.js';
import {summarize, type Summary} from './summary.js';

/** A pane as the profiler sees it: its identity and, for runs of this process, its flow counters. */
export type ProfiledPane = {
	/** The pane's screen: the key its counters are remembered by between frames. */
	readonly screen: object & {
		/** Output bytes of the run so far (`RunSession`); absent for runs tailed from another process. */
		readonly bytes?: number;
		/** Times the run's pty was paused, and resumed, by its watermarks. */
		readonly pauses?: number;
		readonly resumes?: number;
	};
};

/** One second of the dashboard's life: a line of the `--profile` file, and what the overlay shows. */
export type ProfileSample = {
	/** End of the window, ISO 8601. */
	readonly time: string;
	/** Length of the window in ms (about 1000). */
	readonly windowMs: number;
	/** Data-driven frames (ticks of the frame clock: the store or pane output changed) in the window. */
	readonly frames: number;
	/** Frames per second. */
	readonly fps: number;
	/**
	 * Wall time of each data-driven frame, ms: from the frame clock's tick until the frame is on its way
	 * to the terminal, whether it committed or only painted pane contents (the whole cost, B2/B11).
	 */
	readonly frameMs: Summary;
	/**
	 * Wall time of each data-driven frame that committed, ms: React's render and commit, Ink's layout,
	 * output build and write, and the pane surface's paint after it. With a pane surface, only frames
	 * whose chrome changed (board, pane list, titles) commit.
	 */
	readonly commitMs: Summary;
	/** The pane surface's paint of each frame, ms (rows diffed and written); empty without a surface. */
	readonly paintMs: Summary;
	/** Ink's output build of every frame it wrote (its `onRender` `renderTime`), ms; key echoes included. */
	readonly renderMs: Summary;
	/** Frames Ink built (data-driven and key echoes alike). */
	readonly renders: number;
	/** Bytes written to the terminal in the window. */
	readonly stdoutBytes: number;
	/** The same per second, in KiB. */
	readonly stdoutKiBps: number;
	/** Output bytes one pane received between two frames: one sample per pane with output per frame. */
	readonly paneBytesPerFrame: Summary;
	/** Panes on the list at the last frame. */
	readonly panes: number;
	/** Times a pty was paused, and resumed, in the window (all panes). */
	readonly ptyPauses: number;
	readonly ptyResumes: number;
	/** Resident set size and V8 heap in use at the end of the window, MiB. */
	readonly rssMiB: number;
	readonly heapMiB: number;
	/** Entries in Ink's text-measurement cache, when it could be reached (see `ink-measure-cache.ts`). */
	readonly measureCache?: number;
	/** Event-loop delay in the window (p50/p95/max, ms), when monitored. */
	readonly loopDelayMs?: Summary;
};

/** What {@link FrameMetrics} reads from the process; tests pass fakes. */
export type MetricsProbes = {
	/** Wall clock in ms. */
	readonly now?: () => number;
	/** Memory in bytes. */
	readonly memory?: () => {rss: number; heapUsed: number};
	/** Entries in Ink's measurement cache, when known; default: the bounded cache's size. */
	readonly measureCache?: () => number | undefined;
	/** Monitor event-loop delay while recording (a 10 ms timer: off by default, it costs idle CPU). */
	readonly loopDelay?: boolean;
	/** Length of a window in ms; default 1000. */
	readonly intervalMs?: number;
};

/** Most samples kept per window and kind: bounds memory if the timer is ever starved. */
const maxSamples = 10_000;

type PaneCounters = {bytes: number; pauses: number; resumes: number};

const mib = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

function push(values: number[], value: number): void {
	if (values.length < maxSamples) {
		values.push(value);
	}
}

/** Collects frame costs and flow, and publishes a {@link ProfileSample} every interval while listened to. */
export class FrameMetrics {
	readonly #listeners = new Set<() => void>();
	readonly #now: () => number;
	readonly #memory: () => {rss: number; heapUsed: number};
	readonly #measureCache: () => number | undefined;
	readonly #loopDelay: boolean;
	readonly #intervalMs: number;
	readonly #panes = new WeakMap<object, PaneCounters>();
	#frames: number[] = [];
	#commits: number[] = [];
	#paints: number[] = [];
	#renders: number[] = [];
	#paneBytes: number[] = [];
	#stdoutBytes = 0;
	#pauses = 0;
	#resumes = 0;
	#paneCount = 0;
	#windowStart = 0;
	#timer: NodeJS.Timeout | undefined;
	#histogram: IntervalHistogram | undefined;
	#latest: ProfileSample | undefined;

	constructor(probes: MetricsProbes = {}) {
		this.#now = probes.now ?? (() => Date.now());
		this.#memory = probes.memory ?? (() => process.memoryUsage());
		this.#measureCache = probes.measureCache ?? inkMeasureCacheSize;
		this.#loopDelay = probes.loopDelay ?? false;
		this.#intervalMs = probes.intervalMs ?? 1000;
	}

	/** True while someone listens: only then are frames recorded. */
	get recording(): boolean {
		return this.#listeners.size > 0;
	}

	/**
	 * A data-driven frame took `ms`; `panes` are the panes it drew from; `kind` says whether it
	 * committed and what the pane surface's paint took (default: a commit without a surface). Each
	 * pane's output since the previous frame is one sample of coalesced bytes per frame.
	 */
	commit(ms: number, panes: readonly ProfiledPane[], kind: FrameKind = {committed: true}): void {
		if (!this.recording) {
			return;
		}

		push(this.#frames, ms);
		if (kind.committed) {
			push(this.#commits, ms);
		}

		if (kind.paintMs !== undefined) {
			push(this.#paints, kind.paintMs);
		}

		this.#paneCount = panes.length;
		for (const {screen} of panes) {
			if (typeof screen.bytes !== 'number') {
				continue;
			}

			const now: PaneCounters = {
				bytes: screen.bytes,
				pauses: screen.pauses ?? 0,
				resumes: screen.resumes ?? 0,
			};
			const before = this.#panes.get(screen);
			this.#panes.set(screen, now);
			if (!before) {
				continue; // First sight: its earlier output belongs to no frame we recorded.
			}

			if (now.bytes > before.bytes) {
				push(this.#paneBytes, now.bytes - before.bytes);
			}

			this.#pauses += now.pauses - before.pauses;
			this.#resumes += now.resumes - before.resumes;
		}
	}

	/** Ink built a frame in `ms` (its `onRender` callback). */
	render(ms: number): void {
		if (this.recording) {
			push(this.#renders, ms);
		}
	}

	/** `bytes` were written to the terminal. */
	written(bytes: number): void {
		if (this.recording) {
			this.#stdoutBytes += bytes;
		}
	}

	/** The latest sample (`undefined` before the first): what `useSyncExternalStore` reads. */
	getSnapshot = (): ProfileSample | undefined => this.#latest;

	/**
	 * Hear of each new sample. The first listener starts recording and the timer; the last one leaving
	 * stops both.
	 */
	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		if (this.#listeners.size === 1) {
			this.#start();
		}

		return () => {
			if (this.#listeners.delete(listener) && this.#listeners.size === 0) {
				this.#stop();
			}
		};
	};

	/** Close the current window now: summarise it, publish it, start the next. Returns the sample. */
	sample(): ProfileSample {
		const end = this.#now();
		const windowMs = Math.max(1, end - this.#windowStart);
		const memory = this.#memory();
		const seconds = windowMs / 1000;
		const loopDelay = this.#histogram;
		const sample: ProfileSample = {
			time: new Date(end).toISOString(),
			windowMs: Math.round(windowMs),
			frames: this.#frames.length,
			fps: Number((this.#frames.length / seconds).toFixed(1)),
			frameMs: summarize(this.#frames),
			commitMs: summarize(this.#commits),
			paintMs: summarize(this.#paints),
			renderMs: summarize(this.#renders),
			renders: this.#renders.length,
			stdoutBytes: this.#stdoutBytes,
			stdoutKiBps: Number((this.#stdoutBytes / 1024 / seconds).toFixed(1)),
			paneBytesPerFrame: summarize(this.#paneBytes, 0),
			panes: this.#paneCount,
			ptyPauses: this.#pauses,
			ptyResumes: this.#resumes,
			rssMiB: mib(memory.rss),
			heapMiB: mib(memory.heapUsed),
			measureCache: this.#measureCache(),
			loopDelayMs: loopDelay
				? {
						count: loopDelay.count,
						p50: Number((loopDelay.percentile(50) / 1e6).toFixed(2)),
						p95: Number((loopDelay.percentile(95) / 1e6).toFixed(2)),
						max: Number((loopDelay.max / 1e6).toFixed(2)),
					}
				: undefined,
		};
		loopDelay?.reset();
		this.#frames = [];
		this.#commits = [];
		this.#paints = [];
		this.#renders = [];
		this.#paneBytes = [];
		this.#stdoutBytes = 0;
		this.#pauses = 0;
		this.#resumes = 0;
		this.#windowStart = end;
		this.#latest = sample;
		for (const listener of [...this.#listeners]) {
			listener();
		}

		return sample;
	}

	#start(): void {
		this.#windowStart = this.#now();
		if (this.#loopDelay) {
			this.#histogram = monitorEventLoopDelay({resolution: 10});
			this.#histogram.enable();
		}

		this.#timer = setInterval(() => this.sample(), this.#intervalMs);
		this.#timer.unref();
	}

	#stop(): void {
		clearInterval(this.#timer);
		this.#timer = undefined;
		this.#histogram?.disable();
		this.#histogram = undefined;
		this.#frames = [];
		this.#commits = [];
		this.#paints = [];
		this.#renders = [];
		this.#paneBytes = [];
		this.#stdoutBytes = 0;
		this.#pauses = 0;
		this.#resumes = 0;
	}
}
