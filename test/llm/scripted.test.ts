import {performance} from 'node:perf_hooks';
import {describe, expect, test} from 'vitest';
import {createScriptedTransport, splitPieces} from '../../source/llm/scripted.js';
import type {ChatMessage, ChatRequest} from '../../source/llm/transport.js';

const system: ChatMessage = {
	role: 'system',
	content: 'You are writing a long-form book in Markdown.\nSubject: The history of tea in Britain',
};

function first(chars = 2000): ChatRequest {
	return {
		messages: [system, {role: 'user', content: `Write the first chapter, at least ${chars} characters.`}],
	};
}

function next(anchor: string, chars = 2000): ChatRequest {
	return {
		messages: [
			system,
			{
				role: 'user',
				content: `Continue exactly from after the anchor; do not repeat. Write at least ${chars} characters.\nANCHOR:\n<<<ANCHOR\n${anchor}\nANCHOR>>>`,
			},
		],
	};
}

/** Jaccard similarity of character 4-gram sets, whitespace collapsed (the repetition guard's measure). */
function jaccard(a: string, b: string): number {
	const grams = (text: string) => {
		const flat = text.split(/\s+/).join(' ');
		return new Set(
			Array.from({length: Math.max(0, flat.length - 3)}, (_value, index) => flat.slice(index, index + 4)),
		);
	};

	const left = grams(a);
	const right = grams(b);
	const shared = [...left].filter((gram) => right.has(gram)).length;
	return shared / (left.size + right.size - shared);
}

const withoutNext = (text: string) => text.replace(/\n*NEXT:.*$/, '');

/** Write `calls` chunks, each continuing from the previous one's tail. */
async function book(calls: number, options: Parameters<typeof createScriptedTransport>[0] = {}) {
	const transport = createScriptedTransport({charsPerSecond: 0, ...options});
	const texts: string[] = [];
	const anchors: string[] = [];
	for (let call = 1; call <= calls; call++) {
		const anchor = withoutNext(texts.at(-1) ?? '').slice(-300);
		anchors.push(anchor);
		const completion = await transport.complete(call === 1 ? first() : next(anchor));
		texts.push(completion.text);
	}

	return {texts, anchors};
}

describe('scripted transport', () => {
	test('writes Markdown about the subject, with a chapter heading and a NEXT: line, at the length asked', async () => {
		const pieces: string[] = [];
		const completion = await createScriptedTransport({charsPerSecond: 0}).complete(first(4200), {
			onToken: (piece) => pieces.push(piece),
		});
		const {text} = completion;

		expect(text).toMatch(/^# Chapter 1: An Introduction to the History of Tea in Britain\n\n/i);
		expect(text).toMatch(/\n\nNEXT: \[Continue with [^\]]+\]$/);
		expect(text).toContain('history of tea in Britain');
		expect(text.length).toBeGreaterThanOrEqual(4200);
		expect(text.length).toBeLessThan(4200 + 600);
		expect(pieces.join('')).toBe(text);
		expect(pieces.length).toBeGreaterThan(100);
		expect(completion.usage.estimated).toBe(true);
		expect(completion.usage.completionTokens).toBe(Math.ceil(text.length / 4));
		expect(completion.finishReason).toBe('stop');
	});

	test('is deterministic: the same requests in the same order give the same text', async () => {
		const one = await book(8);
		const two = await book(8);
		const other = await book(8, {seed: 'another'});

		expect(two.texts).toEqual(one.texts);
		expect(other.texts[0]).not.toBe(one.texts[0]);
	});

	test('an identical request repeated gets fresh text', async () => {
		const transport = createScriptedTransport({charsPerSecond: 0});
		const request: ChatRequest = {messages: [system, {role: 'user', content: 'Continue.'}]};
		const a = await transport.complete(request);
		const b = await transport.complete(request);
		expect(b.text).not.toBe(a.text);
	});

	test('every 4th call is short and every 7th nearly repeats its anchor; the others do not', async () => {
		const {texts, anchors} = await book(8);
		const lengths = texts.map((text) => text.length);
		const similarity = texts.map((text, index) => jaccard(withoutNext(text), anchors[index] ?? ''));

		for (const [index, length] of lengths.entries()) {
			const call = index + 1;
			if (call === 4 || call === 8) {
				expect(length, `call ${call}`).toBeLessThan(2000 * 0.5);
				expect(length, `call ${call}`).toBeGreaterThan(2000 * 0.3);
			} else if (call === 7) {
				expect(similarity[index], 'the near repeat').toBeGreaterThan(0.6);
			} else {
				expect(length, `call ${call}`).toBeGreaterThanOrEqual(2000);
				expect(similarity[index], `call ${call}`).toBeLessThan(0.25);
			}
		}

		expect(texts[6]).not.toBe(anchors[6]);
		expect(texts[6]).toMatch(/\nNEXT: /);
		console.log(
			`scripted: char-4-gram Jaccard with the anchor: ${similarity.map((value) => value.toFixed(2)).join(', ')}`,
		);
	});

	test('two ordinary chunks share few 4-grams', async () => {
		const {texts} = await book(3, {shortEvery: 0, repeatEvery: 0});
		expect(jaccard(texts[1] ?? '', texts[2] ?? '')).toBeLessThan(0.45);
	});

	test('shortEvery and repeatEvery of 0 turn them off; a micro-extension has no heading', async () => {
		const transport = createScriptedTransport({charsPerSecond: 0, shortEvery: 0, repeatEvery: 0});
		for (let call = 0; call < 8; call++) {
			const {text} = await transport.complete(next('The last words of the chunk so far.'));
			expect(text.length).toBeGreaterThanOrEqual(2000);
		}

		const extension = await transport.complete({
			messages: [
				system,
				{role: 'user', content: 'The chunk is too short: extend it by at least 900 characters.'},
			],
		});
		expect(extension.text).not.toMatch(/^#/);
		expect(extension.text.length).toBeGreaterThanOrEqual(900);
	});

	test('an outline request gets a numbered list', async () => {
		const {text} = await createScriptedTransport({charsPerSecond: 0}).complete({
			messages: [system, {role: 'user', content: 'Give an outline of 6 chapters.'}],
		});
		const lines = text.split('\n');
		expect(lines).toHaveLength(6);
		expect(lines.map((line) => /^(\d+)\. /.exec(line)?.[1])).toEqual(['1', '2', '3', '4', '5', '6']);
	});

	test('derives a subject without a Subject: line', async () => {
		const {text} = await createScriptedTransport({charsPerSecond: 0}).complete({
			messages: [{role: 'user', content: 'Write a short explainer about sourdough fermentation.'}],
		});
		expect(text).toContain('sourdough fermentation');
	});

	test('paces its stream at charsPerSecond', async () => {
		const transport = createScriptedTransport({charsPerSecond: 20_000, shortEvery: 0, repeatEvery: 0});
		const started = performance.now();
		const {text} = await transport.complete(first(4000));
		const elapsed = performance.now() - started;
		const expected = (text.length / 20_000) * 1000;

		expect(elapsed).toBeGreaterThanOrEqual(expected * 0.8);
		expect(elapsed).toBeLessThan(expected * 3 + 100);
	});

	test('honours abort: rejects with AbortError, having streamed only part', async () => {
		const transport = createScriptedTransport({charsPerSecond: 5000});
		const controller = new AbortController();
		let streamed = '';
		const pending = transport.complete(first(4000), {
			signal: controller.signal,
			onToken(piece) {
				streamed += piece;
			},
		});
		setTimeout(() => controller.abort(), 100);

		await expect(pending).rejects.toMatchObject({name: 'AbortError'});
		expect(streamed.length).toBeGreaterThan(0);
		expect(streamed.length).toBeLessThan(4000);
		await expect(transport.complete(first(), {signal: controller.signal})).rejects.toMatchObject({
			name: 'AbortError',
		});
	});

	test('splitPieces keeps every character', () => {
		const text = 'One two\n\nthree  four\n';
		expect(splitPieces(text).join('')).toBe(text);
		expect(splitPieces(text)).toEqual(['One', ' two', '\n\nthree', '  four', '\n']);
	});
});
