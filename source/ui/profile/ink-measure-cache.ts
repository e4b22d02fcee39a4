/**
 * Bounding Ink's text-measurement cache without patching Ink.
 *
 * Ink 6.8's `build/measure-text.js` keeps a module-level `Map` from every distinct string it ever
 * measured to its size, and never evicts: with streaming panes that is ~85 MB an hour at 10 fps
 * (PITFALLS.md). The map is not exported. It is found by rendering one unique probe string with Ink's
 * public `renderToString` (synchronous: layout measures the text, and the cache stores it) while
 * `Map.prototype.set` notes which map receives the probe with a `{width, height}` value; that one map
 * then gets its own `set`, which drops the oldest entry (maps iterate in insertion order) once it holds
 * `limit` entries. Hits, misses and the sizes Ink computes are as before. Going through Ink's own
 * entry point finds the instance the dashboard uses, whether Ink is loaded from node_modules or
 * bundled into the shipped build.
 *
 * The upstreamable alternative is the same few lines inside `measure-text.js` (see bench/README.md).
 */
import {renderToString, Text} from 'ink';
import {createElement} from 'react';

/** Default most entries: a frame of 200×50 with four panes measures a few hundred distinct strings. */
export const defaultMeasureCacheLimit = 10_000;

/** The bounded cache, for the profiler. */
export type MeasureCacheHandle = {
	/** Entries now. */
	readonly size: number;
	readonly limit: number;
};

let handle: MeasureCacheHandle | undefined;

/**
 * Bound the cache of the Ink this program renders with. Idempotent.
 *
 * @returns the handle, or `undefined` when the map was not found (another Ink version): the dashboard
 * then runs as before, unbounded.
 */
export function boundInkMeasureCache(limit = defaultMeasureCacheLimit): MeasureCacheHandle | undefined {
	if (handle) {
		return handle;
	}

	const cache = findCache();
	if (!cache) {
		return undefined;
	}

	const set = Map.prototype.set;
	Object.defineProperty(cache, 'set', {
		configurable: true,
		value(key: unknown, value: unknown) {
			if (cache.size >= limit && !cache.has(key)) {
				const oldest = cache.keys().next();
				if (!oldest.done) {
					cache.delete(oldest.value);
				}
			}

			return set.call(cache, key, value);
		},
	});
	handle = {
		get size() {
			return cache.size;
		},
		limit,
	};
	return handle;
}

/** Entries in the bounded cache, or `undefined` before {@link boundInkMeasureCache} succeeded. */
export function inkMeasureCacheSize(): number | undefined {
	return handle?.size;
}

const isSize = (value: unknown) =>
	typeof value === 'object' && value !== null && 'width' in value && 'height' in value;

/** The map Ink's text measurement stores a new string in, found with a probe no frame can contain. */
function findCache(): Map<unknown, unknown> | undefined {
	const probe = `xsarena-measure-probe-${process.pid}-${Date.now()}`;
	const set = Map.prototype.set;
	const receivers: Array<Map<unknown, unknown>> = [];
	// Replaced for one synchronous render only, and restored in `finally`.
	Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
		if (key === probe && isSize(value)) {
			receivers.push(this);
		}

		return set.call(this, key, value);
	};
	try {
		renderToString(createElement(Text, null, probe), {columns: probe.length + 10});
	} catch {
		return undefined;
	} finally {
		Map.prototype.set = set;
	}

	const [found] = receivers;
	found?.delete(probe);
	return receivers.length === 1 ? found : undefined;
}
