/**
 * Block the thread for `ms` milliseconds without spinning (`Atomics.wait`). Only for the rare waits a
 * synchronous append must make (a busy job lock, a torn tail settling); never on a hot path.
 */
export function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}
