import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createFrameClock, type ChangeSource} from '../../source/ui/frame-clock.js';

function source() {
	const listeners = new Set<() => void>();
	const changeSource: ChangeSource = {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
	return {
		changeSource,
		change: () => {
			for (const listener of listeners) {
				listener();
			}
		},
		count: () => listeners.size,
	};
}

describe('createFrameClock', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('coalesces many changes from several sources into one frame', () => {
		const store = source();
		const panes = source();
		const clock = createFrameClock([store.changeSource, panes.changeSource], 50);
		const frames = vi.fn();
		clock.subscribe(frames);
		for (let index = 0; index < 100; index++) {
			store.change();
			panes.change();
		}

		expect(frames).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(frames).toHaveBeenCalledTimes(1);
		expect(clock.getSnapshot()).toBe(1);
	});

	it('tells change listeners of every change at once, after lastChangeAt moved, until they unsubscribe', () => {
		const store = source();
		const clock = createFrameClock([store.changeSource], 50);
		clock.subscribe(() => undefined);
		const seen: number[] = [];
		const unsubscribe = clock.onChange(() => seen.push(clock.lastChangeAt()));
		vi.advanceTimersByTime(10);
		store.change();
		store.change();
		expect(seen).toEqual([Date.now(), Date.now()]);
		unsubscribe();
		store.change();
		expect(seen).toHaveLength(2);
	});

	it('draws the first change at once and later ones at the end of the interval', () => {
		const store = source();
		const clock = createFrameClock([store.changeSource], 50);
		const frames = vi.fn();
		clock.subscribe(frames);
		store.change();
		vi.advanceTimersByTime(0);
		expect(frames).toHaveBeenCalledTimes(1);

		// Under load: a change every 5 ms for 200 ms makes one frame per 50 ms.
		for (let tick = 0; tick < 40; tick++) {
			vi.advanceTimersByTime(5);
			store.change();
		}

		vi.advanceTimersByTime(50);
		expect(frames.mock.calls.length).toBeGreaterThanOrEqual(4);
		expect(frames.mock.calls.length).toBeLessThanOrEqual(6);
	});

	it('makes no frame when nothing changed', () => {
		const store = source();
		const clock = createFrameClock([store.changeSource], 50);
		const frames = vi.fn();
		clock.subscribe(frames);
		vi.advanceTimersByTime(10_000);
		expect(frames).not.toHaveBeenCalled();
		expect(vi.getTimerCount()).toBe(0);
		expect(clock.getSnapshot()).toBe(0);
	});

	it('subscribes to its sources only while it has listeners', () => {
		const store = source();
		const clock = createFrameClock([store.changeSource], 50);
		expect(store.count()).toBe(0);
		const unsubscribe = clock.subscribe(() => {});
		expect(store.count()).toBe(1);
		store.change();
		unsubscribe();
		expect(store.count()).toBe(0);
		expect(vi.getTimerCount()).toBe(0);
	});
});
