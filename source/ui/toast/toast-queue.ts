/**
 * The toast queue: one toast on screen at a time, each for a fixed time, the rest waiting in order.
 *
 * Queued rather than newest-wins: a blocked job's reason must not vanish because another job finished
 * a second later. Bounded, so a burst cannot keep the line busy for minutes: past `maxWaiting` the
 * oldest waiting toast is dropped and the next one shown says how many were skipped (the board and
 * the `errors` command still have them). Changes of one store snapshot arrive as one toast already
 * (`board-changes.ts`), so a burst costs one frame per toast shown, never one per job.
 */

/** How a toast is coloured: `ok` (a job done), `warning` (the budget), `error` (blocked), `waiting`. */
export type ToastTone = 'ok' | 'warning' | 'error' | 'waiting';

/** A one-line message for the status bar. */
export type Toast = {readonly text: string; readonly tone: ToastTone};

/** The queue's state. */
export type ToastState = {
	/** On screen until `until` (ms since the epoch). */
	readonly current?: Toast & {readonly until: number};
	readonly waiting: readonly Toast[];
	/** Toasts dropped since the last one shown, told on the next one. */
	readonly skipped: number;
};

/** What changes the queue. */
export type ToastAction =
	| {readonly type: 'push'; readonly toasts: readonly Toast[]; readonly now: number}
	| {readonly type: 'expire'; readonly now: number};

/** How long a toast stays, in ms. */
export const defaultToastMs = 4000;

/** Toasts kept waiting behind the one on screen. */
export const maxWaiting = 3;

/** The empty queue. */
export const initialToastState: ToastState = {waiting: [], skipped: 0};

/** Show the next waiting toast (if any) from `now`. */
function advance(state: ToastState, now: number, durationMs: number): ToastState {
	const [next, ...waiting] = state.waiting;
	if (!next) {
		return {waiting: [], skipped: state.skipped};
	}

	const text = state.skipped > 0 ? `${next.text} (+${state.skipped} more)` : next.text;
	return {current: {...next, text, until: now + durationMs}, waiting, skipped: 0};
}

/** The queue reducer for toasts shown `durationMs` each; pure, the time comes in the action. */
export function toastReducer(durationMs: number) {
	return (state: ToastState, action: ToastAction): ToastState => {
		switch (action.type) {
			case 'push': {
				if (action.toasts.length === 0) {
					return state;
				}

				const all = [...state.waiting, ...action.toasts];
				const dropped = Math.max(0, all.length - maxWaiting - (state.current ? 0 : 1));
				const queued = {...state, waiting: all.slice(dropped), skipped: state.skipped + dropped};
				return state.current ? queued : advance(queued, action.now, durationMs);
			}

			case 'expire': {
				return state.current && state.current.until <= action.now
					? advance(state, action.now, durationMs)
					: state;
			}

			default: {
				const unreachable: never = action;
				return unreachable;
			}
		}
	};
}
