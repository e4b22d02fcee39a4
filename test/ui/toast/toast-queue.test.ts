import {describe, expect, it} from 'vitest';
import {
	initialToastState,
	maxWaiting,
	toastReducer,
	type Toast,
} from '../../../source/ui/toast/toast-queue.js';

const reduce = toastReducer(4000);
const toast = (text: string): Toast => ({text, tone: 'ok'});

describe('toast queue', () => {
	it('shows a pushed toast for its time, then the next one, then nothing', () => {
		let state = reduce(initialToastState, {type: 'push', toasts: [toast('a'), toast('b')], now: 1000});
		expect(state.current).toEqual({text: 'a', tone: 'ok', until: 5000});
		expect(reduce(state, {type: 'expire', now: 4999})).toBe(state);
		state = reduce(state, {type: 'expire', now: 5000});
		expect(state.current).toEqual({text: 'b', tone: 'ok', until: 9000});
		state = reduce(state, {type: 'expire', now: 9001});
		expect(state.current).toBeUndefined();
	});

	it('queues behind the toast on screen instead of replacing it', () => {
		let state = reduce(initialToastState, {type: 'push', toasts: [toast('blocked')], now: 0});
		state = reduce(state, {type: 'push', toasts: [toast('done')], now: 1000});
		expect(state.current?.text).toBe('blocked');
		expect(state.waiting).toEqual([toast('done')]);
	});

	it('drops the oldest waiting toasts past the bound and says so on the next one shown', () => {
		let state = reduce(initialToastState, {type: 'push', toasts: [toast('first')], now: 0});
		const burst = Array.from({length: maxWaiting + 2}, (_, index) => toast(`t${index}`));
		state = reduce(state, {type: 'push', toasts: burst, now: 10});
		expect(state.waiting).toHaveLength(maxWaiting);
		expect(state.skipped).toBe(2);
		state = reduce(state, {type: 'expire', now: 4000});
		expect(state.current?.text).toBe('t2 (+2 more)');
		state = reduce(state, {type: 'expire', now: 8000});
		expect(state.current?.text).toBe('t3');
	});

	it('ignores an empty push', () => {
		expect(reduce(initialToastState, {type: 'push', toasts: [], now: 0})).toBe(initialToastState);
	});
});
