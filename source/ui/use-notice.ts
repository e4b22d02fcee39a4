import {useSyncExternalStore} from 'react';
import type {NoticeSource} from './ports.js';

const never = () => () => {};
const nothing = () => undefined;

/**
 * The notice to show: the one given at start, then the latest live one from `source` (which replaces
 * it: a failure is more urgent than "seeded the demo board").
 */
export function useNotice(initial: string | undefined, source: NoticeSource | undefined): string | undefined {
	const live = useSyncExternalStore(source?.subscribe ?? never, source?.getSnapshot ?? nothing);
	return live ?? initial;
}
