/** Number formats of the stats view: rates, token counts, dollars, durations. Pure. */

const units = ['', 'K', 'M', 'G'] as const;

/** `0`, `950`, `1.2K`, `34K`, `5.6M`: at most four characters for counts up to 9.9G. */
export function compact(value: number): string {
	let scaled = Math.max(0, value);
	let unit = 0;
	while (scaled >= 999.5 && unit < units.length - 1) {
		scaled /= 1000;
		unit++;
	}

	const digits = unit > 0 && scaled < 9.95 ? scaled.toFixed(1) : String(Math.round(scaled));
	return `${digits}${units[unit]}`;
}

/** A rate per second in its series' unit: `1.2KB/s`, `3 upd/s`. */
export function formatRate(perSecond: number, unit: 'bytes' | 'updates'): string {
	return unit === 'bytes' ? `${compact(perSecond)}B/s` : `${compact(perSecond)} upd/s`;
}

/** Dollars: `$0.41`, `$12.30`, `$1.2K`. */
export function formatUsd(usd: number): string {
	return usd >= 1000 ? `$${compact(usd)}` : `$${usd.toFixed(2)}`;
}

/** A duration: `45s`, `12m03s`, `2h05m`. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	}

	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
