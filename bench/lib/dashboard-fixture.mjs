/**
 * The dashboard rendered in this process at a given size, on a real store and real pane emulators,
 * writing to a fake terminal: for the in-process benchmarks (B2 frame cost). Everything comes from
 * dist/, so what is measured is what ships.
 */
import fs from 'node:fs';
import path from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import {createElement} from 'react';

/** Write a board: `ready` jobs waiting, `inFlight` jobs with a run started, a few done (B8's event shapes). */
export function writeBoard(root, {ready = 6, inFlight = 4, done = 6} = {}) {
	const t0 = Date.parse('2026-11-01T00:00:00.000Z');
	const ids = {ready: [], inFlight: [], done: []};
	let j = 0;
	const job = (kind, title) => {
		const jobId = `01BENCHJOB${String(j++).padStart(16, '0')}`;
		const events = [];
		const push = (type, data) =>
			events.push({
				id: `${jobId}-${String(events.length).padStart(6, '0')}`,
				v: 1,
				type,
				jobId,
				at: new Date(t0 + j * 60_000 + events.length * 1000).toISOString(),
				by: 'bench',
				data,
			});
		push('job.created', {
			title,
			description: '',
			kind: 'agent',
			status: 'ready',
			priority: ['low', 'medium', 'high', 'urgent'][j % 4],
			agent: 'shell',
			command: 'make test',
			blockedBy: [],
			acceptance: [],
		});
		if (kind !== 'ready') {
			push('job.claimed', {run: 1, by: 'bench:1:x', agent: 'shell'});
			push('run.started', {
				run: 1,
				pid: 4242 + j,
				agent: 'shell',
				command: ['bash', '-c', 'make test'],
				cwd: '/work/project',
			});
		}

		if (kind === 'done') {
			push('run.exited', {run: 1, exitCode: 0, signal: null});
			push('job.status_changed', {from: 'in_flight', to: 'done'});
		}

		const dir = path.join(root, 'jobs', jobId);
		fs.mkdirSync(dir, {recursive: true});
		fs.writeFileSync(
			path.join(dir, 'events.jsonl'),
			`${events.map((event) => JSON.stringify(event)).join('\n')}\n`,
		);
		ids[kind].push(jobId);
	};

	for (let i = 0; i < ready; i++) job('ready', `Ready job ${i}: refactor the parser module`);
	for (let i = 0; i < inFlight; i++) job('inFlight', `Agent ${i}: fix the flaky integration tests`);
	for (let i = 0; i < done; i++) job('done', `Done job ${i}: update the changelog`);
	return ids;
}

/** A terminal of `columns`×`rows` that counts what is written to it. */
export function fakeTerminal(columns, rows) {
	const stdout = new Writable({
		write(chunk, _encoding, callback) {
			stdout.bytes += chunk.length;
			stdout.writes++;
			callback();
		},
	});
	Object.assign(stdout, {columns, rows, isTTY: true, bytes: 0, writes: 0});
	const stdin = new PassThrough();
	Object.assign(stdin, {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
	return {stdout, stdin, stderr: new PassThrough()};
}

/** A pane list whose panes the benchmark feeds; `changed()` is what a screen update does. */
export function paneSource(panes) {
	const listeners = new Set();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getPanes: () => panes,
		changed() {
			for (const listener of listeners) listener();
		},
	};
}

/**
 * Render the dashboard (dist) at `columns`×`rows` with the same Ink options as the shipped one, and,
 * unless `surface` is false, the pane surface drawing pane contents as `renderDashboard` sets it up.
 * Resolves with `{instance, metrics, terminal, nextCommit}`: `nextCommit` resolves with the next data
 * frame's whole cost (an Ink commit and/or a surface paint).
 */
export async function renderFixture({store, panes, columns, rows, frameInterval = 50, surface = true}) {
	delete process.env.CI; // Ink reads CI when loaded and then draws nothing until exit.
	const {render} = await import('ink');
	const {Dashboard} = await import('../../dist/ui/render-dashboard.js');
	const {FrameMetrics} = await import('../../dist/ui/profile/frame-metrics.js');
	const {ProfileContext} = await import('../../dist/ui/profile/profile-context.js');
	const {boundInkMeasureCache} = await import('../../dist/ui/profile/ink-measure-cache.js');
	const {PaneSurface} = await import('../../dist/ui/surface/pane-surface.js');
	const {SurfaceContext} = await import('../../dist/ui/surface/surface-context.js');
	boundInkMeasureCache();
	const metrics = new FrameMetrics({intervalMs: 3_600_000});
	const stop = metrics.subscribe(() => undefined);
	const waiters = [];
	const commit = metrics.commit.bind(metrics);
	metrics.commit = (ms, list) => {
		commit(ms, list);
		for (const waiter of waiters.splice(0)) waiter(ms);
	};

	const terminal = fakeTerminal(columns, rows);
	const writer = surface ? new PaneSurface(terminal.stdout) : undefined;
	writer?.attach();
	const element = createElement(
		ProfileContext.Provider,
		{value: metrics},
		createElement(
			SurfaceContext.Provider,
			{value: writer},
			createElement(Dashboard, {
				store,
				panes,
				run: async () => ({exitCode: 0, output: ''}),
				home: '/bench/.xsarena',
				limit: 4,
				size: {columns, rows},
				frameInterval,
			}),
		),
	);
	const instance = render(element, {
		...terminal,
		patchConsole: false,
		incrementalRendering: false,
		maxFps: 30,
		exitOnCtrlC: false,
		onRender: ({renderTime}) => {
			metrics.render(renderTime);
			writer?.rendered();
		},
	});
	return {
		instance,
		metrics,
		terminal,
		/** Resolves with the next data frame's duration. */
		nextCommit: () => new Promise((resolve) => waiters.push(resolve)),
		stop() {
			stop();
			instance.unmount();
			writer?.dispose();
		},
	};
}
