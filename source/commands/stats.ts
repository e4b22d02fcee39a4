import {textStats} from '../core/index.js';
import {readBook} from './book-text.js';
import type {CommandSpec} from './types.js';

/** `stats <id>`: words, chapters, reading time, repetition rate and lexical density of a book. */
export const stats: CommandSpec = {
	name: 'stats',
	summary: "an author job's text in figures: words, chapters, reading time, repetition, density",
	examples: ['xsarena stats 01JD8Q…'],
	configure(command) {
		command.argument('<id>', 'author job id (or a unique prefix of it)');
	},
	async run(context, [id = '']) {
		const {job, file, text} = readBook(context, id);
		const figures = textStats(text);
		const author = job.author!;
		const lines = [
			`${job.title}  (${file})`,
			`chunks          ${author.chunks} of ${author.spec.chunks}`,
			`words           ${figures.words.toLocaleString('en-US')}`,
			`characters      ${figures.characters.toLocaleString('en-US')}`,
			`chapters        ${figures.chapters}`,
			`reading time    ${Math.round(figures.readingMinutes)} min`,
			`repetition      ${(figures.repetitionRate * 100).toFixed(1)} % of word 3-grams occur more than once`,
			`lexical density ${(figures.lexicalDensity * 100).toFixed(1)} % content words`,
			`tokens          ${author.tokens.toLocaleString('en-US')}`,
		];
		return {data: {id: job.id, file, chunks: author.chunks, ...figures}, text: lines.join('\n')};
	},
};
