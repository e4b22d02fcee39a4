/** The debug overlay's text: pure, so its wording is unit-tested without Ink. */
import type {ProfileSample} from './frame-metrics.js';
import type {Summary} from './summary.js';

const ms = (summary: Summary) =>
	summary.count === 0 ? '–' : `${summary.p50.toFixed(1)}/${summary.p95.toFixed(1)}/${summary.max.toFixed(1)}`;

const kib = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`);

/** Rows of the overlay's body ({@link overlayRows} of them). */
export function profileLines(sample: ProfileSample | undefined): string[] {
	if (!sample) {
		return ['measuring… (figures every second)', '', '', '', ''];
	}

	// With the pane surface most bytes are its paints, one per data frame; without it, Ink's frames.
	const written = sample.paintMs.count === 0 ? sample.renders : sample.frames;
	const perFrame = sample.frames === 0 ? 0 : Math.round(sample.stdoutBytes / Math.max(1, written));
	// With the pane surface most frames only paint pane contents: say how many committed.
	const surface =
		sample.paintMs.count === 0
			? ''
			: ` · surface paint ${ms(sample.paintMs)} ms · ${sample.commitMs.count} of ${sample.frames} frames committed`;
	return [
		`frames ${sample.fps}/s · commit p50/p95/max ${ms(sample.commitMs)} ms · ink build ${ms(sample.renderMs)} ms${surface}`,
		`stdout ${sample.stdoutKiBps} KiB/s (${kib(perFrame)} per frame, ${sample.renders} frames written)`,
		`pane bytes per frame p50/p95/max ${sample.paneBytesPerFrame.count === 0 ? '–' : `${kib(sample.paneBytesPerFrame.p50)}/${kib(sample.paneBytesPerFrame.p95)}/${kib(sample.paneBytesPerFrame.max)}`} · ${sample.panes} panes`,
		`pty pauses ${sample.ptyPauses} · resumes ${sample.ptyResumes}${sample.loopDelayMs ? ` · event-loop delay p95 ${sample.loopDelayMs.p95} ms` : ''}`,
		`rss ${sample.rssMiB} MiB · heap ${sample.heapMiB} MiB${sample.measureCache === undefined ? '' : ` · ink measure cache ${sample.measureCache}`}`,
	];
}

/** Rows of the overlay's body. */
export const overlayRows = 5;
