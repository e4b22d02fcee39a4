/**
 * Everything an author run needs before it asks the model anything: the directives (a missing one or
 * a missing variable is an error here, before a request is sent), the extra files, the composed system
 * prompt, the transport, and `manifest.json`, which records what produced the text so a run can be
 * reproduced.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	authorSystemPrompt,
	directiveLabel,
	roleGuideNames,
	type AuthorSpec,
	type Job,
	type RoleGuides,
} from '../../core/index.js';
import type {DirectiveLibrary} from '../../config/directives.js';
import {costOf, type TransportsConfig} from '../../config/transports.js';
import type {Completion, Transport} from '../../llm/transport.js';
import type {Transports} from '../../llm/transports.js';
import type {IterationContext} from '../run-iteration.js';

/** Largest extra file fenced into a prompt, in bytes. */
export const maxExtraFileBytes = 1024 * 1024;

/** What the engine holds for author jobs: shared by every author run of the process. */
export type AuthorServices = {
	readonly transports: Transports;
	readonly transportsConfig: TransportsConfig;
	/** The directives as they are now on disk (read again per run, so edits apply to the next run). */
	directives(): DirectiveLibrary;
};

/** A run's prompt material and transport. */
export type PreparedBook = {
	readonly system: string;
	readonly roles: RoleGuides;
	readonly transport: Transport;
	price(completion: Completion): number;
};

/**
 * Read an extra file for the system prompt.
 *
 * @param file as the person gave it, relative to `projectDir`.
 * @throws Error naming the file: NUL in the name, missing, not a regular file, larger than
 * {@link maxExtraFileBytes}, or not UTF-8 text.
 */
export function readExtraFile(file: string, projectDir: string): {name: string; content: string} {
	if (file.includes('\0')) {
		throw new Error('--file: a path cannot contain NUL');
	}

	const absolute = path.resolve(projectDir, file);
	const stat = fs.statSync(absolute, {throwIfNoEntry: false});
	if (!stat) {
		throw new Error(`--file: ${file} does not exist`);
	}

	if (!stat.isFile()) {
		throw new Error(`--file: ${file} is not a regular file`);
	}

	if (stat.size > maxExtraFileBytes) {
		throw new Error(`--file: ${file} is ${stat.size} bytes; the limit is ${maxExtraFileBytes}`);
	}

	const content = fs.readFileSync(absolute, 'utf8');
	if (content.includes('\0')) {
		throw new Error(`--file: ${file} is not text`);
	}

	return {name: file, content};
}

/**
 * The system prompt of `spec`: its base directive, overlays and extra files from `library` and
 * `projectDir`, composed. `book` calls it to refuse a bad request before adding the job; a run calls
 * it again, so edits made meanwhile apply.
 *
 * @throws DirectiveError (unknown directive, missing variable) or Error (an extra file).
 */
export function composeBook(library: DirectiveLibrary, spec: AuthorSpec, projectDir: string) {
	const base = library.get('base', spec.template);
	const overlays = spec.overlays.map((name) => library.get('overlay', name));
	const files = spec.files.map((file) => readExtraFile(file, projectDir));
	return {base, overlays, files, system: authorSystemPrompt(spec, {base, overlays, files})};
}

/**
 * Load the directives and files of `spec`, compose the system prompt and write `manifest.json`.
 *
 * @throws DirectiveError (unknown directive, missing variable) or Error (an extra file).
 */
export function prepareBook(
	context: IterationContext & {readonly author: AuthorServices},
	job: Job,
	spec: AuthorSpec,
): PreparedBook {
	const library = context.author.directives();
	const {base, overlays, files, system} = composeBook(library, spec, context.projectDir);
	const roles = Object.fromEntries(
		Object.entries(roleGuideNames).map(([step, name]) => [step, library.get('role', name)]),
	) as RoleGuides;
	const name = spec.transport ?? context.author.transports.default;
	const transport = context.author.transports.get(name);
	const settings = context.author.transportsConfig[name];
	const price = settings?.type === 'openai' ? settings.price : undefined;
	const used = [base, ...overlays, ...Object.values(roles)];
	writeManifest(path.join(context.paths.jobDir(job.id), 'manifest.json'), {
		job: job.id,
		run: job.runs.at(-1)?.n ?? 1,
		writtenAt: new Date().toISOString(),
		spec,
		transport: {name, model: spec.model ?? (settings?.type === 'openai' ? settings.model : undefined)},
		directives: Object.fromEntries(used.map((directive) => [directiveLabel(directive), directive.digest])),
		files: files.map((file) => ({name: file.name, chars: file.content.length})),
		settings: {transport: settings},
		system,
	});
	return {
		system,
		roles,
		transport,
		price: (completion) => (price ? costOf(completion.usage, price) : 0),
	};
}

/** Write atomically (temp file, rename), so a crash never leaves half a manifest. */
function writeManifest(file: string, manifest: Record<string, unknown>): void {
	const temporary = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temporary, `${JSON.stringify(manifest, null, '\t')}\n`);
	fs.renameSync(temporary, file);
}
