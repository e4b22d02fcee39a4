import {Option} from 'commander';
import {decideCreate, priorities, type AuthorSpec} from '../core/index.js';
import {defaultDirectiveRoots, loadDirectives} from '../config/directives.js';
import {authorResolver} from '../config/authoring.js';
import {defaultTransportName, transportEntries} from '../config/transports.js';
import {resolveBookPath} from '../engine/author/book-file.js';
import {composeBook} from '../engine/author/prepare-book.js';
import {newJobId} from '../store/job-store.js';
import {UsageError, type CommandContext, type CommandSpec} from './types.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Check that `spec` can run before it is added: every directive exists and renders, every extra file
 * reads, the output path is allowed, the transport is configured. Nothing is sent anywhere.
 *
 * @throws Error saying what is wrong.
 */
export function checkAuthorSpec(context: CommandContext, spec: AuthorSpec, jobId: string): void {
	composeBook(loadDirectives(defaultDirectiveRoots(context.paths.root)), spec, context.projectDir);
	resolveBookPath(spec.out, context.projectDir, context.paths.jobDir(jobId));
	const transports = transportEntries(context.config.transports).map((entry) => entry.name);
	if (spec.transport !== undefined && !transports.includes(spec.transport)) {
		throw new UsageError(`unknown transport "${spec.transport}" (configured: ${transports.join(', ')})`);
	}
}

/**
 * `book <subject>`: add an author job that writes a long text chunk by chunk through a chat model.
 * Presets and session knobs are resolved now and recorded with the job.
 */
export const book: CommandSpec = {
	name: 'book',
	summary: 'add an author job: a book (or explainer, study guide) written chunk by chunk by a model',
	examples: [
		'xsarena book "The history of Unix" --span long --plan',
		'xsarena book "Rust ownership" --template study-guide --overlay reading-beginner --overlay tone-socratic',
	],
	configure(command) {
		command
			.argument('<subject...>', 'what to write about (words are joined by spaces)')
			.option('--template <name>', 'base directive: book, explainer, study-guide, reference')
			.option('--length <preset>', 'characters per chunk: standard, long, very-long, max')
			.option('--span <preset>', 'number of chunks: medium, long, book')
			.option('--overlay <name>', 'an overlay directive, in order (repeatable)', collect, [])
			.option('--file <path>', 'a file fenced into the prompt (repeatable)', collect, [])
			.option('--note <text>', 'a note for the model, after the directives')
			.option('--plan', 'ask the model for an outline first, one section per chunk')
			.option('--out <path>', 'output file, inside the project (default .xsarena/jobs/<id>/out.md)')
			.option('--transport <name>', 'transport from config.yml (default: its default, else scripted)')
			.option('--model <name>', "model for the transport (default: the transport's)")
			.option('--title <text>', 'card title (default: the subject)')
			.addOption(new Option('--priority <level>', 'priority').choices(priorities).default('medium'))
			.option('--depends-on <id>', 'a job that must be done first (repeatable)', collect, []);
	},
	async run(context, words, options) {
		const subject = words.join(' ').trim();
		const overlays = options['overlay'] as string[];
		const resolve = authorResolver(
			context.config.authoring,
			defaultTransportName(context.config.transports),
			context.paths.root,
		);
		const spec = resolve({
			subject,
			template: options['template'] as string | undefined,
			length: options['length'] as string | undefined,
			span: options['span'] as string | undefined,
			overlays: overlays.length > 0 ? overlays : undefined,
			files: options['file'] as string[],
			note: options['note'] as string | undefined,
			plan: options['plan'] === true,
			out: options['out'] as string | undefined,
			transport: options['transport'] as string | undefined,
			model: options['model'] as string | undefined,
		});
		const id = newJobId();
		try {
			checkAuthorSpec(context, spec, id);
		} catch (error) {
			throw error instanceof UsageError ? error : new UsageError((error as Error).message);
		}

		const title = ((options['title'] as string | undefined) ?? subject).slice(0, 500);
		const drafts = decideCreate(context.store.getSnapshot().board, {
			title,
			description: `${spec.template}: ${spec.chunks} chunks of ${spec.minChars}+ characters (${spec.length}, ${spec.span}); overlays ${spec.overlays.join(', ') || 'none'}`,
			kind: 'author',
			status: 'ready',
			priority: options['priority'] as (typeof priorities)[number],
			agent: spec.transport ?? 'scripted',
			blockedBy: options['dependsOn'] as string[],
			acceptance: [],
			author: spec,
		});
		context.store.append(id, drafts, context.origin);
		context.engine?.poke();
		return {data: {id, spec}, text: id};
	},
};
