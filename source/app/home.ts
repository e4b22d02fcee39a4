/**
 * Finding the `.xsarena/` folder, and seeding the bundled demo board into it on a first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Where the `.xsarena/` folder is and how it was chosen. */
export type HomeChoice = {
	/** Absolute path of the `.xsarena/` folder. */
	readonly root: string;
	/** The folder agents work in by default: the parent of a default `./.xsarena`, else the cwd. */
	readonly projectDir: string;
	/** `--home` or `XSARENA_HOME` named it: such a folder is never seeded with demo jobs. */
	readonly explicit: boolean;
};

/**
 * Pull `--home DIR` / `--home=DIR` out of argv (anywhere: the store must be found before the command
 * is parsed) and decide the home folder: `--home`, else `$XSARENA_HOME`, else `./.xsarena`.
 *
 * @returns the remaining argv and the choice.
 */
export function resolveHome(
	argv: readonly string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): {argv: string[]; home: HomeChoice} {
	const rest: string[] = [];
	let flag: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			rest.push(...argv.slice(index));
			break;
		}

		if (arg === '--home') {
			flag = argv[++index];
		} else if (arg.startsWith('--home=')) {
			flag = arg.slice('--home='.length);
		} else {
			rest.push(arg);
		}
	}

	const named = flag ?? env['XSARENA_HOME'];
	if (named !== undefined && named !== '') {
		return {argv: rest, home: {root: path.resolve(cwd, named), projectDir: cwd, explicit: true}};
	}

	return {argv: rest, home: {root: path.join(cwd, '.xsarena'), projectDir: cwd, explicit: false}};
}

/** The bundled example folder (`.xsarena.example/` at the package root). */
export const exampleDir = fileURLToPath(new URL('../../.xsarena.example/', import.meta.url));

/** True when `root` does not exist yet and may be seeded (never for an explicitly named home). */
export function shouldSeed(home: HomeChoice): boolean {
	return !home.explicit && !fs.existsSync(home.root);
}

/**
 * Kept in every home: xsarena's state (logs, runs, worktrees) stays out of the project's `git status`,
 * while a person may still commit the config and the board.
 */
const homeGitignore =
	'# xsarena state; config.yml and board.yml may be committed\n*\n!.gitignore\n!config.yml\n!board.yml\n';

/** Write `.gitignore` into `root` unless one is there (a person's own wins). */
export function ensureHomeGitignore(root: string): void {
	fs.mkdirSync(root, {recursive: true});
	try {
		fs.writeFileSync(path.join(root, '.gitignore'), homeGitignore, {flag: 'wx'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw error;
		}
	}
}

/** Copy the example's `config.yml` into a new home. The caller imports its `board.yml`. */
export function seedConfig(root: string, example = exampleDir): void {
	fs.mkdirSync(root, {recursive: true});
	fs.copyFileSync(path.join(example, 'config.yml'), path.join(root, 'config.yml'));
}
