/**
 * Editing a job's words in place: title, description, priority and acceptance criteria. Pure, like
 * the other decisions: the fields in, one `job.updated` with only what changed out.
 */
import {draft, type Draft} from './decide.js';
import {DomainError} from './errors.js';
import {eventDataSchemas} from './events.js';
import type {Job, Priority} from './job.js';

/** The fields a person edits by hand. */
export type EditableFields = {
	readonly title: string;
	readonly description: string;
	readonly priority: Priority;
	readonly acceptance: readonly string[];
};

/** An edit: the fields to set; a field left out keeps its value. */
export type EditRequest = Partial<EditableFields>;

/** The fields of `job` a person can edit. */
export function editableFields(job: Job): EditableFields {
	return {title: job.title, description: job.description, priority: job.priority, acceptance: job.acceptance};
}

/** `request` tidied: the title trimmed, the description without trailing blanks, empty criteria dropped. */
function tidy(request: EditRequest): EditRequest {
	return {
		...request,
		title: request.title?.trim(),
		description: request.description?.replace(/\s+$/, ''),
		acceptance: request.acceptance
			?.map((criterion) => criterion.trim())
			.filter((criterion) => criterion !== ''),
	};
}

function same(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The fields of `request` that differ from `job`'s. */
export function changedFields(job: Job, request: EditRequest): EditRequest {
	const wanted = tidy(request);
	const changes: {-readonly [K in keyof EditableFields]?: EditableFields[K]} = {};
	if (wanted.title !== undefined && wanted.title !== job.title) {
		changes.title = wanted.title;
	}

	if (wanted.description !== undefined && wanted.description !== job.description) {
		changes.description = wanted.description;
	}

	if (wanted.priority !== undefined && wanted.priority !== job.priority) {
		changes.priority = wanted.priority;
	}

	if (wanted.acceptance !== undefined && !same(wanted.acceptance, job.acceptance)) {
		changes.acceptance = wanted.acceptance;
	}

	return changes;
}

/**
 * Edit `job`: one `job.updated` with the fields that change, or none when nothing does.
 *
 * @throws {DomainError} `invalid` for an empty title, or a field past the event format's limits.
 */
export function decideEdit(job: Job, request: EditRequest): Draft[] {
	const changes = changedFields(job, request);
	if (changes.title === '') {
		throw new DomainError('invalid', 'a job needs a title');
	}

	if (Object.keys(changes).length === 0) {
		return [];
	}

	const parsed = eventDataSchemas['job.updated'].safeParse(changes);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new DomainError('invalid', `${issue?.path.join('.') ?? 'edit'}: ${issue?.message ?? 'invalid'}`);
	}

	return [draft('job.updated', parsed.data)];
}
