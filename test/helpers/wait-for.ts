/**
 * Poll `check` until it returns a truthy value or `timeoutMs` passes. Bounded waits instead of sleeps:
 * fast when the machine is fast, and a clear failure (with `describe()`) when it is not.
 */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	timeoutMs = 5000,
	describe: () => string = () => '',
	intervalMs = 20,
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms${describe() ? `: ${describe()}` : ''}`);
		}

		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
