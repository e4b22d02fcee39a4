/**
 * A memory probe preloaded into the dashboard (`node --import bench/lib/mem-probe.mjs dist/cli.js …`):
 * every MEM_PROBE_MS (1000) ms it appends one JSON line to MEM_PROBE_FILE with what the process's
 * memory is made of: RSS split as the kernel sees it (anonymous / file-backed, from /proc/self/status),
 * V8's heap spaces (committed and used), external memory and ArrayBuffers (`process.memoryUsage()`),
 * and the rest (native: node-pty, Yoga's wasm memory, malloc arenas, thread stacks). All sizes in MiB.
 * The timer is unref'd, so it never keeps the process alive. Without MEM_PROBE_FILE it does nothing.
 */
import fs from 'node:fs';
import {setInterval} from 'node:timers';
import v8 from 'node:v8';

const file = process.env.MEM_PROBE_FILE;
const stepMs = Number(process.env.MEM_PROBE_MS ?? 1000);
const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** `/proc/self/status` fields in MiB (VmRSS, RssAnon, RssFile, VmHWM). */
function status() {
	const text = fs.readFileSync('/proc/self/status', 'utf8');
	const read = (key) => Number(text.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? Number.NaN) / 1024;
	return {
		rss: Math.round(read('VmRSS') * 10) / 10,
		hwm: Math.round(read('VmHWM') * 10) / 10,
		anon: Math.round(read('RssAnon') * 10) / 10,
		file: Math.round(read('RssFile') * 10) / 10,
	};
}

/**
 * Garbage collections since the last sample, from V8's GC profiler (restarted at each sample): count
 * and ms by type, and the MiB that young collections promoted into the old generation (what a
 * flood turns into old-space garbage).
 */
let profiler;

/** Start profiling garbage collections (their figures go into each sample). */
export function observeGc() {
	profiler = new v8.GCProfiler();
	profiler.start();
}

function takeGcs() {
	if (!profiler) {
		return undefined;
	}

	const {statistics} = profiler.stop();
	profiler = new v8.GCProfiler();
	profiler.start();
	const old = (heap) =>
		heap.heapSpaceStatistics
			.filter((space) => space.spaceName === 'old_space' || space.spaceName === 'large_object_space')
			.reduce((sum, space) => sum + space.spaceUsedSize, 0);
	const gc = {promoted: 0};
	for (const {gcType, cost, beforeGC, afterGC} of statistics) {
		const kind = (gc[gcType] ??= {n: 0, ms: 0});
		kind.n++;
		kind.ms = Math.round((kind.ms + cost / 1000) * 10) / 10;
		if (gcType === 'Scavenge') {
			gc.promoted += Math.max(0, old(afterGC) - old(beforeGC));
		}
	}

	gc.promoted = mib(gc.promoted);
	return gc;
}

/** One sample: kernel view, V8 spaces, external and ArrayBuffers. */
export function memorySample() {
	const usage = process.memoryUsage();
	const spaces = {};
	let heapPhysical = 0;
	for (const space of v8.getHeapSpaceStatistics()) {
		const name = space.space_name.replace(/_space$/, '');
		spaces[name] = {
			size: mib(space.space_size),
			used: mib(space.space_used_size),
			phys: mib(space.physical_space_size),
		};
		heapPhysical += space.physical_space_size;
	}

	const heap = v8.getHeapStatistics();
	const kernel = status();
	const cpu = process.cpuUsage();
	return {
		...kernel,
		cpuS: Math.round((cpu.user + cpu.system) / 1e4) / 100,
		heapTotal: mib(usage.heapTotal),
		heapUsed: mib(usage.heapUsed),
		heapPhysical: mib(heapPhysical),
		external: mib(usage.external),
		arrayBuffers: mib(usage.arrayBuffers),
		mallocedNow: mib(heap.malloced_memory),
		mallocedPeak: mib(heap.peak_malloced_memory),
		// What the kernel counts as anonymous but V8 does not hold in its heap or as external memory:
		// native allocations (node-pty, Yoga/wasm, ICU, malloc fragmentation, thread stacks).
		otherAnon: Math.round((kernel.anon - mib(heapPhysical) - mib(usage.external)) * 10) / 10,
		spaces,
		gc: takeGcs(),
	};
}

if (file) {
	const t0 = Date.now();
	const write = () => {
		try {
			fs.appendFileSync(
				file,
				`${JSON.stringify({t: Math.round((Date.now() - t0) / 100) / 10, ...memorySample()})}\n`,
			);
		} catch {
			// The folder went away with the run.
		}
	};

	observeGc();
	write();
	setInterval(write, stepMs).unref();
}
