/**
 * Fault rows of FAULTS.md through `xsarena watch` in a real pty:
 * R8, an agent floods output (`yes`): the dashboard stays responsive, a quiet pane keeps updating,
 * memory stays bounded; R22, the UI's event loop stops for 2 s (SIGSTOP, as a debugger would) while an
 * agent streams: nothing is lost in its log, and the pane catches up.
 */
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {e2eCleanup} from './cleanup.js';
import {startApp} from './pty-app.js';

/** Apps started and temporary folders (also standing in for the system's, where the throwaway board goes). */
const {apps, tempDir} = e2eCleanup('xsarena-e2e-faults-');

/** Resident memory of `pid` in MiB. */
function rssMiB(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
}

/** The pid of the `watch` started with TMPDIR=`tmp` (the pty helper does not expose it). */
function watchPid(tmp: string): number {
	const found = fs.readdirSync('/proc').find((entry) => {
		try {
			return (
				/cli\.js\0watch\0/.test(fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8')) &&
				fs.readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`TMPDIR=${tmp}\0`)
			);
		} catch {
			return false;
		}
	});
	return Number(found);
}

/** The newest `quiet tick <n>` on screen. */
function newestTick(screen: string): number {
	return Math.max(0, ...[...screen.matchAll(/quiet tick (\d+)/g)].map((match) => Number(match[1])));
}

describe('faults under watch', () => {
	it('R8: a flooding agent does not starve a quiet pane, the REPL or memory', {timeout: 60_000}, async () => {
		const tmp = tempDir();
		const quiet = 'for i in $(seq 1 100); do echo quiet tick $i; sleep 0.5; done';
		const app = startApp(['watch', '--', 'timeout 30 yes flood-line', quiet], {
			cwd: tmp,
			env: {TMPDIR: tmp, XSARENA_HOME: ''},
		});
		apps.push(app);
		// Rows of `yes` output in the flood's pane (the card and pane titles hold the command, unbordered).
		await waitFor(
			() => (app.screen().match(/│flood-line/g)?.length ?? 0) >= 3 && /quiet tick 2/.test(app.screen()),
			20_000,
			() => app.screen(),
		);
		// The quiet pane keeps moving during the flood.
		const before = newestTick(app.screen());
		await sleep(4000);
		await waitFor(
			() => newestTick(app.screen()) >= before + 4,
			10_000,
			() => app.screen(),
		);
		// Typing reaches the REPL while the flood goes on.
		app.type(':');
		app.type('echo-typed');
		await app.waitForScreen(/› echo-typed/, 10_000);
		app.type('\u001B');
		// Memory stays bounded: the emulator keeps 5,000 lines of scrollback, nothing else grows.
		const pid = watchPid(tmp);
		expect(pid).toBeGreaterThan(0);
		expect(rssMiB(pid)).toBeLessThan(600);
		app.type('q');
		await app.waitForScreen(/quit and stop them\? \(y\/n\)/, 10_000);
		app.type('y');
		expect(await app.exited).toBe(0);
	});

	it(
		'R22: after a 2 s stall of the dashboard, the log has every line and the pane catches up',
		{timeout: 60_000},
		async () => {
			const tmp = tempDir();
			const lines = 3000;
			// Numbered lines, ~100 per 50 ms: still streaming while the dashboard is stopped. The end marker
			// is printed with printf so that the job's title (the command) does not contain it.
			const stream = `for i in $(seq 1 ${lines}); do echo "line $i"; if [ $((i % 100)) = 0 ]; then sleep 0.05; fi; done; printf "stream-%s\\n" done; sleep 30`;
			const app = startApp(['watch', '--keep', '--', stream], {
				cwd: tmp,
				env: {TMPDIR: tmp, XSARENA_HOME: ''},
			});
			apps.push(app);
			await app.waitForScreen(/line \d{3}/, 20_000);
			const pid = watchPid(tmp);
			process.kill(pid, 'SIGSTOP');
			await sleep(2000);
			process.kill(pid, 'SIGCONT');
			// The pane catches up with the end of the stream.
			await app.waitForScreen(/stream-done/, 20_000);
			app.type('q');
			await app.waitForScreen(/quit and stop them\? \(y\/n\)/, 10_000);
			app.type('y');
			expect(await app.exited).toBe(0);
			// Nothing was lost: the run's log holds every line, in order.
			const [board] = fs.readdirSync(tmp).filter((name) => name.startsWith('xsarena-watch-'));
			const jobs = path.join(tmp, board!, 'jobs');
			const [job] = fs.readdirSync(jobs);
			const log = fs.readFileSync(path.join(jobs, job!, 'runs', '1', 'output.log'), 'utf8');
			const numbers = [...log.matchAll(/^line (\d+)\r?$/gm)].map((match) => Number(match[1]));
			expect(numbers).toEqual(Array.from({length: lines}, (_, index) => index + 1));
		},
	);
});
