import fs from 'node:fs';
import path from 'node:path';
import {chapterFileName, splitChapters} from '../core/index.js';
import {insideProject} from '../engine/author/book-file.js';
import {readBook} from './book-text.js';
import {UsageError, type CommandSpec} from './types.js';

/** `split <id> [--out DIR]`: one Markdown file per chapter (top-level heading) of a book. */
export const split: CommandSpec = {
	name: 'split',
	summary: "split an author job's Markdown into one file per chapter (by top-level heading)",
	examples: ['xsarena split 01JD8Q…', 'xsarena split 01JD8Q… --out docs/chapters'],
	configure(command) {
		command
			.argument('<id>', 'author job id (or a unique prefix of it)')
			.option('--out <dir>', 'folder for the chapters, inside the project (default: beside the book)');
	},
	async run(context, [id = ''], options) {
		const {job, file, text} = readBook(context, id);
		const given = options['out'] as string | undefined;
		let dir: string;
		try {
			dir =
				given === undefined
					? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-chapters`)
					: insideProject(given, context.projectDir, '--out');
		} catch (error) {
			throw new UsageError((error as Error).message);
		}

		const chapters = splitChapters(text);
		fs.mkdirSync(dir, {recursive: true});
		const written = chapters.map((chapter) => {
			const target = path.join(dir, chapterFileName(chapter.index, chapter.title, chapters.length));
			// O_NOFOLLOW: a symlink planted in the folder must not redirect a write outside it.
			const fd = fs.openSync(
				target,
				fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW,
				0o644,
			);
			try {
				fs.writeSync(fd, chapter.text.endsWith('\n') ? chapter.text : `${chapter.text}\n`);
			} finally {
				fs.closeSync(fd);
			}

			return target;
		});
		return {
			data: {id: job.id, dir, files: written},
			text: [
				`${written.length} chapters in ${dir}`,
				...written.map((target) => `  ${path.basename(target)}`),
			].join('\n'),
		};
	},
};
