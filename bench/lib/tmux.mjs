/**
 * A dashboard in a private tmux server, watched from outside as a person would see it: start it,
 * read the screen, type keys, find its process, and tear everything down by pid.
 */
import {spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import fs from 'node:fs';
import {comm, sleep, tree} from './common.mjs';

/** A tmux window running one command. */
export class TmuxSession {
	/**
	 * @param {string} command run under `bash -c` in the window
	 * @param {{cols?: number, rows?: number, cwd?: string, env?: Record<string, string>}} options
	 */
	constructor(command, {cols = 200, rows = 50, cwd = process.cwd(), env = {}} = {}) {
		this.socket = `xsarena-bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
		const exports = Object.entries(env)
			.map(([key, value]) => `export ${key}='${String(value).replace(/'/g, `'\\''`)}';`)
			.join(' ');
		const shell = `cd '${cwd.replace(/'/g, `'\\''`)}'; ${exports} exec bash -c '${command.replace(/'/g, `'\\''`)}'`;
		this.startedAt = performance.now();
		this.tmux(
			'-f',
			'/dev/null',
			'new-session',
			'-d',
			'-s',
			'bench',
			'-x',
			String(cols),
			'-y',
			String(rows),
			shell,
		);
		this.tmux('set-option', '-t', 'bench', 'remain-on-exit', 'on');
		this.panePid = Number(this.tmux('display', '-p', '-t', 'bench', '#{pane_pid}').trim());
		this.serverPid = Number(this.tmux('display', '-p', '-t', 'bench', '#{pid}').trim());
		this.seen = new Set([this.panePid]);
	}

	tmux(...args) {
		return spawnSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'}).stdout ?? '';
	}

	/** The screen as text. */
	capture() {
		return this.tmux('capture-pane', '-p', '-t', 'bench');
	}

	/** Send tmux key tokens (`-l` for literal text). */
	keys(...tokens) {
		this.tmux('send-keys', '-t', 'bench', ...tokens);
	}

	/** Wait until the screen contains `text` (or matches a RegExp); resolves with ms since start, or throws. */
	async waitFor(pattern, timeoutMs = 30_000, pollMs = 5) {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const screen = this.capture();
			if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) {
				this.remember();
				return performance.now() - this.startedAt;
			}

			if (performance.now() > deadline) {
				throw new Error(`screen never showed ${pattern}:\n${screen}`);
			}

			await sleep(pollMs);
		}
	}

	/** Note every process now in the window's tree, so teardown can kill stragglers by pid. */
	remember() {
		for (const pid of tree(this.panePid)) {
			this.seen.add(pid);
		}
	}

	/** The dashboard's process: the first `node` in the window's tree. */
	program() {
		this.remember();
		return tree(this.panePid).find((pid) => comm(pid) === 'node' || comm(pid) === 'MainThread');
	}

	/** Kill the server, then any process it left, by pid. */
	async close() {
		this.remember();
		this.tmux('kill-server');
		await sleep(300);
		for (const pid of [...this.seen].reverse()) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}

		fs.rmSync(`${process.env.TMUX_TMPDIR ?? '/tmp'}/tmux-${process.getuid()}/${this.socket}`, {force: true});
	}
}
