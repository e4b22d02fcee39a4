/**
 * What the scripted transport reads from a request:
 * - the subject: a `Subject:`/`Topic:`/`Title:` line, else the bold subject of the base directives
 *   (`on **…**`), else "about …" in the first user message, else its first line;
 * - the terms it writes about: the subject's words, padded with general ones (never the instructions);
 * - the anchor: a `<text_so_far>`/`<chunk_so_far>` or `<<<ANCHOR … ANCHOR>>>` block in the last user
 *   message, else a fenced block, else the last assistant message's tail;
 * - what is asked (a chunk, a micro-extension, an outline) and how long (the largest "N characters",
 *   or "N words" × 6).
 */
import type {ChatMessage, ChatRequest} from './transport.js';

/** What the writer reads from a request. */
export type Reading = {
	subject: string;
	terms: string[];
	anchor?: string;
	kind: 'chunk' | 'extension' | 'outline';
	/** Characters asked for, if the prompt says. */
	chars?: number;
	/** Chapter or section number named in the prompt, if any. */
	number?: number;
	/** Items an outline asks for, if it says. */
	items?: number;
};

const stopWords = new Set(
	`about above after again against almost along already also although always among another anything
	around based because become been before being below between beyond both cannot chapter chapters
	characters chars chunk continue could does doing done down during each either else enough every
	exactly first following from further given have having here however include into itself just keep last
	least length like longer made make many markdown might more most much must never next none nothing
	once only other otherwise ours over part please previous rather really repeat same section sections
	should since some something still such summary than that their them then there these they thing this
	those though through under until upon very want were what when where whether which while whole will
	with within without word words would write writing written your anchor text reintroduce heading
	headings prose style reader readers subject topic title book books flowing long-form markdown
	the and for but not you are was has had its our who how why`.split(/\s+/),
);

function lines(messages: readonly ChatMessage[], role: ChatMessage['role']): string[] {
	return messages.filter((message) => message.role === role).map((message) => message.content);
}

function findAnchor(last: string, messages: readonly ChatMessage[]): string | undefined {
	const marked =
		/<(?:text|chunk)_so_far>\s*\n?([\s\S]*?)\n?\s*<\/(?:text|chunk)_so_far>/.exec(last) ??
		/<<<ANCHOR\s*\n([\s\S]*?)\n?\s*ANCHOR>>>/.exec(last);
	const fenced = /```[^\n]*\n([\s\S]*?)```/.exec(last);
	const assistant = lines(messages, 'assistant').at(-1)?.slice(-400);
	const anchor = (marked?.[1] ?? fenced?.[1] ?? assistant)?.replaceAll(/^NEXT:.*$/gm, '').trim();
	return anchor || undefined;
}

function findSubject(messages: readonly ChatMessage[]): string {
	const all = messages.map((message) => message.content).join('\n');
	const firstUser = lines(messages, 'user')[0] ?? '';
	const system = lines(messages, 'system').join('\n');
	const raw =
		/^[\s>*_#-]*(?:subject|topic|title)\s*[:=]\s*(.+)$/im.exec(all)?.[1] ??
		// The bundled base directives name the subject in bold: "a long-form explainer on **X**".
		/\bon \*\*([^*\n]{3,200})\*\*/.exec(system)?.[1] ??
		/\babout\s+([^.\n]{3,})/i.exec(firstUser)?.[1] ??
		firstUser.split('\n').find((line) => line.trim() !== '') ??
		'';
	const cleaned = raw
		.replaceAll(/[*_`"#]/g, '')
		.trim()
		.replace(/[.:;!?]+$/, '');
	const short = cleaned.length > 80 ? cleaned.slice(0, 80).replace(/\s+\S*$/, '') : cleaned;
	return short || 'the subject';
}

/** The subject's words (instructions in the prompts are not the topic), padded with general ones. */
function findTerms(subject: string): string[] {
	const counts = new Map<string, number>();
	const count = (word: string, minimum: number, weight: number) => {
		const term = word.toLowerCase().replaceAll(/^-+|-+$/g, '');
		if (term.length >= minimum && !stopWords.has(term)) {
			counts.set(term, (counts.get(term) ?? 0) + weight);
		}
	};

	// The subject's own words lead, short ones included ("tea", "war"); names keep their capital.
	const names = new Map<string, string>();
	for (const [index, word] of subject.split(/[^A-Za-z-]+/).entries()) {
		count(word, 3, 100);
		if (index > 0 && /^[A-Z][a-z]/.test(word)) {
			names.set(word.toLowerCase(), word);
		}
	}

	const terms = [...counts]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([term]) => names.get(term) ?? term);
	const padding = ['method', 'history', 'practice', 'evidence', 'context', 'structure'];
	return [...terms.slice(0, 12), ...padding.filter((term) => !terms.includes(term))].slice(
		0,
		Math.max(6, Math.min(12, terms.length)),
	);
}

function parseCount(text: string, pattern: RegExp): number | undefined {
	const counts = [...text.matchAll(pattern)].map((match) => Number((match[1] ?? '').replaceAll(/[,_]/g, '')));
	const valid = counts.filter((count) => Number.isFinite(count) && count > 0);
	return valid.length > 0 ? Math.max(...valid) : undefined;
}

/** Read a request; never throws (a request with no user message reads as a chunk about "the subject"). */
export function read(request: ChatRequest): Reading {
	const {messages} = request;
	const last = lines(messages, 'user').at(-1) ?? '';
	const anchor = findAnchor(last, messages);
	const subject = findSubject(messages);
	const chars = parseCount(last, /(\d[\d,_]*)\s*(?:characters|chars)\b/gi);
	const words = parseCount(last, /(\d[\d,_]*)\s*words\b/gi);
	const kind = /\boutline\b/i.test(last)
		? 'outline'
		: /\b(?:extend|expand|lengthen|elaborate|too short|add more|micro-?extension)/i.test(last)
			? 'extension'
			: 'chunk';
	return {
		subject,
		terms: findTerms(subject),
		anchor,
		kind,
		chars: chars ?? (words === undefined ? undefined : words * 6),
		number: parseCount(last, /\b(?:chapter|chunk|part)\s+(\d+)/gi),
		items: parseCount(last, /(\d+)\s*(?:sections|chapters|items|parts)\b/gi),
	};
}
