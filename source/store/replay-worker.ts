/**
 * A helper thread of `replay-pool.ts`: takes logs from the shared counter until none is left, and
 * posts each folded job back.
 */
import {workerData} from 'node:worker_threads';
import {replayLog, type ReplayMessage, type ReplayWorkerData} from './replay-pool.js';

const {tasks, claims, port} = workerData as ReplayWorkerData;
for (let index = Atomics.add(claims, 0, 1); index < tasks.length; index = Atomics.add(claims, 0, 1)) {
	const message: ReplayMessage = {index, replayed: replayLog(tasks[index]!)};
	port.postMessage(message);
	Atomics.add(claims, 1, 1);
	Atomics.notify(claims, 1);
}

port.close();
