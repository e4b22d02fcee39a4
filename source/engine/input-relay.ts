/**
 * Input for a run that came through the event log (`send`, or keys typed into a viewer's pane):
 * delivered to the agent's pty by the engine that runs it.
 */
import type {JobStore} from '../store/job-store.js';

/**
 * Deliver `job.input` events of run `n` to the agent, each once and in order, including any sent
 * between the claim and now. Works whichever process appended them: the store folds every log.
 */
export function relayInput(
	store: JobStore,
	jobId: string,
	n: number,
	write: (data: string) => void,
): () => void {
	const delivered = new Set<string>();
	const deliver = () => {
		const job = store.getSnapshot().board.jobs.get(jobId);
		for (const input of job?.input ?? []) {
			if (input.run === n && !delivered.has(input.id)) {
				delivered.add(input.id);
				write(input.enter ? `${input.text}\r` : input.text);
			}
		}
	};

	deliver();
	return store.subscribe(deliver);
}
