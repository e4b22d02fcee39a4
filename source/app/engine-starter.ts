/**
 * The dashboard's engine, loaded and started on demand: its modules (the runners, the terminal
 * emulator, the LLM transports: about a fifth of the program) are not needed for the first frame, so
 * the dashboard draws the board first and starts the engine right after (B1), while `watch` starts it
 * first because its panes are what it shows.
 *
 * The engine itself keeps its order: lock, recovery of orphaned runs, and only then dispatching.
 */
import type {Engine, EngineOptions} from '../engine/engine.js';
import type {PaneSource} from '../ui/ports.js';
import {LatePanes} from './late-panes.js';

/** An engine that started: `viewer` when another process runs the jobs. */
export type StartedEngine = {readonly engine: Engine; readonly viewer: boolean};

/** See the file comment. */
export type EngineStarter = {
	/** The engine's panes once it started; none before. */
	readonly panes: PaneSource;
	/**
	 * Load the engine's modules and start it; later calls return the same promise.
	 *
	 * @throws (rejects with) what loading or `Engine.start` throws (e.g. the engine lock's folder
	 * cannot be written).
	 */
	start(): Promise<StartedEngine>;
	/**
	 * Resolves once the engine shows `count` panes that have each drawn something, or when that takes
	 * too long: `panesMs` (ms) for the panes to appear, then `outputMs` (ms) for their first output.
	 * At once when the engine is not starting.
	 */
	panesReady(count: number, limits: {readonly panesMs: number; readonly outputMs: number}): Promise<void>;
	/** Stop the engine if it was started (after its start settled); never rejects for a failed start. */
	stop(): Promise<void>;
};

/** An {@link EngineStarter} for an engine made with `options`. */
export function createEngineStarter(options: EngineOptions): EngineStarter {
	const panes = new LatePanes();
	let starting: Promise<StartedEngine> | undefined;
	let made: Engine | undefined;
	const start = async (): Promise<StartedEngine> => {
		const {Engine} = await import('../engine/engine.js');
		const engine = new Engine(options);
		made = engine;
		panes.attach(engine.panes);
		const viewer = (await engine.start()) === 'viewer';
		return {engine, viewer};
	};

	return {
		panes,
		async start() {
			starting ??= start();
			return starting;
		},
		async panesReady(count, limits) {
			if (!starting) {
				return;
			}

			const shown = () => panes.getPanes().length >= count;
			const drawn = () => shown() && panes.getPanes().every((pane) => pane.screen.version > 0);
			await until(panes, shown, limits.panesMs);
			if (shown()) {
				await until(panes, drawn, limits.outputMs);
			}
		},
		async stop() {
			await starting?.catch(() => undefined);
			await made?.stop();
		},
	};
}

/** Resolves once `done()` holds (checked now and on every change of `panes`) or after `maxMs` (ms). */
async function until(panes: PaneSource, done: () => boolean, maxMs: number): Promise<void> {
	if (done()) {
		return;
	}

	await new Promise<void>((resolve) => {
		const finish = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};

		const timer = setTimeout(finish, maxMs);
		const unsubscribe = panes.subscribe(() => {
			if (done()) {
				finish();
			}
		});
	});
}
