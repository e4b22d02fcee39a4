/**
 * One line per event, for people: what the headless engine prints and what timelines show.
 */
import {isKnownEvent, type JobEvent, type KnownEvent} from '../core/index.js';
import {fit} from './format.js';

/** A person's summary of an event's payload: "run 2 exited with code 0", "moved ready → in_flight". */
export function summarizeEvent(event: JobEvent): string {
	if (!isKnownEvent(event)) {
		return `(${event.type}: not known to this version)`;
	}

	return summarizeKnown(event);
}

function summarizeKnown(event: KnownEvent): string {
	switch (event.type) {
		case 'job.created': {
			return `created in ${event.data.status} (${event.data.priority}, agent ${event.data.agent})`;
		}

		case 'job.updated': {
			return `updated ${Object.keys(event.data).join(', ')}`;
		}

		case 'job.status_changed': {
			const {from, to, reason, until} = event.data;
			return `moved ${from} → ${to}${reason ? `: ${reason}` : ''}${until ? ` until ${until}` : ''}`;
		}

		case 'job.claimed': {
			return `claimed for run ${event.data.run} by ${event.data.by} (${event.data.agent})`;
		}

		case 'run.started': {
			const {run, pid, resumed} = event.data;
			return `run ${run} started, pid ${pid}${resumed ? ' (resumed)' : ''}`;
		}

		case 'run.state_changed': {
			return `run ${event.data.run} ${event.data.from} → ${event.data.to}`;
		}

		case 'run.output': {
			return `run ${event.data.run} has written ${event.data.bytes} bytes`;
		}

		case 'run.exited': {
			const {run, code, signal, reason} = event.data;
			const how = code === null ? `killed by ${String(signal)}` : `exited with code ${code}`;
			return `run ${run} ${how}${reason ? ` (${reason})` : ''}`;
		}

		case 'run.interrupted': {
			return `run ${event.data.run} interrupted: ${event.data.reason}`;
		}

		case 'run.restarted': {
			return `restarting after run ${event.data.run}${event.data.stalled ? ' (stalled)' : ''}: ${event.data.reason}`;
		}

		case 'job.cancel_requested': {
			return event.data.reason === 'paused' ? 'pause requested' : 'cancel requested';
		}

		case 'job.dispatch_requested': {
			return 'start-now requested';
		}

		case 'job.message': {
			return `message from ${event.data.from}: ${event.data.text}`;
		}

		case 'job.input': {
			return `input for run ${event.data.run} (${event.data.text.length} chars${event.data.enter ? ' and Enter' : ''})`;
		}

		case 'chunk.completed': {
			const {n, chars, tokens, next} = event.data;
			return `chunk ${n} written (${chars} chars, ${tokens} tokens)${next ? `; next: ${next}` : ''}`;
		}

		case 'chunk.repetition': {
			const {n, similarity, action} = event.data;
			return `chunk ${n} repeats recent text (similarity ${similarity.toFixed(2)}): ${action}`;
		}

		case 'job.hint': {
			return `hint for the next chunk: ${event.data.text}`;
		}

		case 'author.outlined': {
			return `outline of ${event.data.sections.length} sections`;
		}

		case 'job.cost': {
			return `cost ${event.data.tokens} tokens, $${event.data.usd.toFixed(4)}`;
		}

		default: {
			const unreachable: never = event;
			return unreachable;
		}
	}
}

/** `<time> <short id> <title> <type> <summary>` on one line (newlines in the text become spaces). */
export function describeEvent(event: JobEvent, title: string): string {
	const line = `${event.at}  ${event.jobId.slice(-8)}  ${fit(title, 28)}  ${fit(event.type, 18)}  ${summarizeEvent(event)}`;
	return line.replaceAll(/[\r\n]+/g, ' ');
}
