import {describe, expect, it} from 'vitest';
import {
	createScreenMode,
	enterSequence,
	guardScreen,
	leaveSequence,
	mouseOnSequence,
	type GuardedProcess,
} from '../../source/ui/screen-mode.js';

function stdout() {
	return {
		written: '',
		write(chunk: string) {
			this.written += chunk;
			return true;
		},
	};
}

describe('mouse reporting and the screen', () => {
	it('is turned on with the screen when asked, in SGR form, and off again on leaving', () => {
		const out = stdout();
		const screen = createScreenMode({stdout: out, mouse: true});
		screen.enter();
		expect(out.written).toBe(enterSequence + mouseOnSequence);
		expect(mouseOnSequence).toBe('\u001B[?1000h\u001B[?1006h');
		screen.leave();
		expect(out.written.endsWith(leaveSequence)).toBe(true);
		expect(leaveSequence).toContain('\u001B[?1000l');
		expect(leaveSequence).toContain('\u001B[?1006l');
	});

	it('stays off without the setting', () => {
		const out = stdout();
		createScreenMode({stdout: out}).enter();
		expect(out.written).not.toContain('\u001B[?1000h');
	});

	it('is turned off on a signal and on a crash', () => {
		for (const event of ['SIGTERM', 'uncaughtException']) {
			const out = stdout();
			const listeners = new Map<string, (...args: unknown[]) => void>();
			const fake: GuardedProcess = {
				on: (name, listener) => listeners.set(name, listener),
				off: (name) => listeners.delete(name),
				exit() {},
			};
			const screen = createScreenMode({stdout: out, mouse: true});
			guardScreen({screen, stderr: stdout(), process: fake});
			screen.enter();
			listeners.get(event)!(new Error('boom'));
			expect(out.written.endsWith(leaveSequence)).toBe(true);
		}
	});
});
