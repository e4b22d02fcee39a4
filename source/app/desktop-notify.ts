/**
 * Desktop notifications for the dashboard's toasts (budget warnings, and run changes of other
 * processes' runs), through `notify-send` when it is on PATH. The engine sends its own for its runs'
 * state changes (`engine/hooks.ts`); this one is for what only the dashboard sees.
 */
import {spawn} from 'node:child_process';

/** Longest a `notify-send` may take before it is killed, in ms. */
const timeoutMs = 10_000;

/**
 * A `(summary, body) => void` that runs `notify-send summary body` in its own session, with no
 * terminal, killed after {@link timeoutMs}. Never throws; `onError` hears failures (a missing
 * `notify-send` is not one: there is nothing to do).
 */
export function desktopNotifier(
	onError: (error: Error) => void,
	env: NodeJS.ProcessEnv = process.env,
): (summary: string, body: string) => void {
	let program: Promise<string | undefined> | undefined;
	return (summary, body) => {
		// `which` is loaded on the first notification, not on every start (B1).
		program ??= import('which')
			.then(async ({default: which}) => which('notify-send', {nothrow: true, path: env['PATH']}))
			.then(
				(found) => found ?? undefined,
				() => undefined,
			);
		void program.then((file) => {
			if (!file) {
				return;
			}

			const child = spawn(file, [summary, body], {detached: true, stdio: 'ignore', env});
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.once('error', (error) => {
				clearTimeout(timer);
				onError(new Error(`notify-send failed: ${error.message}`));
			});
			child.once('exit', () => {
				clearTimeout(timer);
			});
			child.unref();
		});
	};
}
