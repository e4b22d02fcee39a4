/**
 * Notices raised while the dashboard is open (an engine failure, a failed append): the latest one, as
 * a {@link NoticeSource} the status bar reads.
 */
import type {NoticeSource} from '../ui/ports.js';

/** A notice source that code outside the UI can post to. */
export type NoticeBoard = NoticeSource & {post(message: string): void};

/** Create an empty notice board. */
export function createNoticeBoard(): NoticeBoard {
	const listeners = new Set<() => void>();
	let latest: string | undefined;
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getSnapshot: () => latest,
		post(message) {
			latest = message;
			for (const listener of listeners) {
				listener();
			}
		},
	};
}
