/**
 * Editing text in the person's editor, as git does: `$VISUAL`, else `$EDITOR`, else `vi`, run through
 * `sh -c` (so `EDITOR="code --wait"` works) on a temporary file, with the terminal handed over to it.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Lends the terminal to `run` and takes it back afterwards (the dashboard leaves its screen and raw
 * mode, then repaints). Outside the dashboard the terminal is already the editor's: run it as it is.
 */
export type Handover = <T>(run: () => Promise<T>) => Promise<T>;

/** What the editor left in the file. */
export type EditedText = {
	/** The temporary file, kept until {@link TextEditor.discard} (a bad edit can be fixed and applied). */
	readonly file: string;
	readonly text: string;
};

/** Edits text in an external editor. */
export type TextEditor = {
	/**
	 * Write `text` to a new temporary file called `<name>.md`, open the editor on it and read it back.
	 *
	 * @throws Error when the editor cannot start or exits with a failure (the message names the file).
	 */
	edit(text: string, name: string): Promise<EditedText>;
	/** Remove a file {@link edit} made (and its folder). Never throws. */
	discard(file: string): Promise<void>;
};

/** The editor command line: `$VISUAL`, `$EDITOR`, or `vi` (git's order). */
export function editorCommand(env: NodeJS.ProcessEnv): string {
	const chosen = [env['VISUAL'], env['EDITOR']].find((value) => value !== undefined && value.trim() !== '');
	return chosen?.trim() ?? 'vi';
}

/** Run `command` (a shell line) on `file` with the terminal inherited; resolves with its exit code. */
async function runEditor(command: string, file: string, env: NodeJS.ProcessEnv): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn('sh', ['-c', `${command} "$@"`, command, file], {stdio: 'inherit', env});
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			resolve(code ?? (signal ? 128 : 1));
		});
	});
}

/** Options of {@link createTextEditor}. */
export type TextEditorOptions = {
	/** Where `$VISUAL`/`$EDITOR` are read, and the editor's environment (default: this process's). */
	readonly env?: NodeJS.ProcessEnv;
	/** How the terminal is lent to the editor (default: as it is). */
	readonly handover?: Handover;
	/** Folder the temporary folders go in (default: the system's). */
	readonly tmpdir?: string;
};

/** A {@link TextEditor} over the person's editor. */
export function createTextEditor(options: TextEditorOptions = {}): TextEditor {
	const env = options.env ?? process.env;
	const handover: Handover = options.handover ?? (async (run) => run());
	return {
		async edit(text, name) {
			const folder = await fs.mkdtemp(path.join(options.tmpdir ?? os.tmpdir(), 'xsarena-edit-'));
			const file = path.join(folder, `${name.replaceAll(/[^\w.-]/g, '_')}.md`);
			await fs.writeFile(file, text);
			const command = editorCommand(env);
			let code: number;
			try {
				code = await handover(async () => runEditor(command, file, env));
			} catch (error) {
				throw new Error(
					`could not run the editor "${command}": ${(error as Error).message} (text kept in ${file})`,
					{cause: error},
				);
			}

			if (code !== 0) {
				throw new Error(
					`the editor "${command}" exited with ${code}; nothing applied (text kept in ${file})`,
				);
			}

			return {file, text: await fs.readFile(file, 'utf8')};
		},
		async discard(file) {
			const folder = path.dirname(file);
			// Only a folder `edit` made: a path from elsewhere is left alone.
			if (path.basename(folder).startsWith('xsarena-edit-')) {
				await fs.rm(folder, {recursive: true, force: true}).catch(() => undefined);
			}
		},
	};
}
