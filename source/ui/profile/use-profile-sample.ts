/** The latest second of profile figures, for the debug overlay. */
import {useSyncExternalStore} from 'react';
import type {ProfileSample} from './frame-metrics.js';
import {useFrameMetrics} from './profile-context.js';

const noSubscribe = () => () => undefined;
const noSample = () => undefined;

/**
 * Subscribe to the profiler while mounted (which starts its recording and its 1 s timer) and return
 * the latest sample; `undefined` during the first second, or without a provider.
 */
export function useProfileSample(): ProfileSample | undefined {
	const metrics = useFrameMetrics();
	return useSyncExternalStore(metrics?.subscribe ?? noSubscribe, metrics?.getSnapshot ?? noSample);
}
