/**
 * The decisions of the authoring chunk loop, without the I/O: which chunk comes next, where a resume
 * starts, when to micro-extend, which direction a chunk follows, what the repetition guard does, and
 * what is appended to the book. The engine does the asking, writing and recording.
 */

function assertCount(name: string, value: number): void {
	if (!Number.isInteger(value) || value < 0) {
		throw new RangeError(`${name} must be a whole number ≥ 0, not ${value}`);
	}
}

/**
 * The number of the chunk to write after `completed` completed chunks (chunks count from 1).
 *
 * @throws RangeError when `completed` is not a whole number ≥ 0.
 */
export function nextChunkNumber(completed: number): number {
	assertCount('completed', completed);
	return completed + 1;
}

/** Whether a book of `chunks` chunks is finished after `completed` completed ones. */
export function isBookComplete(completed: number, chunks: number): boolean {
	return completed >= chunks;
}

/** Where a resumed author job starts. */
export type ResumePoint =
	/** The file is as recorded: write chunk `n`. */
	| {readonly kind: 'continue'; readonly n: number}
	/**
	 * The file holds a chunk written but never recorded (a crash between the fsync and the event): cut
	 * it back to `toBytes`, then write chunk `n`, so no chunk is ever in the file twice.
	 */
	| {readonly kind: 'truncate'; readonly toBytes: number; readonly n: number}
	/** The file is shorter than recorded: someone edited or replaced it. Refuse; `message` says why. */
	| {readonly kind: 'diverged'; readonly message: string};

/**
 * Where to resume, from the last `chunk.completed` event (`completedChunks`, and its `endOffset` as
 * `recordedBytes`; both 0 before the first chunk) and the output file's size now (0 when missing).
 * Check {@link isBookComplete} first: `n` may be past the last chunk.
 *
 * Before the first chunk a non-empty file counts as an unrecorded chunk and is truncated to 0; the
 * engine must refuse an `--out` file that existed before the job started, before it gets here.
 *
 * @throws RangeError when an input is not a whole number ≥ 0.
 */
export function resumePoint(input: {
	completedChunks: number;
	recordedBytes: number;
	fileBytes: number;
}): ResumePoint {
	const {completedChunks, recordedBytes, fileBytes} = input;
	assertCount('completedChunks', completedChunks);
	assertCount('recordedBytes', recordedBytes);
	assertCount('fileBytes', fileBytes);
	const n = completedChunks + 1;
	if (fileBytes === recordedBytes) {
		return {kind: 'continue', n};
	}

	if (fileBytes > recordedBytes) {
		return {kind: 'truncate', toBytes: recordedBytes, n};
	}

	const state = fileBytes === 0 ? 'is empty or missing' : `has ${fileBytes} bytes`;
	return {
		kind: 'diverged',
		message:
			`the output file ${state}, but its ${completedChunks} completed chunk(s) were recorded as ` +
			`${recordedBytes} bytes: it was edited or replaced outside xsarena. Restore it, or start a new job`,
	};
}

/** What to do with a chunk after the model's answer or an extension pass. */
export type ExtensionStep = 'extend' | 'enough' | 'out-of-passes' | 'stalled';

/**
 * Micro-extension: `enough` once the chunk has `minChars` characters; else `stalled` when the last pass
 * (if any was made) added fewer than `stallChars` characters; else `out-of-passes` when all `passes`
 * are used; else `extend` (ask the model to continue the same chunk). A stall wins over running out of
 * passes, being the more telling reason to stop. Every answer but `extend` means: accept the chunk.
 */
export function extensionStep(input: {
	chunkChars: number;
	minChars: number;
	passesUsed: number;
	passes: number;
	/** Characters the last pass added; absent before the first pass. */
	lastAddedChars?: number;
	stallChars: number;
}): ExtensionStep {
	const {chunkChars, minChars, passesUsed, passes, lastAddedChars, stallChars} = input;
	if (chunkChars >= minChars) {
		return 'enough';
	}

	if (passesUsed > 0 && lastAddedChars !== undefined && lastAddedChars < stallChars) {
		return 'stalled';
	}

	return passesUsed >= passes ? 'out-of-passes' : 'extend';
}

/**
 * The direction chunk k follows: a person's hint (`next <id> "…"`) wins; then the model's own `NEXT:`
 * from the previous chunk; then the outline's section for chunk k. The model's `NEXT:` goes before the
 * section because the model writes it knowing whether the current section is finished (the outline is
 * in the system prompt); the section steers chunk 1 and any chunk after one that ended without a hint.
 * Blank strings count as absent; the result is trimmed; undefined when there is no direction.
 */
export function chooseDirection(input: {
	personHint?: string;
	modelNext?: string;
	planSection?: string;
}): string | undefined {
	const candidates = [input.personHint, input.modelNext, input.planSection];
	return candidates.map((text) => text?.trim()).find((text) => text !== undefined && text !== '');
}

/** What the repetition guard does with a chunk. */
export type RepetitionStep = 'accept' | 'retry' | 'record-and-continue' | 'record-and-pause';

/**
 * The repetition guard: `accept` when `similarity` is at most `threshold`; else `retry` (ask once more,
 * told to move on) unless the chunk is already that retry; else record a `chunk.repetition` event and
 * keep the retried chunk and go on (`continue`), or keep it and pause the job (`pause`).
 */
export function repetitionStep(input: {
	similarity: number;
	threshold: number;
	retried: boolean;
	action: 'continue' | 'pause';
}): RepetitionStep {
	if (!(input.similarity > input.threshold)) {
		return 'accept';
	}

	if (!input.retried) {
		return 'retry';
	}

	switch (input.action) {
		case 'continue': {
			return 'record-and-continue';
		}

		case 'pause': {
			return 'record-and-pause';
		}

		default: {
			const unreachable: never = input.action;
			return unreachable;
		}
	}
}

/**
 * The text to append to the book for a chunk: the body without leading blank lines or trailing
 * whitespace, with LF line ends, ending in one `\n`; separated from what is already there by exactly
 * one blank line (none before the first chunk). Only the end of `previousText` matters, so a tail of
 * the file is enough. A body with no text gives '' (append nothing; the chunk failed).
 */
export function joinChunk(previousText: string, chunkBody: string): string {
	const body = chunkBody
		.replaceAll('\r\n', '\n')
		.replace(/^(?:[ \t]*\n)+/, '')
		.trimEnd();
	if (body === '') {
		return '';
	}

	if (previousText.trim() === '') {
		return `${body}\n`;
	}

	const separator = /\n[ \t\r]*\n[ \t\r]*$/.test(previousText)
		? ''
		: /\n[ \t\r]*$/.test(previousText)
			? '\n'
			: '\n\n';
	return `${separator}${body}\n`;
}
