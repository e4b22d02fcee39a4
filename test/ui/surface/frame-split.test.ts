/** The frame clock with a pane surface: a tick commits only when the chrome changed, else it only paints. */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createFrameClock, type ChangeSource, type FrameKind} from '../../../source/ui/frame-clock.js';

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
		change() {
			for (const listener of listeners) {
				listener();
			}
		},
	};
}

describe('the frame clock split between commits and paints', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('paints without committing when only pane contents changed, and commits (then paints) otherwise', async () => {
		const panes = source();
		let chrome = false;
		const paint = vi.fn();
		const kinds: FrameKind[] = [];
		const clock = createFrameClock(
			[panes.changeSource],
			50,
			undefined,
			(_ms, kind) => {
				kinds.push(kind);
			},
			{needsCommit: () => chrome, paint},
		);
		const commits = vi.fn();
		clock.subscribe(commits);

		panes.change();
		vi.advanceTimersByTime(0);
		expect(commits).not.toHaveBeenCalled();
		expect(paint).toHaveBeenCalledTimes(1);
		expect(clock.getSnapshot()).toBe(0);

		chrome = true;
		panes.change();
		vi.advanceTimersByTime(50);
		expect(commits).toHaveBeenCalledTimes(1);
		expect(clock.getSnapshot()).toBe(1);
		// The paint after a commit waits for the commit (a microtask queued behind React's).
		expect(paint).toHaveBeenCalledTimes(1);
		await Promise.resolve();
		expect(paint).toHaveBeenCalledTimes(2);
		expect(kinds.map((kind) => kind.committed)).toEqual([false, true]);
		expect(kinds.every((kind) => typeof kind.paintMs === 'number')).toBe(true);
	});

	it('tells when a source last changed, for the elapsed clock', () => {
		const panes = source();
		const clock = createFrameClock([panes.changeSource], 50);
		clock.subscribe(() => undefined);
		expect(clock.lastChangeAt()).toBe(Number.NEGATIVE_INFINITY);
		vi.setSystemTime(1_000_000);
		panes.change();
		expect(clock.lastChangeAt()).toBe(1_000_000);
	});
});
