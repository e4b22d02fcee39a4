/** Order statistics of a window of samples (frame times, latencies), as the profile reports them. */

/** Median, 95th percentile and maximum of a set of samples; all 0 for an empty set. */
export type Summary = {
	readonly count: number;
	readonly p50: number;
	readonly p95: number;
	readonly max: number;
};

/** An empty window. */
export const emptySummary: Summary = {count: 0, p50: 0, p95: 0, max: 0};

/**
 * The sample at percentile `p` (0–100) of sorted `values`, by the nearest-rank method (the smallest
 * value with at least p % of the samples at or below it), so p95 of 20 samples is the 19th.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) {
		return 0;
	}

	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Summarise `values` (not modified), rounding to `digits` decimals. */
export function summarize(values: readonly number[], digits = 2): Summary {
	if (values.length === 0) {
		return emptySummary;
	}

	const sorted = [...values].sort((a, b) => a - b);
	const round = (value: number) => Number(value.toFixed(digits));
	return {
		count: sorted.length,
		p50: round(nearestRank(sorted, 50)),
		p95: round(nearestRank(sorted, 95)),
		max: round(sorted.at(-1)!),
	};
}
