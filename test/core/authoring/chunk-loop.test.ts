import {describe, expect, it} from 'vitest';
import {
	chooseDirection,
	extensionStep,
	isBookComplete,
	joinChunk,
	nextChunkNumber,
	repetitionStep,
	resumePoint,
} from '../../../source/core/authoring/chunk-loop.js';

describe('nextChunkNumber and isBookComplete', () => {
	it('counts chunks from 1', () => {
		expect(nextChunkNumber(0)).toBe(1);
		expect(nextChunkNumber(11)).toBe(12);
	});

	it.each([-1, 1.5, Number.NaN])('refuses %d completed chunks', (completed) => {
		expect(() => nextChunkNumber(completed)).toThrow(RangeError);
	});

	it('is complete once every chunk is done', () => {
		expect(isBookComplete(0, 12)).toBe(false);
		expect(isBookComplete(11, 12)).toBe(false);
		expect(isBookComplete(12, 12)).toBe(true);
		expect(isBookComplete(13, 12)).toBe(true);
	});
});

describe('resumePoint', () => {
	it('given nothing written and no file, starts at chunk 1', () => {
		expect(resumePoint({completedChunks: 0, recordedBytes: 0, fileBytes: 0})).toEqual({
			kind: 'continue',
			n: 1,
		});
	});

	it('given 3 chunks recorded at 12 000 bytes and a file of 12 000 bytes, continues at chunk 4', () => {
		expect(resumePoint({completedChunks: 3, recordedBytes: 12_000, fileBytes: 12_000})).toEqual({
			kind: 'continue',
			n: 4,
		});
	});

	it('given a crash after writing chunk 4 but before recording it, truncates to chunk 3 and redoes 4', () => {
		expect(resumePoint({completedChunks: 3, recordedBytes: 12_000, fileBytes: 16_100})).toEqual({
			kind: 'truncate',
			toBytes: 12_000,
			n: 4,
		});
	});

	it('given a crash during chunk 1, truncates to 0 and redoes chunk 1', () => {
		expect(resumePoint({completedChunks: 0, recordedBytes: 0, fileBytes: 3000})).toEqual({
			kind: 'truncate',
			toBytes: 0,
			n: 1,
		});
	});

	it('given a file shorter than recorded, refuses with a clear message', () => {
		const point = resumePoint({completedChunks: 3, recordedBytes: 12_000, fileBytes: 11_000});
		expect(point).toEqual({
			kind: 'diverged',
			message:
				'the output file has 11000 bytes, but its 3 completed chunk(s) were recorded as 12000 bytes: ' +
				'it was edited or replaced outside xsarena. Restore it, or start a new job',
		});
	});

	it('given a missing file after completed chunks, says it is missing', () => {
		const point = resumePoint({completedChunks: 2, recordedBytes: 8000, fileBytes: 0});
		expect(point.kind).toBe('diverged');
		expect(point.kind === 'diverged' && point.message).toMatch(/^the output file is empty or missing, but/);
	});

	it('given a finished book, points past the last chunk (the caller checks isBookComplete)', () => {
		expect(resumePoint({completedChunks: 12, recordedBytes: 50_000, fileBytes: 50_000})).toEqual({
			kind: 'continue',
			n: 13,
		});
	});

	it.each([
		{completedChunks: -1, recordedBytes: 0, fileBytes: 0},
		{completedChunks: 0, recordedBytes: 1.5, fileBytes: 0},
		{completedChunks: 0, recordedBytes: 0, fileBytes: Number.NaN},
	])('refuses impossible input %o', (input) => {
		expect(() => resumePoint(input)).toThrow(RangeError);
	});
});

describe('extensionStep', () => {
	const base = {minChars: 4200, passes: 3, stallChars: 200};

	it.each([
		['long enough at once', {chunkChars: 4200, passesUsed: 0}, 'enough'],
		['long enough after passes', {chunkChars: 5000, passesUsed: 3, lastAddedChars: 10}, 'enough'],
		['short, no pass yet', {chunkChars: 1000, passesUsed: 0}, 'extend'],
		['short, no pass yet, lastAdded ignored', {chunkChars: 1000, passesUsed: 0, lastAddedChars: 0}, 'extend'],
		['short, a good pass', {chunkChars: 3000, passesUsed: 1, lastAddedChars: 2000}, 'extend'],
		['short, a pass at the stall limit', {chunkChars: 3000, passesUsed: 2, lastAddedChars: 200}, 'extend'],
		[
			'short, a pass under the stall limit',
			{chunkChars: 3000, passesUsed: 1, lastAddedChars: 199},
			'stalled',
		],
		['short, a pass adding nothing', {chunkChars: 3000, passesUsed: 1, lastAddedChars: 0}, 'stalled'],
		['short, all passes used', {chunkChars: 3000, passesUsed: 3, lastAddedChars: 900}, 'out-of-passes'],
		['short, passes used and stalled', {chunkChars: 3000, passesUsed: 3, lastAddedChars: 5}, 'stalled'],
	] as const)('%s → %s', (_, input, step) => {
		expect(extensionStep({...base, ...input})).toBe(step);
	});

	it('never extends with 0 passes', () => {
		expect(extensionStep({...base, passes: 0, chunkChars: 10, passesUsed: 0})).toBe('out-of-passes');
	});

	it('never stalls with stallChars 0', () => {
		expect(extensionStep({...base, stallChars: 0, chunkChars: 10, passesUsed: 1, lastAddedChars: 0})).toBe(
			'extend',
		);
	});

	it('is enough at once with minChars 0', () => {
		expect(extensionStep({...base, minChars: 0, chunkChars: 0, passesUsed: 0})).toBe('enough');
	});
});

describe('chooseDirection', () => {
	it.each([
		[{personHint: 'the storm', modelNext: 'the calm', planSection: 'Ch. 3'}, 'the storm'],
		[{modelNext: 'the calm', planSection: 'Ch. 3'}, 'the calm'],
		[{planSection: 'Ch. 3'}, 'Ch. 3'],
		[{personHint: '  ', modelNext: ' the calm ', planSection: 'Ch. 3'}, 'the calm'],
		[{modelNext: '', planSection: ''}, undefined],
		[{}, undefined],
	])('%o → %j', (input, direction) => {
		expect(chooseDirection(input)).toBe(direction);
	});
});

describe('repetitionStep', () => {
	const base = {threshold: 0.8, action: 'continue'} as const;

	it.each([
		[0, false, 'accept'],
		[0.8, false, 'accept'],
		[0.8000001, false, 'retry'],
		[1, false, 'retry'],
		[0.5, true, 'accept'],
		[0.95, true, 'record-and-continue'],
	] as const)('similarity %d, retried %s → %s', (similarity, retried, step) => {
		expect(repetitionStep({...base, similarity, retried})).toBe(step);
	});

	it('pauses after a failed retry when the action is pause', () => {
		expect(repetitionStep({similarity: 0.9, threshold: 0.8, retried: true, action: 'pause'})).toBe(
			'record-and-pause',
		);
		expect(repetitionStep({similarity: 0.9, threshold: 0.8, retried: false, action: 'pause'})).toBe('retry');
	});

	it('never fires at threshold 1', () => {
		expect(repetitionStep({...base, threshold: 1, similarity: 1, retried: false})).toBe('accept');
	});
});

describe('joinChunk', () => {
	it('writes the first chunk without a separator, ending in one newline', () => {
		expect(joinChunk('', '# Chapter 1\n\nIt began.')).toBe('# Chapter 1\n\nIt began.\n');
		expect(joinChunk(' \n', 'It began.')).toBe('It began.\n');
	});

	it.each([
		['a file ending in a newline', 'It began.\n', '\nThen.\n'],
		['a file ending in a blank line', 'It began.\n\n', 'Then.\n'],
		['a file ending in a blank line with spaces', 'It began.\n  \n', 'Then.\n'],
		['a file without a final newline', 'It began.', '\n\nThen.\n'],
		['a file ending in spaces', 'It began.  ', '\n\nThen.\n'],
		['a CR LF file', 'It began.\r\n', '\nThen.\n'],
		['a CR LF file ending in a blank line', 'It began.\r\n\r\n', 'Then.\n'],
	])('leaves one blank line after %s', (_, previous, appended) => {
		expect(joinChunk(previous, 'Then.')).toBe(appended);
		expect((previous + appended).replaceAll('\r', '')).toMatch(/began\.[ \t]*\n[ \t]*\nThen\.\n$/);
	});

	it('drops leading blank lines and trailing whitespace of the body, keeping its indentation', () => {
		expect(joinChunk('A.\n', '\n  \n    code\n\nText.  \n\n')).toBe('\n    code\n\nText.\n');
	});

	it('turns CR LF in the body into LF', () => {
		expect(joinChunk('', 'One.\r\n\r\nTwo.\r\n')).toBe('One.\n\nTwo.\n');
	});

	it('appends nothing for an empty body', () => {
		expect(joinChunk('A.\n', '')).toBe('');
		expect(joinChunk('A.\n', ' \n\n ')).toBe('');
	});

	it('gives a file whose chunks are separated by exactly one blank line', () => {
		let file = '';
		for (const body of ['One.', '\n\nTwo.\n\n', 'Three.']) {
			file += joinChunk(file, body);
		}

		expect(file).toBe('One.\n\nTwo.\n\nThree.\n');
	});
});
