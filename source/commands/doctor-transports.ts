/** `doctor`'s rows for the transports of author jobs: where each one points, and whether its key reads. */
import type {Board} from '../core/index.js';
import {resolveTransportToken, transportEntries, type TransportsConfig} from '../config/transports.js';
import type {MachineCheck} from './doctor.js';

/** Unfinished author jobs that use transport `name`. */
function usersOf(board: Board, name: string): string[] {
	return [...board.jobs.values()]
		.filter((job) => job.author && (job.author.spec.transport ?? job.agent) === name && job.status !== 'done')
		.map((job) => job.id);
}

/**
 * One row per configured transport. An `openai` transport whose token source cannot be read fails
 * when an unfinished author job uses it and warns otherwise; the token is never printed.
 */
export function checkTransports(
	config: TransportsConfig,
	board: Board,
	tokens: {readonly env: NodeJS.ProcessEnv; readonly projectDir: string},
): MachineCheck[] {
	return transportEntries(config).map((entry): MachineCheck => {
		const name = `transport ${entry.name}`;
		const users = usersOf(board, entry.name);
		const usedBy =
			users.length > 0 ? `; used by ${users.length} unfinished job${users.length === 1 ? '' : 's'}` : '';
		if (entry.type === 'scripted') {
			return {name, mark: 'ok', detail: `offline scripted writer, ${entry.charsPerSecond} chars/s${usedBy}`};
		}

		const where = `${entry.baseURL}, model ${entry.model}`;
		if (entry.token === undefined) {
			return {name, mark: 'ok', detail: `${where}, no key (none configured)${usedBy}`};
		}

		try {
			resolveTransportToken(entry.token, tokens, entry.name);
			return {name, mark: 'ok', detail: `${where}, key set (from ${entry.token})${usedBy}`};
		} catch (error) {
			const reason = (error as Error).message;
			return {name, mark: users.length > 0 ? 'fail' : 'warn', detail: `${where}; ${reason}${usedBy}`};
		}
	});
}
