/**
 * The scripted transport's prose: sentences assembled from short fragments (an opener, a subject phrase,
 * a verb, an object phrase, a closer) filled with the subject and the prompt's terms. Fragments are a few
 * words with a slot between them, and each call writes with its own {@link Voice} (a random part of every
 * pool), so two chunks share few word n-grams and the repetition guard stays quiet unless the transport
 * repeats on purpose.
 */

/** A random pick from `items` (never empty). */
function pick<T>(random: () => number, items: readonly T[]): T {
	const item = items[Math.floor(random() * items.length)];
	if (item === undefined) {
		throw new RangeError('pick from an empty list');
	}

	return item;
}

/** A random pick from `items` other than `not`, when there is another. */
function pickOther<T>(random: () => number, items: readonly T[], not: T): T {
	const others = items.filter((item) => item !== not);
	return pick(random, others.length > 0 ? others : items);
}

/** Items of a `|`-separated list, trimmed (an empty item is kept: "no fragment here"). */
function list(text: string): string[] {
	return text.split('|').map((item) => item.replaceAll(/\s+/g, ' ').trim());
}

const adjectives =
	list(`practical|subtle|recurring|overlooked|central|early|modern|local|formal|informal|hidden|
	visible|durable|fragile|careful|rough|patient|uneven|quiet|decisive|familiar|unusual|shared|contested|gradual|
	sudden|narrow|broad|measured|stubborn|ordinary|surprising|long-run|short-term|implicit|explicit|slow|costly|cheap|
	honest|regional|seasonal|domestic|public|private|technical|political|economic|social|material|written|spoken|
	inherited|borrowed|improvised|deliberate|accidental|lasting|passing|popular|specialist|tacit|documented`);
const openers = list(`|||In practice,|Historically,|At its core,|Seen from a distance,|For a newcomer,|
	In most accounts,|Put simply,|On closer inspection,|By contrast,|Over time,|In the field,|For practitioners,|
	Not surprisingly,|Taken together,|At first glance,|Sooner or later,|In the long run,|Curiously,|As a rule,|
	Here again,|Step by step,|Even so,|For all that,|In hindsight,|Until recently,|More often than not,|Oddly enough,|
	In the archives,|On the ground,|Year after year,|Within a generation,|Strictly speaking,|Broadly,|Above all,`);
const verbs =
	list(`depends on|shapes|draws on|runs up against|sheds light on|is bound up with|rewards attention to|
	turns on|complicates|clarifies|borrows from|reframes|leans on|pushes against|grows out of|gives weight to|tests|
	exposes|hinges on|quietly changes|makes room for|sits beside|explains|follows from|competes with|outlasts|
	undercuts|feeds into|keeps pace with|anticipates|echoes|softens|sharpens|blurs|survives|absorbs|redirects|
	unsettles|mirrors|tracks`);
const closers =
	list(`||| in ways that are easy to miss| more than most summaries admit| long before anyone wrote it down|
	, which is where the details matter| for reasons worth spelling out|, at least in the cases that count|
	 once the numbers are in| when the stakes rise|, as the examples below show| from one decade to the next|
	 whenever the method changes| if we look at who does the work|, and not only on paper| in the small print|
	 across town and country| in good years and bad|, though rarely on purpose| by the end of the period|
	, sometimes against its own interest| within living memory| once trade picks up| under pressure`).map(
		(closer) => (closer === '' || closer.startsWith(',') ? closer : ` ${closer}`),
	);
const subjectPhrases: ReadonlyArray<(subject: string, term: string, adjective: string) => string> = [
	(subject) => subject,
	(_subject, term) => `the study of ${term}`,
	(_subject, term) => term,
	(_subject, term) => `the question of ${term}`,
	(subject) => `every account of ${subject}`,
	(_subject, term, adjective) => `${adjective} ${term}`,
	(_subject, term) => `what we call ${term}`,
	(_subject, term) => `a good grasp of ${term}`,
	(_subject, term, adjective) => `the ${adjective} story of ${term}`,
	(_subject, term) => `talk of ${term}`,
	(_subject, term, adjective) => `any ${adjective} reading of ${term}`,
];
const objectPhrases: ReadonlyArray<(term: string, other: string, adjective: string) => string> = [
	(term, _other, adjective) => `the ${adjective} side of ${term}`,
	(term, other) => `${term} and ${other}`,
	(term, _other, adjective) => `a ${adjective} sense of ${term}`,
	(term) => `how ${term} is taught`,
	(term, other) => `the link between ${term} and ${other}`,
	(term, _other, adjective) => `${adjective} habits around ${term}`,
	(term) => `the limits of ${term}`,
	(term, other) => `${other} more than ${term}`,
	(term, _other, adjective) => `the ${adjective} record of ${term}`,
	(term, other, adjective) => `${adjective} ${term} among ${other}`,
	(term) => `whatever counts as ${term}`,
	(term, other) => `the cost of ${term} for ${other}`,
];
const examples: ReadonlyArray<(term: string, other: string) => string> = [
	(term, other) => `A small example makes the point: change ${term} and watch what happens to ${other}.`,
	(term) => `Consider a reader meeting ${term} for the first time.`,
	(term, other) => `One test is simple: ask whether ${term} would survive without ${other}.`,
	(term) => `The usual mistake is to treat ${term} as settled.`,
	(term, other) => `Notice how often ${other} turns up wherever ${term} is discussed.`,
	(term, other) => `Take ${term} away and ${other} looks very different.`,
	(term) => `Few sources say so outright, but ${term} was never simple.`,
];

/** The part of every pool one call writes with; see the module comment. */
export type Voice = {
	readonly adjectives: readonly string[];
	readonly openers: readonly string[];
	readonly verbs: readonly string[];
	readonly closers: readonly string[];
	readonly subjectPhrases: typeof subjectPhrases;
	readonly objectPhrases: typeof objectPhrases;
	readonly examples: typeof examples;
	readonly terms: readonly string[];
};

/** A random `fraction` of `items` (at least two). */
function some<T>(items: readonly T[], fraction: number, random: () => number): T[] {
	const chosen = items.filter(() => random() < fraction);
	return chosen.length >= 2 ? chosen : [...items];
}

/** A voice for one call: about 40% of each pool, and of the terms beyond the first two (the subject's). */
export function createVoice(terms: readonly string[], random: () => number): Voice {
	return {
		adjectives: some(adjectives, 0.4, random),
		openers: some(openers, 0.4, random),
		verbs: some(verbs, 0.4, random),
		closers: some(closers, 0.4, random),
		subjectPhrases: some(subjectPhrases, 0.5, random),
		objectPhrases: some(objectPhrases, 0.5, random),
		examples: some(examples, 0.5, random),
		terms: [...terms.slice(0, 2), ...some(terms.slice(2), 0.5, random)],
	};
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

const minorWords = new Set(list('a|an|and|as|at|but|by|for|in|of|on|or|the|to'));

function titleCase(text: string): string {
	const words = text.split(' ');
	return words
		.map((word, index) =>
			index > 0 && minorWords.has(word.toLowerCase()) ? word.toLowerCase() : capitalise(word),
		)
		.join(' ');
}

/** The subject inside a sentence: a leading article loses its capital ("The history…" → "the history…"). */
function inline(subject: string): string {
	return /^(?:The|A|An) /.test(subject) ? subject.charAt(0).toLowerCase() + subject.slice(1) : subject;
}

function sentence(subject: string, voice: Voice, random: () => number): string {
	const term = pick(random, voice.terms);
	const other = pickOther(random, voice.terms, term);
	if (random() < 0.12) {
		return pick(random, voice.examples)(term, other);
	}

	const opener = pick(random, voice.openers);
	const head = pick(random, voice.subjectPhrases)(inline(subject), term, pick(random, voice.adjectives));
	const object = pick(random, voice.objectPhrases)(
		other,
		pick(random, voice.terms),
		pick(random, voice.adjectives),
	);
	const body = `${head} ${pick(random, voice.verbs)} ${object}${pick(random, voice.closers)}.`;
	return opener ? `${opener} ${body}` : capitalise(body);
}

/** A paragraph of 3–6 sentences, stopping early once it is longer than `room` characters. */
export function paragraph(subject: string, voice: Voice, random: () => number, room: number): string {
	const count = 3 + Math.floor(random() * 4);
	const sentences: string[] = [];
	let length = 0;
	while (sentences.length < count && (sentences.length === 0 || length < room)) {
		const next = sentence(subject, voice, random);
		sentences.push(next);
		length += next.length + 1;
	}

	return sentences.join(' ');
}

/** A chapter or section title: the first chapter introduces the subject. */
export function chapterTitle(chapter: number, subject: string, voice: Voice, random: () => number): string {
	if (chapter === 1) {
		return `An Introduction to ${titleCase(subject)}`;
	}

	const term = pick(random, voice.terms);
	const other = titleCase(pickOther(random, voice.terms, term));
	return pick(random, [
		`${titleCase(term)} and ${other}`,
		`The Question of ${titleCase(term)}`,
		`${titleCase(term)} in Practice`,
		`Reading ${titleCase(term)} Closely`,
		`Where ${titleCase(term)} Comes From`,
		`${titleCase(term)} Under Pressure`,
	]);
}

/** The text of a `NEXT:` hint: what the following chunk should take up. */
export function nextHint(voice: Voice, random: () => number): string {
	const term = pick(random, voice.terms);
	return `${term} and ${pickOther(random, voice.terms, term)}`;
}

/** Line `n` of an outline: `n. Title: a sentence`. */
export function outlineLine(n: number, subject: string, voice: Voice, random: () => number): string {
	return `${n}. ${chapterTitle(n, subject, voice, random)}: ${sentence(subject, voice, random)}`;
}
