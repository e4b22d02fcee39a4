/**
 * With a change notification, the elapsed clock sleeps while nothing changes (one wake-up a quiet
 * minute, B10) and still moves a second after data changes, unless a data frame carried the time.
 */
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {quietTickMs, useElapsedClock, type DataActivity} from '../../source/ui/use-elapsed-clock.js';

function Clock({activity}: {readonly activity: DataActivity}) {
	const now = useElapsedClock(true, activity);
	return <Text>{String(now)}</Text>;
}

/** Let React render what the timers scheduled (its scheduler runs on real immediates). */
async function settle(): Promise<void> {
	for (let index = 0; index < 3; index++) {
		await new Promise((resolve) => {
			setImmediate(resolve);
		});
	}
}

/** A frame clock's data side: `change()` is a source changing, `commit()` a data frame committing. */
function fakeActivity() {
	let lastChangeAt = Number.NEGATIVE_INFINITY;
	let lastCommitAt = Number.NEGATIVE_INFINITY;
	const listeners = new Set<() => void>();
	const activity: DataActivity = {
		lastChangeAt: () => lastChangeAt,
		lastCommitAt: () => lastCommitAt,
		onChange(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
	return {
		activity,
		listeners,
		change() {
			lastChangeAt = Date.now();
			for (const listener of listeners) {
				listener();
			}
		},
		commit() {
			lastCommitAt = Date.now();
		},
	};
}

async function advance(ms: number): Promise<void> {
	vi.advanceTimersByTime(ms);
	await settle();
}

describe('useElapsedClock with change notifications', () => {
	beforeEach(() => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
		vi.setSystemTime(1_000_000);
	});

	afterEach(() => {
		cleanup();
		vi.useRealTimers();
	});

	it('ticks at once, then sleeps a quiet minute on one timer', async () => {
		const {activity} = fakeActivity();
		const {lastFrame} = render(<Clock activity={activity} />);
		await advance(0);
		expect(lastFrame()).toBe('1000000');
		expect(vi.getTimerCount()).toBe(1);

		await advance(quietTickMs - 100);
		expect(lastFrame()).toBe('1000000');
		await advance(100);
		expect(lastFrame()).toBe(String(1_000_000 + quietTickMs));
		expect(vi.getTimerCount()).toBe(1);
	});

	it('moves a second after a change that no data frame carried, then sleeps again', async () => {
		const data = fakeActivity();
		const {lastFrame} = render(<Clock activity={data.activity} />);
		await advance(5000);
		data.change();
		await advance(900);
		expect(lastFrame()).toBe('1000000');
		await advance(100);
		expect(lastFrame()).toBe('1006000');

		await advance(30_000);
		expect(lastFrame()).toBe('1006000');
	});

	it('moves once a second while data keeps changing', async () => {
		const data = fakeActivity();
		const {lastFrame} = render(<Clock activity={data.activity} />);
		await advance(0);
		const shown: string[] = [];
		for (let step = 0; step < 30; step++) {
			data.change();
			await advance(100);
			shown.push(lastFrame() ?? '');
		}

		// Each move comes a second after the first change since the last one.
		expect([...new Set(shown)]).toEqual(['1000000', '1001000', '1002000', '1003000']);
	});

	it('skips its own move when a data frame committed after the change', async () => {
		const data = fakeActivity();
		const {lastFrame, rerender} = render(<Clock activity={data.activity} />);
		await advance(5000);
		data.change();
		await advance(50);
		data.commit();
		rerender(<Clock activity={data.activity} />);
		expect(lastFrame()).toBe('1005050');
		await advance(5000);
		expect(lastFrame()).toBe('1005050');
	});

	it('lets go of the notification when unmounted', async () => {
		const data = fakeActivity();
		const {unmount} = render(<Clock activity={data.activity} />);
		await advance(0);
		expect(data.listeners.size).toBe(1);
		unmount();
		expect(data.listeners.size).toBe(0);
		expect(vi.getTimerCount()).toBe(0);
	});
});
