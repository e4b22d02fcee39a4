/** The dashboard's profiler, handed down to the frame clock and the debug overlay. */
import {createContext, useContext} from 'react';
import type {FrameMetrics} from './frame-metrics.js';

/**
 * The metrics of this dashboard. Optional on purpose: a dashboard rendered without a provider (the
 * component tests) simply records nothing, so there is no `useX()` that throws here.
 */
export const ProfileContext = createContext<FrameMetrics | undefined>(undefined);

/** The dashboard's {@link FrameMetrics}, or `undefined` when none was provided. */
export function useFrameMetrics(): FrameMetrics | undefined {
	return useContext(ProfileContext);
}
