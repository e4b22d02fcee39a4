import {EventEmitter} from 'node:events';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';

import {renderDashboard} from '../../source/ui/render-dashboard.js';
import {
	createScreenMode,
	enterSequence,
	guardScreen,
	leaveSequence,
	type GuardedProcess,
} from '../../source/ui/screen-mode.js';
import {fakePanes, fakeRunner, fakeScreen, fakeStore, keys, makeJob, waitFor} from './helpers.js';

/** A terminal-like output stream that records what was written. */
class FakeStdout extends EventEmitter {
	isTTY = true;
	columns = 100;
	rows = 30;
	written = '';
	write(chunk: string, callback?: () => void): boolean {
		this.written += chunk;
		callback?.();
		return true;
	}
}

/** A terminal-like input stream (raw mode recorded). */
class FakeStdin extends EventEmitter {
	isTTY = true;
	raw: boolean[] = [];
	private data: string | null = null;
	setRawMode(mode: boolean): void {
		this.raw.push(mode);
	}

	setEncoding(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
	read(): string | null {
		const {data} = this;
		this.data = null;
		return data;
	}

	type(data: string): void {
		this.data = data;
		this.emit('readable');
	}
}

class FakeProcess extends EventEmitter implements GuardedProcess {
	codes: number[] = [];
	exit(code?: number): void {
		this.codes.push(code ?? 0);
	}
}

afterEach(() => {
	process.exitCode = undefined;
});

describe('screen mode', () => {
	it('enters and leaves once, turning raw mode off on the way out', () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const screen = createScreenMode({stdout, stdin});
		screen.leave();
		expect(stdout.written).toBe('');
		screen.enter();
		screen.enter();
		expect(stdout.written).toBe(enterSequence);
		screen.leave();
		screen.leave();
		expect(stdout.written).toBe(enterSequence + leaveSequence);
		expect(stdin.raw).toEqual([false]);
		expect(leaveSequence).toContain('\u001B[?1049l');
		expect(leaveSequence).toContain('\u001B[?25h');
		expect(leaveSequence).toContain('\u001B[?1000l');
	});

	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
	])('restores the terminal on %s and exits %i', (signal, code) => {
		const stdout = new FakeStdout();
		const fake = new FakeProcess();
		const screen = createScreenMode({stdout});
		const order: string[] = [];
		guardScreen({screen, stderr: stdout, process: fake, beforeLeave: () => order.push('unmount')});
		screen.enter();
		fake.emit(signal);
		expect(order).toEqual(['unmount']);
		expect(stdout.written.endsWith(leaveSequence)).toBe(true);
		expect(fake.codes).toEqual([code]);
	});

	it.each(['uncaughtException', 'unhandledRejection'])(
		'on %s restores first, then prints the error, exits 1',
		(event) => {
			const stdout = new FakeStdout();
			const fake = new FakeProcess();
			const screen = createScreenMode({stdout});
			guardScreen({screen, stderr: stdout, process: fake});
			screen.enter();
			fake.emit(event, new Error('it broke'));
			const leaveAt = stdout.written.indexOf(leaveSequence);
			expect(leaveAt).toBeGreaterThan(0);
			expect(stdout.written.indexOf('Error: it broke')).toBeGreaterThan(leaveAt);
			expect(fake.codes).toEqual([1]);
		},
	);

	it('removes its listeners when released', () => {
		const fake = new FakeProcess();
		const release = guardScreen({
			screen: createScreenMode({stdout: new FakeStdout()}),
			stderr: new FakeStdout(),
			process: fake,
		});
		expect(fake.listenerCount('SIGTERM')).toBe(1);
		release();
		for (const event of ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'exit']) {
			expect(fake.listenerCount(event)).toBe(0);
		}
	});
});

describe('renderDashboard', () => {
	const options = (stdout: FakeStdout, stdin: FakeStdin) => ({
		store: fakeStore([makeJob({title: 'Hello board'})]),
		panes: fakePanes(),
		run: fakeRunner(),
		home: '/tmp/.xsarena',
		limit: 2,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
	});

	it('draws inside the alternate screen and restores the terminal on q', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		// Ink's cli-cursor leaves a signal-exit hook behind for good, so count a guard only ours uses.
		const listeners = process.listenerCount('uncaughtException');
		const done = renderDashboard(options(stdout, stdin));
		expect(stdout.written.startsWith(enterSequence)).toBe(true);
		await waitFor(() => expect(stdout.written).toContain('Hello board'));
		expect(process.listenerCount('uncaughtException')).toBe(listeners + 1);
		stdin.type('q');
		await done;
		expect(stdout.written.lastIndexOf(leaveSequence)).toBeGreaterThan(
			stdout.written.lastIndexOf('Hello board'),
		);
		expect(stdin.raw.at(-1)).toBe(false);
		expect(process.listenerCount('uncaughtException')).toBe(listeners);
		expect(process.exitCode).toBeUndefined();
	});

	it('follows a resize, down to the too-small message', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const done = renderDashboard(options(stdout, stdin));
		await waitFor(() => expect(stdout.written).toContain('Hello board'));
		stdout.columns = 60;
		stdout.rows = 20;
		stdout.emit('resize');
		await waitFor(() => expect(stdout.written).toContain('terminal too small (60×20, need 80×24)'));
		stdin.type(keys.ctrlC);
		await done;
	});

	it('re-lays the panes out on a resize and resizes each pty once the size settles', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const job = makeJob({title: 'Hello board'});
		const started = new Date().toISOString();
		const screens = [fakeScreen(['a\u001B[0m']), fakeScreen(['b\u001B[0m'])];
		const panes = fakePanes(
			screens.map((screen, index) => ({
				jobId: job.id,
				run: index + 1,
				agent: 'sh',
				startedAt: started,
				screen,
			})),
		);
		const done = renderDashboard({...options(stdout, stdin), panes});
		await waitFor(() => expect(screens[1]!.resizes.at(-1)).toEqual([48, 13]));
		expect(screens[0]!.resizes).toEqual([[48, 13]]);
		// Dragging the corner: several sizes in a row, then it settles at 120×40 (the debounce itself is
		// tested on the pane, with fake timers).
		for (const [columns, rows] of [
			[104, 32],
			[110, 35],
			[120, 40],
		] as const) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		}

		await waitFor(() => expect(screens[0]!.resizes.at(-1)).toEqual([58, 19]));
		await waitFor(() => expect(screens[1]!.resizes.at(-1)).toEqual([58, 19]));
		expect(screens[0]!.resizes).toEqual([
			[48, 13],
			[58, 19],
		]);
		// The frame follows at once: the panes' borders span the new width.
		expect(stdout.written).toMatch(/╭─{58}╮╭─{58}╮/);
		stdin.type('q');
		await done;
	});

	it('starts its startup work once the first frame is written, and draws with the settings it gives', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		let shownAtStart: string | undefined;
		const done = renderDashboard({
			...options(stdout, stdin),
			async startup() {
				shownAtStart = stdout.written;
				return {chrome: {budget: {usd: 7}}};
			},
		});
		expect(shownAtStart).toContain('Hello board');
		expect(shownAtStart).not.toContain('0.00/7.00');
		await waitFor(() => expect(stdout.written).toContain('$ ▱▱▱▱▱ 0.00/7.00'));
		stdin.type('q');
		await done;
		expect(process.exitCode).toBeUndefined();
	});

	it('closes, restores the terminal and rejects when its startup work fails', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const done = renderDashboard({
			...options(stdout, stdin),
			startup: async () => {
				throw new Error('the engine lock cannot be written');
			},
		});
		await expect(done).rejects.toThrow('the engine lock cannot be written');
		expect(stdout.written).toContain('Hello board');
		expect(stdout.written.endsWith(leaveSequence)).toBe(true);
		expect(stdin.raw.at(-1)).toBe(false);
	});

	it('turns bracketed paste on with the screen, and off again when leaving', () => {
		expect(enterSequence).toContain('\u001B[?2004h');
		expect(leaveSequence).toContain('\u001B[?2004l');
	});

	it('prints a render error after restoring the screen and sets a failing exit code', async () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const broken = {
			subscribe: () => () => undefined,
			getSnapshot: () => {
				throw new Error('store exploded');
			},
		};
		await renderDashboard({...options(stdout, stdin), store: broken});
		const leaveAt = stdout.written.lastIndexOf(leaveSequence);
		expect(leaveAt).toBeGreaterThan(0);
		expect(stdout.written.lastIndexOf('store exploded')).toBeGreaterThan(leaveAt);
		expect(process.exitCode).toBe(1);
	});
});
