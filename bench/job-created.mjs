/**
 * The `job.created` payload the store benchmarks (B7–B9) start their jobs with: a plain shell job.
 *
 * @param {string} title
 * @param {'inbox' | 'ready'} status
 */
export function jobCreatedData(title, status = 'ready') {
	return {
		title,
		description: '',
		kind: 'agent',
		status,
		priority: 'medium',
		agent: 'shell',
		command: 'true',
		blockedBy: [],
		acceptance: [],
	};
}
