/** The elapsed clock moves every second only while data changes; quiet, once a minute (B10). */
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {quietTickMs, useElapsedClock, type DataActivity} from '../../../source/ui/use-elapsed-clock.js';

function Clock({active, activity}: {readonly active: boolean; readonly activity?: DataActivity}) {
	const now = useElapsedClock(active, activity);
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

describe('useElapsedClock', () => {
	beforeEach(() => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
		vi.setSystemTime(1_000_000);
	});

	afterEach(() => {
		cleanup();
		vi.useRealTimers();
	});

	it('ticks at once, then only after a data change or once a quiet minute has passed', async () => {
		let lastChangeAt = Number.NEGATIVE_INFINITY;
		const activity: DataActivity = {lastChangeAt: () => lastChangeAt, lastCommitAt: () => 0};
		const {lastFrame} = render(<Clock active activity={activity} />);
		vi.advanceTimersByTime(0);
		await settle();
		expect(lastFrame()).toBe('1000000');

		vi.advanceTimersByTime(5000);
		await settle();
		expect(lastFrame()).toBe('1000000');

		lastChangeAt = Date.now();
		vi.advanceTimersByTime(1000);
		await settle();
		expect(lastFrame()).toBe('1006000');

		vi.advanceTimersByTime(quietTickMs - 1000);
		await settle();
		expect(lastFrame()).toBe('1006000');
		vi.advanceTimersByTime(1000);
		await settle();
		expect(lastFrame()).toBe(String(1_006_000 + quietTickMs));
	});

	it('shows the time of a data frame that committed, and does not tick again within a second of it', async () => {
		let lastCommitAt = Number.NEGATIVE_INFINITY;
		let lastChangeAt = Number.NEGATIVE_INFINITY;
		const activity: DataActivity = {lastChangeAt: () => lastChangeAt, lastCommitAt: () => lastCommitAt};
		const {lastFrame, rerender} = render(<Clock active activity={activity} />);
		vi.advanceTimersByTime(0);
		await settle();
		expect(lastFrame()).toBe('1000000');
		vi.advanceTimersByTime(1500);
		// A data frame commits (the frame clock re-renders the dashboard): it shows its own time.
		lastChangeAt = Date.now();
		lastCommitAt = Date.now();
		rerender(<Clock active activity={activity} />);
		expect(lastFrame()).toBe('1001500');
		// The clock's next second comes 500 ms later: too soon after that frame, no commit of its own.
		vi.advanceTimersByTime(500);
		await settle();
		expect(lastFrame()).toBe('1001500');
		vi.advanceTimersByTime(1000);
		await settle();
		expect(lastFrame()).toBe('1003000');
	});

	it('ticks every second without an activity source, and never while inactive', async () => {
		const ticking = render(<Clock active />);
		vi.advanceTimersByTime(2000);
		await settle();
		expect(ticking.lastFrame()).toBe('1002000');
		ticking.unmount();

		const idle = render(<Clock active={false} />);
		vi.advanceTimersByTime(5000);
		await settle();
		expect(idle.lastFrame()).toBe('1002000');
	});
});
