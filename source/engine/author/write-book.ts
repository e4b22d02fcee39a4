/**
 * The chunk loop of an author job: from the last completed chunk + 1 to the last, ask the model for a
 * chunk (from the anchor and the direction), top it up to the minimum (micro-extension), guard against
 * repetition, append it to the book with an fsync, then record `chunk.completed`. The rules are core's
 * (`core/authoring/`); this file sequences them and does the I/O.
 */
import {
	anchorFrom,
	chooseDirection,
	chunkMessages,
	extendMessages,
	extensionStep,
	joinChunk,
	moveOnMessages,
	outlineMessages,
	parseOutline,
	repetitionStep,
	similarity,
	splitNextHint,
	draft,
	type AuthorProgress,
	type AuthorSpec,
	type ChunkRequest,
	type Draft,
	type PromptMessage,
	type RoleGuides,
} from '../../core/index.js';
import type {Completion, Transport} from '../../llm/transport.js';
import {appendChunk, readTail} from './book-file.js';
import type {AuthorPane} from './author-pane.js';
import {NextLineFilter} from './next-line-filter.js';

/** How the loop ended. */
export type BookEnd =
	| {readonly kind: 'finished'}
	/** The signal aborted (cancel, pause, engine stop): what was completed stays. */
	| {readonly kind: 'stopped'}
	/** The repetition guard paused the job (`repetitionAction: pause`), or a budget ran out. */
	| {readonly kind: 'paused'; readonly reason: string};

/** What the loop needs. */
export type BookContext = {
	readonly spec: AuthorSpec;
	readonly transport: Transport;
	readonly system: string;
	readonly roles: RoleGuides;
	/** The book file, already cut back to the last commit point. */
	readonly file: string;
	readonly pane: AuthorPane;
	readonly run: number;
	readonly signal: AbortSignal;
	/** The job's progress as the store has it now (hints queued meanwhile included). */
	progress(): AuthorProgress;
	/** Append events for the job (under its lock); resolves once they are in the log. */
	record(drafts: Draft[]): Promise<void>;
	/** Dollars for a completion's usage, by the transport's price. */
	price(completion: Completion): number;
	/** Why no more should be spent (a board or job budget is exhausted), checked before each chunk. */
	overBudget(): string | undefined;
	/** Ask the transport, retrying what may heal; throws what does not (and a breaker that is open). */
	ask(messages: readonly PromptMessage[], onToken: (text: string) => void): Promise<Completion>;
};

/** Characters of recent text the repetition guard compares a new chunk with. */
function recentWindow(spec: AuthorSpec): number {
	// Twice the anchor, so `anchorFrom` has room to start it at a sentence boundary.
	return Math.max(spec.anchorChars * 2, spec.minChars * 2, 4000);
}

/**
 * Write the rest of the book.
 *
 * @throws whatever `ask` throws (a transport that failed for good), and file-system errors.
 */
export async function writeBook(context: BookContext): Promise<BookEnd> {
	const {spec, pane} = context;
	await ensureOutline(context);
	for (let n = context.progress().chunks + 1; n <= spec.chunks; n++) {
		if (context.signal.aborted) {
			return {kind: 'stopped'};
		}

		const spent = context.overBudget();
		if (spent !== undefined) {
			// Budgets stop work: the book waits (blocked) until a person raises the limit and resumes it.
			return {kind: 'paused', reason: `paused before chunk ${n}: ${spent}`};
		}

		const progress = context.progress();
		const endOffset = progress.endOffset;
		const tail = endOffset === 0 ? '' : readTail(context.file, endOffset, recentWindow(spec));
		const hints = progress.hints;
		const request: ChunkRequest = {
			n,
			anchor: spec.continuation === 'anchor' ? anchorFrom(tail, spec.anchorChars) : '',
			direction: chooseDirection({
				personHint: hints.length > 0 ? hints.map((hint) => hint.text).join('\n') : undefined,
				modelNext: progress.next,
				planSection: progress.outline?.[n - 1],
			}),
			section: progress.outline?.[n - 1],
		};
		pane.note(
			`── chunk ${n} of ${spec.chunks}${request.direction ? `: ${oneLine(request.direction)}` : ''} ──`,
		);
		let written = await writeChunk(context, chunkMessages(context.system, context.roles, spec, request));
		// What the chunk is checked against: the anchor it was shown, else an anchor-sized tail.
		const reference = request.anchor || tail.slice(-Math.max(spec.anchorChars, 1200));
		let similar = repeats(written.body, reference);
		let retried = false;
		for (;;) {
			const step = repetitionStep({
				similarity: similar,
				threshold: spec.repetitionThreshold,
				retried,
				action: spec.repetitionAction,
			});
			if (step === 'accept') {
				break;
			}

			if (step === 'retry') {
				await context.record([
					draft('chunk.repetition', {run: context.run, n, similarity: similar, action: 'retried'}),
				]);
				pane.note(`── chunk ${n} repeats recent text (${similar.toFixed(2)}); asking to move on ──`);
				const again = await writeChunk(context, moveOnMessages(context.system, context.roles, spec, request));
				written = {...again, tokens: again.tokens + written.tokens, usd: again.usd + written.usd};
				similar = repeats(written.body, reference);
				retried = true;
				continue;
			}

			const action = step === 'record-and-pause' ? 'paused' : 'continued';
			await context.record([draft('chunk.repetition', {run: context.run, n, similarity: similar, action})]);
			if (action === 'paused') {
				return {
					kind: 'paused',
					reason: `paused: chunk ${n} repeats recent text (similarity ${similar.toFixed(2)})`,
				};
			}

			break;
		}

		if (context.signal.aborted) {
			return {kind: 'stopped'};
		}

		const size = appendChunk(context.file, joinChunk(tail, written.body));
		await context.record([
			draft('chunk.completed', {
				run: context.run,
				n,
				chars: written.body.length,
				tokens: written.tokens,
				endOffset: size,
				next: written.next,
				hints: hints.length > 0 ? hints.map((hint) => hint.id) : undefined,
				estimated: written.estimated || undefined,
			}),
			...(written.tokens > 0 || written.usd > 0
				? [draft('job.cost', {tokens: written.tokens, usd: written.usd})]
				: []),
		]);
	}

	return {kind: 'finished'};
}

/**
 * How much a new chunk repeats the text before it: the Jaccard similarity of word 3-grams between the
 * chunk's opening and `reference` (the end of the text so far), in windows of equal size. A model that
 * loops restates what it was just shown, so the opening is where it shows; equal windows keep the
 * measure able to reach 1 (Jaccard is bounded by the ratio of the sizes).
 */
function repeats(body: string, reference: string): number {
	const window = Math.min(reference.length, body.length);
	return window === 0 ? 0 : similarity(body.slice(0, window), reference.slice(-window));
}

/** A chunk as accepted: its text (without `NEXT:` lines), the model's hint, and what it cost. */
type Written = {
	readonly body: string;
	readonly next?: string;
	readonly tokens: number;
	readonly usd: number;
	readonly estimated: boolean;
};

/** Ask for one chunk, then top it up while it is short and passes are left. */
async function writeChunk(context: BookContext, asked: readonly PromptMessage[]): Promise<Written> {
	const {spec, pane} = context;
	let tokens = 0;
	let usd = 0;
	let estimated = false;
	const stream = async (messages: readonly PromptMessage[]) => {
		const filter = new NextLineFilter((text) => pane.text(text));
		const completion = await context.ask(messages, (token) => filter.push(token));
		filter.end();
		tokens += completion.usage.promptTokens + completion.usage.completionTokens;
		usd += context.price(completion);
		estimated ||= completion.usage.estimated;
		return splitNextHint(completion.text);
	};

	const first = await stream(asked);
	let body = first.body;
	let next = first.next;
	let added = body.length;
	for (let passes = 0; ; passes++) {
		const step = extensionStep({
			chunkChars: body.length,
			minChars: spec.minChars,
			passesUsed: passes,
			passes: spec.passes,
			lastAddedChars: added,
			stallChars: spec.stallChars,
		});
		if (step !== 'extend' || context.signal.aborted) {
			break;
		}

		pane.note(`── extending: ${body.length} of ${spec.minChars} characters ──`);
		const more = await stream(extendMessages(asked, context.roles, spec, body, spec.minChars - body.length));
		const piece = more.body.trim();
		added = piece.length;
		if (piece !== '') {
			body = `${body.trimEnd()}\n\n${piece}`;
		}

		next = more.next ?? next;
	}

	pane.text('\n');
	if (body.trim() === '') {
		throw new Error('the model returned an empty chunk');
	}

	return {body, next, tokens, usd, estimated};
}

/** With `--plan` and no outline yet: ask for one and record it. */
async function ensureOutline(context: BookContext): Promise<void> {
	const {spec, pane} = context;
	if (!spec.plan || context.progress().outline !== undefined || context.signal.aborted) {
		return;
	}

	pane.note(`── asking for an outline of ${spec.chunks} sections ──`);
	const completion = await context.ask(outlineMessages(context.system, context.roles, spec), (token) =>
		pane.text(token),
	);
	pane.text('\n');
	const sections = parseOutline(splitNextHint(completion.text).body, spec.chunks);
	const usd = context.price(completion);
	const tokens = completion.usage.promptTokens + completion.usage.completionTokens;
	if (sections.length === 0) {
		pane.note('── the answer held no outline; writing without one ──');
	}

	await context.record([
		// An outline-less answer is recorded as a one-line outline, so the next run does not ask again.
		draft('author.outlined', {sections: sections.length > 0 ? sections : [spec.subject]}),
		...(tokens > 0 || usd > 0 ? [draft('job.cost', {tokens, usd})] : []),
	]);
}

function oneLine(text: string): string {
	const line = text.replaceAll(/\s+/g, ' ').trim();
	return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
