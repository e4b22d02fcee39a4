/** The output-rate sampler as a hook: created once per pane source, watching it while mounted. */
import {useEffect, useMemo} from 'react';
import type {PaneSource} from '../ports.js';
import {createRateSampler, type RateSampler} from './rate-sampler.js';

/**
 * A sampler over `panes` that keeps the rates of the last minutes while the dashboard is open, so the
 * stats view has history the moment it opens. It commits nothing itself: the view subscribes to it.
 */
export function useRateSampler(panes: PaneSource): RateSampler {
	const sampler = useMemo(() => createRateSampler(panes), [panes]);
	useEffect(() => sampler.start(), [sampler]);
	return sampler;
}
