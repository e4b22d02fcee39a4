/**
 * What a run's `DONE` file must hold before the Ralph loop accepts the job as finished.
 *
 * The loop restarts an agent until it writes an acceptable `DONE`, so the check must be hard to satisfy
 * by accident or by a lazy agent: a real summary, and each acceptance criterion named and ticked.
 * The format, by contract:
 * - `exists`: any file, even empty.
 * - `summary`: a JSON object `{"summary": string}`; the summary has at least
 *   {@link minSummaryCharacters} non-space characters and is no placeholder (`done`, `TODO`, `<summary>`).
 * - `criteria`: as `summary`, plus `"criteria": [{"text": string, "done": boolean}, …]` in which every
 *   acceptance criterion of the job appears (text compared trimmed, whitespace collapsed,
 *   case-insensitive) with `done: true`. Extra criteria are fine; a job without criteria needs none.
 * A UTF-8 byte-order mark at the start is ignored. Other fields are allowed and ignored.
 */
import type {DoneContract} from './supervision.js';

/** The verdict on a DONE file: accepted (with its summary, for display) or refused with one line saying why. */
export type DoneVerdict =
	{readonly ok: true; readonly summary?: string} | {readonly ok: false; readonly problem: string};

/** Longest DONE content checked, in characters (1 MiB); a larger file is refused, not cut (cut JSON reads as broken). */
export const maxDoneCharacters = 1_048_576;

/** Fewest non-space characters in a summary: enough for "Fixed parse" and not for "done". */
export const minSummaryCharacters = 10;

/** Longest summary kept in a verdict for display, in characters. */
const maxSummaryShown = 500;

/**
 * Judge the content of a run's DONE file (`undefined` = no file) against the contract.
 * `acceptance` is the job's acceptance criteria (`Job.acceptance`); blank ones are skipped.
 * Under `exists` the summary, when there is one, is the JSON `summary` or else the first non-empty line.
 */
export function checkDone(
	content: string | undefined,
	contract: DoneContract,
	acceptance: readonly string[],
): DoneVerdict {
	if (content === undefined) {
		return refuse('there is no DONE file');
	}

	const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
	if (contract === 'exists') {
		const shown = looseSummary(text.slice(0, maxDoneCharacters));
		return shown === undefined ? {ok: true} : {ok: true, summary: shown};
	}

	const object = readObject(text);
	if (!object.ok) {
		return object;
	}

	const summary = checkSummary(object.value['summary']);
	if (!summary.ok) {
		return summary;
	}

	const required = acceptance.map((criterion) => criterion.trim()).filter((criterion) => criterion !== '');
	if (contract === 'summary' || required.length === 0) {
		return summary;
	}

	const problem = checkCriteria(object.value['criteria'], required);
	return problem === undefined ? summary : refuse(problem);
}

/**
 * An example DONE file that satisfies the contract for these criteria (shown to agents in docs/prompts).
 * Pretty-printed JSON with a trailing newline; under `exists` it shows the `summary` form, which also
 * satisfies `exists` and is more use to a reader.
 */
export function exampleDone(contract: DoneContract, acceptance: readonly string[]): string {
	const summary = 'What you changed, how you checked it, and anything left undone.';
	const criteria = acceptance.map((text) => text.trim()).filter((text) => text !== '');
	const body =
		contract === 'criteria' && criteria.length > 0
			? {summary, criteria: criteria.map((text) => ({text, done: true}))}
			: {summary};
	return `${JSON.stringify(body, null, '\t')}\n`;
}

type Refusal = {readonly ok: false; readonly problem: string};

const refuse = (problem: string): Refusal => ({ok: false, problem});

function readObject(text: string): {ok: true; value: Record<string, unknown>} | Refusal {
	if (text.length > maxDoneCharacters) {
		return refuse(`DONE is larger than 1 MiB (${text.length} characters); write a short JSON object`);
	}

	if (text.trim() === '') {
		return refuse('DONE is empty; write a JSON object with a "summary"');
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return refuse(`DONE is not JSON: ${firstLine(error instanceof Error ? error.message : String(error))}`);
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return refuse(`DONE is not a JSON object (it is ${kind(value)})`);
	}

	return {ok: true, value: value as Record<string, unknown>};
}

function checkSummary(value: unknown): {ok: true; summary: string} | Refusal {
	if (value === undefined || value === null) {
		return refuse('DONE lacks a summary');
	}

	if (typeof value !== 'string') {
		return refuse(`DONE summary is not a string (it is ${kind(value)})`);
	}

	const summary = value.trim();
	const characters = summary.replaceAll(/\s/g, '').length;
	if (characters === 0) {
		return refuse('DONE lacks a summary (it is blank)');
	}

	if (isPlaceholder(summary)) {
		return refuse(
			`DONE summary is a placeholder (${quote(summary)}); say what changed and how it was checked`,
		);
	}

	if (characters < minSummaryCharacters) {
		return refuse(
			`DONE summary is too short (${characters} non-space characters, at least ${minSummaryCharacters})`,
		);
	}

	return {ok: true, summary: clip(summary, maxSummaryShown)};
}

/** Summaries that say nothing, compared after {@link normalizeWords}. */
const placeholders = new Set([
	'done',
	'todo',
	'tbd',
	'tba',
	'na',
	'n a',
	'none',
	'nothing',
	'ok',
	'okay',
	'wip',
	'fixme',
	'finished',
	'complete',
	'completed',
	'summary',
	'placeholder',
	'all done',
	'task done',
	'task complete',
	'task completed',
	'job done',
	'work done',
	'work complete',
	'it works',
	'see above',
	'see below',
	'summary here',
	'your summary',
	'your summary here',
	'summary goes here',
	'insert summary',
	'insert summary here',
	'write a summary',
	'write summary here',
	'add summary',
	'fill in',
	'fill me in',
	'lorem ipsum',
]);

/**
 * A placeholder: a known empty phrase, a `TODO`/`TBD`/`FIXME` lead, a template slot wrapping the whole
 * text (`<…>`, `{{…}}`, `[…]`), lorem ipsum, or fewer than three distinct characters (`..........`, `xxxxxxxxxx`).
 */
function isPlaceholder(summary: string): boolean {
	const words = normalizeWords(summary);
	return (
		placeholders.has(words) ||
		/^(?:todo|tbd|fixme)\b/.test(words) ||
		/^(?:<[^<>]*>|\{\{.*\}\}|\[[^[\]]*\])$/s.test(summary) ||
		words.includes('lorem ipsum') ||
		new Set(summary.replaceAll(/\s/g, '').toLowerCase()).size < 3
	);
}

/** Lowercase letters and digits only, one space between words: `"Done!"` → `done`. */
function normalizeWords(text: string): string {
	return text
		.toLowerCase()
		.replaceAll(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Criterion text as compared: NFC, trimmed, inner whitespace collapsed, lowercase. */
function criterionKey(text: string): string {
	return text.normalize('NFC').trim().replaceAll(/\s+/g, ' ').toLowerCase();
}

/** The problem with the criteria list, or undefined when every required criterion is ticked. */
function checkCriteria(value: unknown, required: readonly string[]): string | undefined {
	if (value === undefined || value === null) {
		return 'DONE lacks criteria (a list of {"text": …, "done": true}, one per acceptance criterion)';
	}

	if (!Array.isArray(value)) {
		return `DONE criteria is not an array (it is ${kind(value)})`;
	}

	// Every entry that names a criterion votes; one `done: false` among duplicates unticks it.
	const ticked = new Map<string, boolean>();
	for (const [index, entry] of (value as unknown[]).entries()) {
		const item = entry as {text?: unknown; done?: unknown} | null;
		if (
			typeof item !== 'object' ||
			item === null ||
			typeof item.text !== 'string' ||
			typeof item.done !== 'boolean'
		) {
			return `DONE criteria[${index}] is not {"text": string, "done": true|false}`;
		}

		const key = criterionKey(item.text);
		ticked.set(key, (ticked.get(key) ?? true) && item.done);
	}

	const failures = required.flatMap((criterion) => {
		const state = ticked.get(criterionKey(criterion));
		return state === true
			? []
			: [`criterion ${quote(criterion)} ${state === undefined ? 'is missing' : 'is not ticked'}`];
	});
	if (failures.length === 0) {
		return undefined;
	}

	const more = failures.length - 1;
	return more === 0
		? failures[0]
		: `${failures[0]} (and ${more} more ${more === 1 ? 'criterion' : 'criteria'} missing or not ticked)`;
}

/** Under `exists`: the JSON `summary` of a JSON file, else the first non-empty line of the text. */
function looseSummary(text: string): string | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
		return line === undefined ? undefined : clip(line.trim(), maxSummaryShown);
	}

	const summary = (value as {summary?: unknown} | null)?.summary;
	return typeof summary === 'string' && summary.trim() !== ''
		? clip(summary.trim(), maxSummaryShown)
		: undefined;
}

function kind(value: unknown): string {
	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'an array';
	}

	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A criterion or summary for a one-line message: JSON-quoted (newlines escaped), at most 80 characters. */
function quote(text: string): string {
	return JSON.stringify(clip(text, 80));
}

function clip(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function firstLine(text: string): string {
	return text.split('\n', 1)[0] ?? text;
}
