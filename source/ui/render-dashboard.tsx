/**
 * The entry point the CLI calls to open the dashboard: enter the alternate screen, render, and restore
 * the terminal however the dashboard ends.
 */
import process from 'node:process';
import {render, type Instance} from 'ink';
import {App, type DashboardProps} from './app.js';
import {FrameMetrics} from './profile/frame-metrics.js';
import {boundInkMeasureCache} from './profile/ink-measure-cache.js';
import {ProfileContext} from './profile/profile-context.js';
import {createScreenMode, describeError, guardScreen} from './screen-mode.js';
import type {Handover, TextEditor} from '../commands/external-editor.js';
import {createTerminalHandover} from './edit/terminal-handover.js';
import {TextEditorContext} from './edit/text-editor-context.js';
import {PaneSurface, surfaceSupported} from './surface/pane-surface.js';
import {SurfaceContext} from './surface/surface-context.js';
import {traceStartup} from './profile/startup-trace.js';
import type {ChromeSettings} from './status/chrome-settings.js';

/** The dashboard component (see {@link DashboardProps}); {@link renderDashboard} renders it full screen. */
export const Dashboard = App;
export type {DashboardProps} from './app.js';

/** What {@link renderDashboard} needs: the dashboard's data props, and the streams to draw on. */
export type RenderDashboardOptions = Pick<
	DashboardProps,
	'store' | 'panes' | 'run' | 'home' | 'limit' | 'notice' | 'notices' | 'keys' | 'ui' | 'chrome'
> & {
	/** The editor `E` opens, lent the terminal through the handover given (none: `E` says so). */
	readonly editor?: (handover: Handover) => TextEditor;
	/** Streams (default: the process's); tests pass fakes. */
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	readonly stderr?: NodeJS.WriteStream;
	/**
	 * The profiler the frames are recorded in (the debug overlay and `--profile` read it); default: a
	 * new one, idle until someone listens.
	 */
	readonly metrics?: FrameMetrics;
	/**
	 * Work that must not delay the first frame (loading and starting the engine), started once that
	 * frame is written; the dashboard is drawn again with the settings it resolves with. When it
	 * rejects, the dashboard closes and {@link renderDashboard} rejects with its error once the
	 * terminal is restored.
	 */
	readonly startup?: () => Promise<StartupUpdate | undefined>;
};

/** What the dashboard learns once its startup work is done (see `RenderDashboardOptions.startup`). */
export type StartupUpdate = {
	/** Settings replacing `chrome` (e.g. with the id of the engine that now runs here). */
	readonly chrome?: ChromeSettings;
};

/**
 * Count what is written to `stdout` into `metrics` (while it records). Returns the undo. Ink writes
 * every frame through `stdout.write`, so this sees frames, the screen mode's escapes and BELs alike.
 */
function countWrites(stdout: NodeJS.WriteStream, metrics: FrameMetrics): () => void {
	const write = stdout.write;
	const counted = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
		if (metrics.recording) {
			metrics.written(
				typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Uint8Array).byteLength,
			);
		}

		return (write as (...parameters: unknown[]) => boolean).call(this, chunk, ...rest);
	};
	stdout.write = counted as typeof stdout.write;
	return () => {
		if (stdout.write === counted) {
			stdout.write = write;
		}
	};
}

/**
 * Show the dashboard until the person quits (`q`, Ctrl-C, or a command asking to quit).
 *
 * The alternate screen is entered before the first frame and left on every way out: normal exit,
 * SIGINT/SIGTERM (then exits 130/143), an uncaught exception or unhandled rejection (prints it, exits
 * 1). A render error inside the dashboard is printed after the screen is restored and sets
 * `process.exitCode` to 1; the promise still resolves, so the caller can stop its engine and exit.
 *
 * Call it with `NODE_ENV=production` set before React loads (React's development build makes each
 * frame several times slower).
 *
 * @throws (rejects with) the error of `options.startup`, after the terminal is restored.
 */
export async function renderDashboard(options: RenderDashboardOptions): Promise<void> {
	const {stdout = process.stdout, stdin = process.stdin, stderr = process.stderr} = options;
	// Ink never evicts a measured string; streaming panes would grow it without end (PITFALLS.md).
	boundInkMeasureCache();
	const metrics = options.metrics ?? new FrameMetrics();
	const uncount = countWrites(stdout, metrics);
	// Pane contents are painted outside Ink's output grid (see pane-surface.ts); it wraps the counted
	// write, so what it adds is counted too.
	const surface = surfaceSupported(stdout) ? new PaneSurface(stdout) : undefined;
	surface?.attach();
	// Mouse reporting is on unless `ui.mouse: false`; every way out turns it off (screen-mode.ts).
	const screen = createScreenMode({stdout, stdin, mouse: options.ui?.mouse !== false});
	let instance: Instance | undefined;
	const release = guardScreen({
		screen,
		stderr,
		beforeLeave() {
			instance?.unmount();
			surface?.dispose();
		},
	});
	screen.enter();
	let startupError: {readonly error: unknown} | undefined;
	try {
		const props: DashboardProps = {
			store: options.store,
			panes: options.panes,
			run: options.run,
			home: options.home,
			limit: options.limit,
			notice: options.notice,
			notices: options.notices,
			keys: options.keys,
			ui: options.ui,
			chrome: options.chrome,
		};
		const editor = options.editor?.(createTerminalHandover({stdin, stdout, screen}));
		const tree = (dashboardProps: DashboardProps) => (
			<ProfileContext.Provider value={metrics}>
				<SurfaceContext.Provider value={surface}>
					<TextEditorContext.Provider value={editor}>
						<Dashboard {...dashboardProps} />
					</TextEditorContext.Provider>
				</SurfaceContext.Provider>
			</ProfileContext.Provider>
		);
		let frames = 0;
		const shown = render(tree(props), {
			stdout,
			stdin,
			stderr,
			patchConsole: false,
			// Ink 6.8's line-diffing left rows of earlier frames on screen here (a pane title and cards one
			// row off after the frame changed), and it saves only ~7 % of bytes with side-by-side panes.
			incrementalRendering: false,
			maxFps: 30,
			exitOnCtrlC: false,
			onRender({renderTime}) {
				if (frames++ < 8) {
					traceStartup(`ui: frame ${frames} written (${renderTime.toFixed(1)} ms)`);
				}

				metrics.render(renderTime);
				surface?.rendered();
			},
		});
		instance = shown;
		let open = true;
		const exited = shown.waitUntilExit().finally(() => {
			open = false;
		});
		// Ink wrote the first frame inside `render`: what the startup does now no longer delays it.
		options.startup?.().then(
			(update) => {
				if (open && update?.chrome) {
					shown.rerender(tree({...props, chrome: update.chrome}));
				}
			},
			(error: unknown) => {
				startupError = {error};
				shown.unmount();
			},
		);
		await exited;
		surface?.dispose();
		screen.leave();
	} catch (error) {
		surface?.dispose();
		screen.leave();
		stderr.write(describeError(error));
		process.exitCode = 1;
	} finally {
		surface?.dispose();
		screen.leave();
		release();
		uncount();
	}

	if (startupError) {
		throw startupError.error;
	}
}
