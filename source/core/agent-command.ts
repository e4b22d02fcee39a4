/**
 * Turning an agent's argv template into the argv of one run.
 *
 * Placeholders fill argv elements as plain strings, never through a shell, so a prompt holding quotes,
 * `$(…)`, backticks or `;` reaches the agent exactly as written (FAULTS S2). Only an agent the user
 * configured as a shell (`bash -c {command}`) interprets its input, and then only the `command` field.
 */
import {DomainError} from './errors.js';
import type {Job} from './job.js';

/** Values a template may use. */
export type TemplateVars = {
	readonly command?: string;
	readonly prompt?: string;
	readonly title: string;
	readonly jobId: string;
	readonly workspace: string;
};

const placeholder = /\{(\w+)\}/g;

/**
 * Fill `{name}` placeholders in each element of `template`.
 *
 * @throws {DomainError} `invalid` naming the placeholder when the template uses an unknown one or a
 * value the job does not have (e.g. `{prompt}` for a job without a prompt).
 */
export function fillTemplate(template: readonly string[], vars: TemplateVars, agent: string): string[] {
	return template.map((element) =>
		element.replaceAll(placeholder, (_match, name: string) => {
			const value = Object.hasOwn(vars, name) ? vars[name as keyof TemplateVars] : undefined;
			if (value === undefined) {
				throw new DomainError('invalid', `agent "${agent}" needs {${name}}, which this job does not have`);
			}

			return value;
		}),
	);
}

/** The template variables of a job. */
export function jobTemplateVars(job: Job, workspace: string): TemplateVars {
	return {
		command: job.command,
		prompt: job.prompt ?? job.description,
		title: job.title,
		jobId: job.id,
		workspace,
	};
}
