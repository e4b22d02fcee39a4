/** What the author-job engine tests share: a small spec, and adding an author job to a store. */
import {decideCreate, type AuthorSpec} from '../../source/core/index.js';
import {newJobId, type JobStore} from '../../source/store/job-store.js';

/** A short book (2 chunks of 20+ characters, no extension) on transport `script`, `overrides` over it. */
export function authorSpec(overrides: Partial<AuthorSpec> = {}): AuthorSpec {
	return {
		subject: 'tides',
		template: 'book',
		length: 'standard',
		span: 'medium',
		chunks: 2,
		minChars: 20,
		passes: 0,
		overlays: [],
		files: [],
		plan: false,
		transport: 'script',
		continuation: 'anchor',
		anchorChars: 200,
		repetitionThreshold: 0.8,
		repetitionAction: 'continue',
		stallChars: 5,
		...overrides,
	};
}

/** Add a ready author job writing `spec` (its agent is the spec's transport); returns its id. */
export function addAuthorJob(store: JobStore, spec: AuthorSpec): string {
	const id = newJobId();
	store.append(
		id,
		decideCreate(store.getSnapshot().board, {
			title: spec.subject,
			description: '',
			kind: 'author',
			status: 'ready',
			priority: 'medium',
			agent: spec.transport ?? 'scripted',
			blockedBy: [],
			acceptance: [],
			author: spec,
		}),
		'test',
	);
	return id;
}
