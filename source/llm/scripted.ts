/**
 * The `scripted` transport: an offline, deterministic writer for demos and tests. It never touches the
 * network. From the request's messages it takes the subject (a `Subject:`/`Topic:`/`Title:` line, else
 * "about …" or the first line of the first user message), the terms of the prompts and the anchor (a
 * `<<<ANCHOR … ANCHOR>>>` block, else a fenced block, else the last assistant message's tail), and writes
 * Markdown prose about them: a `# Chapter N: …` heading (not for a micro-extension), paragraphs from
 * sentence fragments, and a final `NEXT: [Continue with …]` line. An outline request gets a numbered list.
 *
 * Length: the largest "N characters" (or "N words" × 6) in the last user message, else 3000 characters
 * (1200 for an extension). Every `shortEvery`-th call for a subject is ~40% of that, so micro-extension
 * runs; every `repeatEvery`-th chunk request nearly repeats the anchor (or this transport's previous text for the
 * subject), so the repetition guard fires. Text is a function of the seed, the messages and how many
 * times this very request was made before, so a fresh instance given the same requests in the same order
 * writes the same text, and an identical request repeated gets fresh text.
 */
import {createHash} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {
	AbortError,
	estimatePromptTokens,
	estimateTokens,
	isAbortError,
	throwIfAborted,
	type ChatRequest,
	type Completion,
	type StreamOptions,
	type Transport,
} from './transport.js';
import {chapterTitle, createVoice, nextHint, outlineLine, paragraph} from './scripted-prose.js';
import {read, type Reading} from './scripted-reading.js';

/** Settings of the scripted transport; all optional. */
export type ScriptedTransportOptions = {
	/** Default `scripted`. */
	readonly name?: string;
	/** Streaming speed in characters per second (default 2000); 0 writes everything at once. */
	readonly charsPerSecond?: number;
	/** Mixed into every text's seed (default `xsarena`): another seed, other text. */
	readonly seed?: string;
	/** Every n-th call for a subject is short (~40% of the target); default 4, 0 = never. */
	readonly shortEvery?: number;
	/** Every n-th call for a subject nearly repeats its anchor; default 7, 0 = never. Wins over short. */
	readonly repeatEvery?: number;
};

/** Defaults of {@link ScriptedTransportOptions}. */
export const scriptedDefaults = {
	charsPerSecond: 2000,
	seed: 'xsarena',
	shortEvery: 4,
	repeatEvery: 7,
} as const;

/** Target length without a length in the prompt, in characters: a chunk, an extension. */
const defaultChars = {chunk: 3000, extension: 1200};
/** Fraction of the target a short chunk gets. */
const shortFraction = 0.4;
/** The pacing sleeps only once it is this far ahead of schedule, in ms: pieces go out in small batches. */
const pacingSliceMs = 15;
/** Entries kept in the per-subject and per-request tables before they are cleared (bounded memory). */
const maxTableEntries = 10_000;

/** A deterministic generator of numbers in [0, 1): sfc32 (Doty-Humphrey, PractRand), seeded from sha256. */
export function seededRandom(seed: string): () => number {
	const digest = createHash('sha256').update(seed).digest();
	let a = digest.readUInt32LE(0);
	let b = digest.readUInt32LE(4);
	let c = digest.readUInt32LE(8);
	let d = digest.readUInt32LE(12);
	return () => {
		const t = (((a + b) | 0) + d + 1) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (((c << 21) | (c >>> 11)) + t) | 0;
		return (t >>> 0) / 4_294_967_296;
	};
}

/**
 * `text` with about one word in forty dropped: a near repeat, for the repetition guard (word
 * 3-gram Jaccard against the original ≈ 0.87, above the default threshold of 0.8).
 */
function nearRepeat(text: string, random: () => number): string {
	const pieces = splitPieces(text);
	const offset = Math.floor(random() * 40);
	// A piece that starts a line keeps its line break: dropping it would glue a heading to its paragraph.
	return pieces
		.filter((piece, index) => index === 0 || piece.includes('\n') || (index + offset) % 40 !== 0)
		.join('');
}

/** Split text into pieces that each start with their whitespace; joined, they are the text again. */
export function splitPieces(text: string): string[] {
	return text.split(/(?<=\S)(?=\s)/);
}

/** Write the text for one call. */
function compose(
	reading: Reading,
	random: () => number,
	call: {short: boolean; repeatOf?: string; chapter: number},
): string {
	const {subject} = reading;
	const voice = createVoice(reading.terms, random);
	const hint = `NEXT: [Continue with ${nextHint(voice, random)}]`;
	if (call.repeatOf !== undefined) {
		return `${nearRepeat(call.repeatOf, random)}\n\n${hint}`;
	}

	if (reading.kind === 'outline') {
		const items = Math.min(reading.items ?? 5, 100);
		return Array.from({length: items}, (_item, index) => outlineLine(index + 1, subject, voice, random)).join(
			'\n',
		);
	}

	// A little over what was asked, as models do, so a full chunk needs no extension.
	const target = Math.round(
		(reading.chars ?? defaultChars[reading.kind]) * (call.short ? shortFraction : 1.05),
	);
	let text =
		reading.kind === 'chunk'
			? `# Chapter ${call.chapter}: ${chapterTitle(call.chapter, subject, voice, random)}\n\n`
			: '';
	let paragraphs = 0;
	while (text.length + hint.length + 2 < target) {
		if (paragraphs > 0 && paragraphs % 4 === 0) {
			text += `## ${chapterTitle(call.chapter + paragraphs, subject, voice, random)}\n\n`;
		}

		text += `${paragraph(subject, voice, random, target - text.length - hint.length)}\n\n`;
		paragraphs += 1;
	}

	return `${text}${hint}`;
}

function remember<K, V>(table: Map<K, V>, key: K, value: V): void {
	if (table.size >= maxTableEntries) {
		table.clear();
	}

	table.set(key, value);
}

/** Create the scripted transport. */
export function createScriptedTransport(options: ScriptedTransportOptions = {}): Transport {
	const name = options.name ?? 'scripted';
	const charsPerSecond = options.charsPerSecond ?? scriptedDefaults.charsPerSecond;
	const seed = options.seed ?? scriptedDefaults.seed;
	const shortEvery = options.shortEvery ?? scriptedDefaults.shortEvery;
	const repeatEvery = options.repeatEvery ?? scriptedDefaults.repeatEvery;
	if (!(charsPerSecond >= 0)) {
		throw new RangeError(`charsPerSecond must be 0 or more, not ${charsPerSecond}`);
	}

	/** Per subject: calls so far, chapters written, the last text. */
	const subjects = new Map<string, {calls: number; chapters: number; last?: string}>();
	/** Per request digest: how many times it was made. */
	const seen = new Map<string, number>();

	async function complete(request: ChatRequest, streamOptions: StreamOptions = {}): Promise<Completion> {
		const {signal, onToken} = streamOptions;
		throwIfAborted(signal);
		const reading = read(request);
		const digest = createHash('sha256').update(JSON.stringify(request.messages)).digest('hex');
		const occurrence = seen.get(digest) ?? 0;
		remember(seen, digest, occurrence + 1);
		const key = reading.subject.toLowerCase();
		const history = subjects.get(key) ?? {calls: 0, chapters: 0};
		const calls = history.calls + 1;
		const chapters = history.chapters + (reading.kind === 'chunk' ? 1 : 0);
		// Every repeatEvery-th chunk (not extension) restates its anchor: that is what the guard looks for.
		const repeating = repeatEvery > 0 && reading.kind === 'chunk' && chapters % repeatEvery === 0;
		const repeatOf = repeating ? (reading.anchor ?? history.last?.slice(-400)) : undefined;
		const random = seededRandom(`${seed}\n${occurrence}\n${digest}`);
		const text = compose(reading, random, {
			short: shortEvery > 0 && calls % shortEvery === 0,
			repeatOf,
			chapter: reading.number ?? chapters,
		});
		remember(subjects, key, {calls, chapters, last: text.replace(/\n*NEXT:.*$/, '')});

		await stream(text, charsPerSecond, signal, onToken);
		return {
			text,
			model: name,
			finishReason: 'stop',
			usage: {
				promptTokens: estimatePromptTokens(request.messages),
				completionTokens: estimateTokens(text),
				estimated: true,
			},
		};
	}

	return {name, complete};
}

/** Give `text` to `onToken` piece by piece at `charsPerSecond` (0: at once). */
async function stream(
	text: string,
	charsPerSecond: number,
	signal: AbortSignal | undefined,
	onToken: ((text: string) => void) | undefined,
): Promise<void> {
	const start = performance.now();
	let sent = 0;
	for (const piece of splitPieces(text)) {
		if (charsPerSecond > 0) {
			const ahead = start + (sent / charsPerSecond) * 1000 - performance.now();
			if (ahead >= pacingSliceMs) {
				try {
					await sleep(ahead, undefined, {signal});
				} catch (error) {
					throw isAbortError(error) ? new AbortError(undefined, {cause: signal?.reason}) : error;
				}
			}
		}

		throwIfAborted(signal);
		onToken?.(piece);
		sent += piece.length;
	}
}
