/**
 * Output rates over the last minutes, from counters sampled now and then: each sample's growth since
 * the previous one is added to the time bucket the sample fell in. Pure and immutable, so the sampler
 * that feeds it is a few lines and the stats view memoises on it.
 */

/** One counter's history. */
export type RateSeries = {
	/** The counter at the last sample. */
	readonly total: number;
	/** Growth per bucket: bucket number (time ÷ bucket length) → amount. Only the window's buckets. */
	readonly buckets: ReadonlyMap<number, number>;
};

/** Every counter's history, over a window of `count` buckets of `bucketMs` each. */
export type RateHistory = {
	readonly bucketMs: number;
	readonly count: number;
	/** Bucket of the latest sample: the window's right end. */
	readonly bucket: number;
	readonly series: ReadonlyMap<string, RateSeries>;
};

/** Ten-second buckets over five minutes: a 30-cell sparkline. */
export function emptyHistory(bucketMs = 10_000, count = 30): RateHistory {
	return {bucketMs, count, bucket: 0, series: new Map()};
}

/**
 * Record the counters' values `totals` (key → monotonic total) seen at `at` (ms). A key seen for the
 * first time only sets its baseline: its earlier growth belongs to no known time. A counter that went
 * down (a new run reusing the key) restarts from its new value. Keys absent from `totals` keep their
 * buckets until those leave the window. Returns `history` itself when nothing changed.
 */
export function recordTotals(
	history: RateHistory,
	totals: ReadonlyMap<string, number>,
	at: number,
): RateHistory {
	const bucket = Math.floor(at / history.bucketMs);
	const oldest = bucket - history.count + 1;
	const moved = bucket !== history.bucket;
	let changed = moved;
	const series = new Map<string, RateSeries>();
	for (const [key, old] of history.series) {
		const total = totals.get(key);
		const grew = total !== undefined && total > old.total ? total - old.total : 0;
		const buckets = moved ? prune(old.buckets, oldest) : new Map(old.buckets);
		if (grew > 0) {
			buckets.set(bucket, (buckets.get(bucket) ?? 0) + grew);
			changed = true;
		}

		if (total !== undefined && total !== old.total) {
			changed = true;
		}

		if (total !== undefined || buckets.size > 0) {
			series.set(key, {total: total ?? old.total, buckets});
		} else {
			changed = true;
		}
	}

	for (const [key, total] of totals) {
		if (!history.series.has(key)) {
			series.set(key, {total, buckets: new Map()});
			changed = true;
		}
	}

	return changed ? {...history, bucket, series} : history;
}

function prune(buckets: ReadonlyMap<number, number>, oldest: number): Map<number, number> {
	return new Map([...buckets].filter(([bucket]) => bucket >= oldest));
}

/**
 * The rate (amount per second) of each bucket of the window ending at `now`'s bucket, oldest first:
 * `count` values. An unknown key gives zeros.
 */
export function ratesOf(history: RateHistory, key: string, now: number): number[] {
	const series = history.series.get(key);
	const last = Math.floor(now / history.bucketMs);
	const perSecond = 1000 / history.bucketMs;
	return Array.from({length: history.count}, (_, index) => {
		const amount = series?.buckets.get(last - history.count + 1 + index) ?? 0;
		return amount * perSecond;
	});
}

/** Element-wise sum of equally long series (per agent from per run). */
export function sumSeries(series: ReadonlyArray<readonly number[]>): number[] {
	const length = Math.max(0, ...series.map((values) => values.length));
	return Array.from({length}, (_, index) =>
		series.reduce((total, values) => total + (values[index] ?? 0), 0),
	);
}
