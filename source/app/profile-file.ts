/**
 * `--profile <file>`: the profiler's samples appended to a file as JSON lines, one per second while the
 * dashboard is open. Each line is a `ProfileSample` (`source/ui/profile/frame-metrics.ts`, described in
 * `bench/README.md`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {FrameMetrics} from '../ui/profile/frame-metrics.js';

/**
 * Start writing `metrics`' samples to `file` (created with its folder, or appended to). Returns the
 * function that writes the last (shorter) window, stops, and resolves once the file is closed. Write
 * errors end the file quietly (a profile must never take the dashboard down); the stop function's
 * promise resolves with the first one.
 */
export function writeProfile(metrics: FrameMetrics, file: string): () => Promise<Error | undefined> {
	fs.mkdirSync(path.dirname(path.resolve(file)), {recursive: true});
	const stream = fs.createWriteStream(file, {flags: 'a'});
	let failure: Error | undefined;
	stream.on('error', (error) => {
		failure ??= error;
	});
	const unsubscribe = metrics.subscribe(() => {
		const sample = metrics.getSnapshot();
		if (sample && failure === undefined) {
			stream.write(`${JSON.stringify(sample)}\n`);
		}
	});
	return async () => {
		metrics.sample(); // The last, shorter window.
		unsubscribe();
		await new Promise<void>((resolve) => {
			stream.once('close', resolve);
			stream.end();
		});
		return failure;
	};
}
