/**
 * Keeping a long-lived dashboard's heap small. Under a flood the dashboard allocates ~50 MB/s (Ink's
 * frame rebuilds, pty chunks), and V8 answers by growing the young generation to its 32 MiB maximum
 * and letting the old generation grow far past its live size before a full collection: ~75–85 MiB
 * of a 186 MiB peak RSS was collector slack (bench/mem-breakdown.mjs, four flooding panes).
 *
 * `--max-semi-space-size` has no effect once Node has started, but two flags V8 reads at each
 * decision do: `--heap-growing-percent` (how far the old generation may grow past its live size
 * before the next full collection) and `--semi-space-growth-factor` (1: the young generation stops
 * growing). The factor is set after the first collection that finds the young generation at
 * {@link youngCapBytes} or more, from a `gc` performance observer, so no timer wakes an idle process.
 * Measured with the peers' load test (4 flooding children, 20 s): peak RSS 184–189 → 134–139 MiB,
 * CPU per million lines drained ~+0–15 % (noisy).
 *
 * Node documents changing V8 flags after start as unsupported in general; these two are plain
 * numbers read afresh by the heap's growth heuristics. `XSARENA_NO_HEAP_CAP=1` leaves V8 alone.
 */
import {PerformanceObserver} from 'node:perf_hooks';
import v8 from 'node:v8';

/** The young generation's size (both semi-spaces) at which it stops growing, in bytes. */
export const youngCapBytes = 8 * 1024 * 1024;

/** How far the old generation may grow past its live size before a full collection, in percent. */
export const oldGrowthPercent = 50;

let capped = false;

function youngSize(): number {
	return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Bound the heap of this process (once; later calls do nothing). Call it before the dashboard starts
 * rendering, never in one-shot commands: they end before any of this matters.
 */
export function capHeap(environment: NodeJS.ProcessEnv = process.env): void {
	if (environment['XSARENA_NO_HEAP_CAP'] === '1' || capped) {
		return;
	}

	capped = true;
	v8.setFlagsFromString(`--heap-growing-percent=${oldGrowthPercent}`);
	const stopGrowing = () => {
		if (youngSize() < youngCapBytes) {
			return false;
		}

		v8.setFlagsFromString('--semi-space-growth-factor=1');
		return true;
	};

	if (stopGrowing()) {
		return;
	}

	const observer = new PerformanceObserver(() => {
		if (stopGrowing()) {
			observer.disconnect();
		}
	});
	observer.observe({entryTypes: ['gc']});
}
