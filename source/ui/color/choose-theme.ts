/**
 * Which palette to draw with, decided once at start from the config, the environment and the
 * command line. Pure: the environment comes in as an argument.
 */

/** Values of `theme:` in `config.yml`. */
export const themeSettings = ['auto', 'dark', 'light'] as const;

/** `auto` (from `COLORFGBG`, else dark), `dark` or `light`. */
export type ThemeSetting = (typeof themeSettings)[number];

/** A palette the dashboard can draw with (before `NO_COLOR` is applied). */
export type ThemeName = 'dark' | 'light';

/**
 * The background `COLORFGBG` announces (rxvt's convention, also set by Konsole and others): `fg;bg` or
 * `fg;default;bg`, each an ANSI colour index. Background 7 (light gray) and 9-15 (the bright colours)
 * are light; 0-6 and 8 (dark gray) are dark.
 *
 * @returns undefined when the variable is absent or says nothing usable (`default`).
 */
export function backgroundFromColorFgBg(value: string | undefined): ThemeName | undefined {
	const last = value?.split(';').at(-1)?.trim();
	if (last === undefined || !/^\d+$/.test(last)) {
		return undefined;
	}

	const index = Number(last);
	return index >= 7 && index !== 8 ? 'light' : 'dark';
}

/** The palette `setting` means here: `auto` reads `COLORFGBG` and falls back to dark. */
export function resolveTheme(setting: ThemeSetting, env: NodeJS.ProcessEnv): ThemeName {
	return setting === 'auto' ? (backgroundFromColorFgBg(env['COLORFGBG']) ?? 'dark') : setting;
}

/**
 * Whether the chrome may use colour (https://no-color.org). `--no-color` always turns it off; a
 * non-empty `NO_COLOR` does too, unless `FORCE_COLOR` asks for colour (as in Node's own rules, so a
 * person can force it for one command).
 */
export function colorWanted(env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
	if (noColorFlag) {
		return false;
	}

	const force = env['FORCE_COLOR'];
	if (force !== undefined && force !== '' && force !== '0' && force !== 'false') {
		return true;
	}

	return !env['NO_COLOR'];
}

/** The global `--no-color` flag removed from `argv` (up to a `--`), and whether it was there. */
export function takeNoColorFlag(argv: readonly string[]): {argv: string[]; noColor: boolean} {
	const end = argv.indexOf('--');
	const rest = argv.filter((argument, index) => argument !== '--no-color' || (end !== -1 && index > end));
	return {argv: rest, noColor: rest.length !== argv.length};
}
